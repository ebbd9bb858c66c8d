package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intrinsic table: each entry's declared arity is what the parser enforces. */
class IntrinsicFunctionsTest {

    @Test
    void parse_everyFunctionWithOneArgumentTooMany_refusedNamingItsDeclaredArity() {
        for (String name : IntrinsicFunctions.names()) {
            IntrinsicFunctions.Fn fn = IntrinsicFunctions.lookup(name);
            if (fn.max() < 0) {
                continue;
            }
            String call = name + "(" + String.join(", ", Collections.nCopies(fn.max() + 1, "'x'")) + ")";
            assertThatThrownBy(() -> Intrinsics.parse(call)).as(call)
                    .hasMessageContaining(name + " " + fn.arity() + ", got " + (fn.max() + 1));
        }
    }

    @Test
    void parse_everyFunctionWithOneArgumentTooFew_refused() {
        for (String name : IntrinsicFunctions.names()) {
            IntrinsicFunctions.Fn fn = IntrinsicFunctions.lookup(name);
            if (fn.min() == 0) {
                continue;
            }
            String call = name + "(" + String.join(", ", Collections.nCopies(fn.min() - 1, "'x'")) + ")";
            assertThatThrownBy(() -> Intrinsics.parse(call)).as(call).hasMessageContaining(fn.arity());
        }
    }

    @Test
    void arity_unboundedAndRange_wordedAsTheParserReportsThem() {
        assertThat(IntrinsicFunctions.lookup("States.Format").arity()).isEqualTo("takes at least 1 arguments");
        assertThat(IntrinsicFunctions.lookup("States.MathRandom").arity()).isEqualTo("takes 2 to 3 arguments");
        assertThat(IntrinsicFunctions.lookup("States.UUID").arity()).isEqualTo("takes 0 arguments");
        assertThat(IntrinsicFunctions.lookup("States.Nope")).isNull();
        assertThat(List.copyOf(IntrinsicFunctions.names())).startsWith("States.Format", "States.StringToJson");
    }
}
