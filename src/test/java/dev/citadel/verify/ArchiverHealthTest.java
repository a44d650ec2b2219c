package dev.citadel.verify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_stat_archiver's verdicts, on readings shaped like the ones seed 000's clusters showed. */
class ArchiverHealthTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static String line(ArchiverHealth h) {
        return h.verdict("keycloak-postgres.archiving", "identity", "keycloak-postgres", "keycloak-postgres-1", NOW, HOUR).line();
    }

    @Test
    void archivingRecentlyWithNoFailurePasses() {
        var h = new ArchiverHealth(12, "00000001000000000000000C", NOW.minusSeconds(300), 0, null, null);
        assertThat(line(h)).isEqualTo("PASS keycloak-postgres.archiving: WAL 00000001000000000000000C archived at "
                + "2026-06-01T11:55:00Z under server name keycloak-postgres-1 (12 archived; no failure)");
    }

    @Test
    void aFailureBeforeTheLastSuccessIsOver() {
        var h = new ArchiverHealth(3, "000000010000000000000003", NOW.minusSeconds(60), 5, "000000010000000000000002",
                NOW.minusSeconds(600));
        assertThat(h.failingNow()).isFalse();
        assertThat(line(h)).startsWith("PASS").endsWith("(3 archived; last failure 2026-06-01T11:50:00Z, before that success)");
    }

    @Test
    void seed000AFailureAfterTheLastSuccessFailsWithTheWalAndTheCauses() {
        var h = new ArchiverHealth(1, "000000010000000000000001", NOW.minusSeconds(3600 * 30), 812, "000000010000000000000002",
                NOW.minusSeconds(20));
        assertThat(line(h)).startsWith("FAIL keycloak-postgres.archiving: WAL 000000010000000000000002 failed to archive at "
                        + "2026-06-01T11:59:40Z (812 failures), and nothing archived since (last success: 000000010000000000000001 at "
                        + "2026-05-31T06:00:00Z)")
                .contains("kubectl -n identity logs -l cnpg.io/cluster=keycloak-postgres,cnpg.io/instanceRole=primary -c plugin-barman-cloud")
                .contains("AWS_REQUEST_CHECKSUM_CALCULATION")
                .contains("'Expected empty archive' means server name keycloak-postgres-1");
    }

    @Test
    void failingFromTheFirstSegmentFails() {
        var h = new ArchiverHealth(0, null, null, 4, "000000010000000000000001", NOW.minusSeconds(5));
        assertThat(line(h)).startsWith("FAIL").contains("(4 failures), and nothing archived since (no segment was ever archived)");
    }

    @Test
    void aFailureInTheSameSecondAsTheSuccessComparesBeyondSeconds() {
        var success = Instant.parse("2026-06-01T11:59:00.900Z");
        var h = new ArchiverHealth(2, "000000010000000000000002", success, 1, "000000010000000000000002",
                Instant.parse("2026-06-01T11:59:00.100Z"));
        assertThat(h.failingNow()).isFalse();
    }

    @Test
    void nothingEverArchivedFails() {
        assertThat(line(new ArchiverHealth(0, null, null, 0, null, null)))
                .startsWith("FAIL keycloak-postgres.archiving: no WAL segment archived yet");
    }

    @Test
    void aLastSuccessOlderThanTheAllowedAgeFails() {
        var h = new ArchiverHealth(40, "000000010000000000000028", NOW.minus(Duration.ofMinutes(95)), 0, null, null);
        assertThat(line(h)).startsWith("FAIL keycloak-postgres.archiving: the last WAL archived was 000000010000000000000028 at "
                + "2026-06-01T10:25:00Z, 95 min ago, over the 60 min allowed").contains("--max-archive-age");
    }
}
