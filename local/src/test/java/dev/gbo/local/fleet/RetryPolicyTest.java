package dev.gbo.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.fleet.RetryPolicy.Decision;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    static final JsonNode ORCHESTRATOR = Json.parse("""
            [{"onStatusReason":"Host EC2*","action":"RETRY"},
             {"onReason":"CannotInspectContainerError*","action":"RETRY"},
             {"onExitCode":"137","action":"EXIT"},
             {"onReason":"*","action":"EXIT"}]""");

    @Test
    void decide_noEvaluateOnExit_retries() {
        assertThat(RetryPolicy.decide(null, "Essential container in task exited", null, 1)).isEqualTo(Decision.RETRY);
    }

    @Test
    void decide_noEntryMatches_retries() {
        JsonNode onlyExit = Json.parse("[{\"onExitCode\":\"137\",\"action\":\"EXIT\"}]");
        assertThat(RetryPolicy.decide(onlyExit, "x", null, 2)).isEqualTo(Decision.RETRY);
    }

    @Test
    void decide_hostLoss_retries() {
        assertThat(RetryPolicy.decide(ORCHESTRATOR, "Host EC2 (instance i-0123) terminated.", null, null))
                .isEqualTo(Decision.RETRY);
    }

    @Test
    void decide_outOfMemory_exits() {
        assertThat(RetryPolicy.decide(ORCHESTRATOR, "OutOfMemoryError: Container killed due to memory usage",
                "OutOfMemoryError: Container killed due to memory usage", 137)).isEqualTo(Decision.EXIT);
    }

    @Test
    void decide_catchAllReasonStar_exitsEvenWithoutReason() {
        assertThat(RetryPolicy.decide(ORCHESTRATOR, "Essential container in task exited", null, 1))
                .isEqualTo(Decision.EXIT);
    }

    @Test
    void decide_firstMatchingEntryWins_inOrder() {
        JsonNode eoe = Json.parse("[{\"onExitCode\":\"1*\",\"action\":\"retry\"},{\"onExitCode\":\"1\",\"action\":\"EXIT\"}]");
        assertThat(RetryPolicy.decide(eoe, null, null, 1)).isEqualTo(Decision.RETRY);
    }

    @Test
    void decide_allGivenPatternsMustMatch() {
        JsonNode eoe = Json.parse("[{\"onExitCode\":\"1\",\"onStatusReason\":\"Host*\",\"action\":\"EXIT\"}]");
        assertThat(RetryPolicy.decide(eoe, "Essential container in task exited", null, 1)).isEqualTo(Decision.RETRY);
    }
}
