package dev.citadel.stack;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The example stacks' {@code secure:} values decrypt the way a stock Pulumi CLI decrypts them (its passphrase
 * secrets provider: PBKDF2-SHA256 over the passphrase and the file's salt, 1,000,000 rounds, then AES-256-GCM), so
 * a newcomer's first {@code pulumi preview} gets past config. A placeholder ciphertext nothing can decrypt stopped
 * every {@code pulumi up} of the example before its first resource.
 */
class StackSecretsDecryptTest {
    /** Named in the stack file's header, where a newcomer changes it (the `pulumi up` steps of docs/operations.md point there). */
    static final String EXAMPLE_PASSPHRASE = "citadel-homelab-example";

    @Test
    void homelabSecretsDecryptWithTheDocumentedExamplePassphrase() throws Exception {
        var file = Path.of("stacks/Pulumi.homelab.yaml");
        var text = Files.readString(file);
        assertThat(text).as("the stack file names its example passphrase").contains('"' + EXAMPLE_PASSPHRASE + '"');
        Map<String, Object> doc = new Yaml().load(text);
        assertThat(doc).containsEntry("secretsprovider", "passphrase");
        var key = PassphraseKey.of(EXAMPLE_PASSPHRASE, String.valueOf(doc.get("encryptionsalt")));

        var secrets = secureValues(doc);
        assertThat(secrets).containsOnlyKeys("citadel:googleClientSecret", "citadel:keycloakAdminClientSecret");
        for (var secret : secrets.entrySet()) {
            assertThat(key.decrypt(secret.getValue())).as(secret.getKey()).startsWith("example-");
        }
    }

    @Test
    void everyStackWithSecretsSaysHowTheyDecrypt() throws Exception {
        try (var stacks = Files.list(Path.of("stacks"))) {
            for (var file : stacks.toList()) {
                Map<String, Object> doc = new Yaml().load(Files.readString(file));
                if (!secureValues(doc).isEmpty()) {
                    assertThat(doc).as(file + " has secure: values").containsKeys("secretsprovider", "encryptionsalt");
                }
            }
        }
    }

    @Test
    void theOldPlaceholderAndAWrongPassphraseDoNotDecrypt() throws Exception {
        Map<String, Object> doc = new Yaml().load(Files.readString(Path.of("stacks/Pulumi.homelab.yaml")));
        var salt = String.valueOf(doc.get("encryptionsalt"));
        assertThatThrownBy(() -> PassphraseKey.of("not-the-passphrase", salt))
                .isInstanceOf(AEADBadTagException.class);
        var key = PassphraseKey.of(EXAMPLE_PASSPHRASE, salt);
        assertThatThrownBy(() -> key.decrypt("v1:AAABAHJlcGxhY2Utd2l0aC1wdWx1bWktY29uZmlnLXNldA=="))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> secureValues(Map<String, Object> doc) {
        var out = new TreeMap<String, String>();
        var config = (Map<String, Object>) doc.getOrDefault("config", Map.of());
        config.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure")) {
                out.put(k, String.valueOf(m.get("secure")));
            }
        });
        return out;
    }

    /** Pulumi's passphrase crypter: the salt state is {@code v1:<salt>:v1:<nonce>:<"pulumi" sealed>}. */
    private record PassphraseKey(SecretKeySpec key) {
        static PassphraseKey of(String passphrase, String state) throws GeneralSecurityException {
            var parts = state.split(":", 3);
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException("encryptionsalt is not v1:<salt>:<check>: " + state);
            }
            var spec = new PBEKeySpec(passphrase.toCharArray(), Base64.getDecoder().decode(parts[1]), 1_000_000, 256);
            var bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            var key = new PassphraseKey(new SecretKeySpec(bytes, "AES"));
            if (!"pulumi".equals(key.decrypt(parts[2]))) {
                throw new IllegalStateException("the salt's check value is not 'pulumi'");
            }
            return key;
        }

        String decrypt(String value) throws GeneralSecurityException {
            var parts = value.split(":");
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException("not v1:<nonce>:<ciphertext>");
            }
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[1])));
            return new String(cipher.doFinal(Base64.getDecoder().decode(parts[2])), StandardCharsets.UTF_8);
        }
    }
}
