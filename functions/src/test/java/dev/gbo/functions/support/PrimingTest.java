package dev.gbo.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.functions.state.ExecutionState;
import org.junit.jupiter.api.Test;

/** The priming samples bind and serialise for real: a failing step would only be logged and prime nothing. */
class PrimingTest {
    @Test
    void bindSampleState_bindsTheNormalisedConsoleRequest() {
        ExecutionState state = Priming.bindSampleState(ExecutionState.class);

        assertThat(state.request().requestId()).isEqualTo("exec-gbo-priming");
        assertThat(state.request().vcpus()).isEqualTo(1);
        Priming.writeOutput(state);
    }
}
