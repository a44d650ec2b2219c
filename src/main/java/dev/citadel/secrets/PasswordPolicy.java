package dev.citadel.secrets;

/**
 * How a generated value looks. The defaults are fixed for good: the random provider regenerates a value
 * whenever any of these inputs changes, so a changed default would silently rotate every secret of every
 * stack that upgrades Citadel — seed 003's failure, caused by a library upgrade.
 */
public record PasswordPolicy(
        int length,
        boolean upper,
        boolean lower,
        boolean numeric,
        boolean special,
        int minUpper,
        int minLower,
        int minNumeric,
        int minSpecial,
        String overrideSpecial
) {
    /** 32 letters and digits: safe in URLs, connection strings, env files and shell, without quoting. */
    public static final int DEFAULT_LENGTH = 32;
    public static final PasswordPolicy DEFAULT = alphanumeric(DEFAULT_LENGTH);

    public static PasswordPolicy alphanumeric(int length) {
        return new PasswordPolicy(length, true, true, true, false, 1, 1, 1, 0, "");
    }

    /** Letters, digits and the given symbols (only these: many consumers choke on quotes or '$'). */
    public static PasswordPolicy withSymbols(int length, String symbols) {
        return new PasswordPolicy(length, true, true, true, true, 1, 1, 1, 1, symbols);
    }

    void validate(String field) {
        if (length < 16 || length > 512) {
            throw new IllegalArgumentException(field + ".length: " + length
                    + " is out of range; generated secrets are 16 to 512 characters (32 is the default)");
        }
        if (!upper && !lower && !numeric && !special) {
            throw new IllegalArgumentException(field + ": every character class is off; enable at least one of upper, lower, numeric, special");
        }
        if (minUpper < 0 || minLower < 0 || minNumeric < 0 || minSpecial < 0) {
            throw new IllegalArgumentException(field + ": minimum counts cannot be negative");
        }
        if ((!upper && minUpper > 0) || (!lower && minLower > 0) || (!numeric && minNumeric > 0) || (!special && minSpecial > 0)) {
            throw new IllegalArgumentException(field + ": a minimum count is set for a character class that is off; "
                    + "set that minimum to 0 or turn the class on");
        }
        if (minUpper + minLower + minNumeric + minSpecial > length) {
            throw new IllegalArgumentException(field + ": the minimum counts add up to "
                    + (minUpper + minLower + minNumeric + minSpecial) + ", more than length " + length + "; lower them or raise length");
        }
        if (special && overrideSpecial != null && !overrideSpecial.isEmpty() && overrideSpecial.chars().anyMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException(field + ".symbols: '" + overrideSpecial
                    + "' contains letters or digits; list only the symbols to allow, e.g. '-_.'");
        }
        if (special && overrideSpecial != null && overrideSpecial.isEmpty()) {
            throw new IllegalArgumentException(field + ".symbols is empty while special characters are on; "
                    + "list the symbols to allow, e.g. '-_.', or use PasswordPolicy.alphanumeric");
        }
    }
}
