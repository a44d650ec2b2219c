package dev.citadel.secrets;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is rejected with a message that names the field, the bad value and the fix. */
final class Rejections {
    private Rejections() {
    }

    static void assertRejected(ThrowingCallable build, String field, String badValue, String fix) {
        assertThatThrownBy(build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field)
                .hasMessageContaining(badValue)
                .hasMessageContaining(fix);
    }
}
