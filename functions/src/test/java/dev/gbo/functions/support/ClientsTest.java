package dev.gbo.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.core.InvocationClock;
import dev.gbo.local.lambda.LambdaService;
import org.junit.jupiter.api.Test;

/** The functions' SDK retry settings and the local cloud's model of them must not drift apart. */
class ClientsTest {

    @Test
    void backoff_sameBaseAndCapAsTheLocalCloudModels() {
        assertThat(Clients.BACKOFF_BASE.toMillis()).isEqualTo(InvocationClock.SDK_BACKOFF_BASE_MILLIS);
        assertThat(Clients.BACKOFF_CAP.toMillis()).isEqualTo(InvocationClock.SDK_BACKOFF_CAP_MILLIS);
    }

    @Test
    void simulatedBackoff_sameVariableTheLocalLambdaServiceSets() {
        assertThat(Clients.SIMULATED_BACKOFF).isEqualTo(LambdaService.SIMULATED_BACKOFF);
    }

    @Test
    void retryStrategy_boundedBudget() {
        assertThat(Clients.retryStrategy().maxAttempts()).isEqualTo(Clients.MAX_ATTEMPTS);
        assertThat(Clients.retryStrategy(true).maxAttempts()).isEqualTo(Clients.MAX_ATTEMPTS);
    }
}
