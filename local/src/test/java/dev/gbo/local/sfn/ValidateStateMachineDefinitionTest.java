package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import org.junit.jupiter.api.Test;

/** The diagnostics of ValidateStateMachineDefinition and the single-state definitions of TestState, without a cloud. */
class ValidateStateMachineDefinitionTest {

    private static JsonNode validate(String definition, Integer maxResults) {
        ObjectNode in = Json.object();
        in.put("definition", definition);
        if (maxResults != null) {
            in.put("maxResults", maxResults);
        }
        return new ValidateStateMachineDefinition().call(in, null);
    }

    @Test
    void diagnostic_codeMessageAndLocation_areSplitFromTheParsersText() {
        JsonNode d = ValidateStateMachineDefinition.diagnostic(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next");
        assertThat(d.path("code").asText()).isEqualTo("MISSING_TRANSITION_TARGET");
        assertThat(d.path("message").asText()).isEqualTo("Missing 'Next' target: B");
        assertThat(d.path("location").asText()).isEqualTo("/States/A/Next");
        assertThat(d.path("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    void call_jsonataDefinition_okOrEveryProblemWithItsLocation() {
        String ok = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                + "\"Assign\": {\"x\": \"{% $states.input %}\"}, \"Output\": \"{% $x %}\", \"End\": true}}}";
        assertThat(validate(ok, null).path("result").asText()).isEqualTo("OK");
        String bad = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                + "\"InputPath\": \"$.a\", \"Output\": \"{% $eval('1') %}\", \"Assign\": {\"1x\": 1}, \"End\": true}}}";
        JsonNode r = validate(bad, null);
        assertThat(r.path("result").asText()).isEqualTo("FAIL");
        assertThat(r.path("diagnostics").findValuesAsText("location"))
                .containsExactlyInAnyOrder("/States/P/InputPath", "/States/P/Output", "/States/P/Assign/1x");
        assertThat(r.path("diagnostics").findValuesAsText("code")).containsOnly("SCHEMA_VALIDATION_FAILED");
    }

    @Test
    void diagnostic_withoutLocation_hasNoLocation() {
        JsonNode d = ValidateStateMachineDefinition.diagnostic("INVALID_JSON_DESCRIPTION: Unexpected character");
        assertThat(d.has("location")).isFalse();
        assertThat(d.path("message").asText()).isEqualTo("Unexpected character");
    }

    @Test
    void call_unsupportedFeature_failsAsCreateStateMachineWould() {
        String assign = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", "
                + "\"Credentials\": {\"RoleArn\": \"r\"}, \"End\": true}}}";
        JsonNode r = validate(assign, null);
        assertThat(r.path("result").asText()).isEqualTo("FAIL");
        assertThat(r.path("diagnostics").get(0).path("code").asText()).isEqualTo("UNSUPPORTED_FEATURE");
        assertThat(r.path("diagnostics").get(0).path("location").asText()).isEqualTo("/States/P/Credentials");
        assertThatThrownBy(() -> Asl.parse(assign)).isInstanceOf(AwsException.class)
                .hasMessageContaining("UNSUPPORTED_FEATURE");
    }

    @Test
    void call_maxResultsZero_usesTheDefaultOf100() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            states.append(i == 0 ? "" : ", ").append("\"S").append(i).append("\": {\"Type\": \"Pass\", \"Bad").append(i)
                    .append("\": 1, \"End\": true}");
        }
        JsonNode r = validate("{\"StartAt\": \"S0\", \"States\": {" + states + "}}", 0);
        assertThat(r.path("diagnostics").size()).isEqualTo(100);
        assertThat(r.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void single_nextTargetOutsideTheState_isAcceptedAndLocationsAreRelative() {
        Asl.Machine m = TestState.single("{\"Type\": \"Pass\", \"Next\": \"Elsewhere\"}");
        assertThat(m.states.get(TestState.SINGLE).next()).isEqualTo("Elsewhere");
        assertThatThrownBy(() -> TestState.single("{\"Type\": \"Pass\", \"End\": true, \"Bogus\": 1}"))
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: Field 'Bogus' is not supported at /'");
        assertThatThrownBy(() -> TestState.single("{\"Type\": \"Task\", \"End\": true}"))
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /'");
    }

    @Test
    void call_notJson_givesJacksonsMessageAndLocationAsAwsDoes() {
        JsonNode d = validate("not a definition", null).path("diagnostics").get(0);
        assertThat(d.path("code").asText()).isEqualTo("INVALID_JSON_DESCRIPTION");
        assertThat(d.path("message").asText()).isEqualTo("Unrecognized token 'not': was expecting (JSON String, Number, Array, "
                + "Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]");
        assertThat(d.path("location").asText()).isEqualTo("[Source: (String)\"not a definition\"; line: 1, column: 4]");
    }

    @Test
    void call_emptyObjectOrNotAnObject_givesAwsDiagnostics() {
        JsonNode empty = validate("{}", null).path("diagnostics");
        assertThat(empty).hasSize(1);
        assertThat(empty.get(0).path("code").asText()).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(empty.get(0).path("message").asText()).isEqualTo("These fields are required: [States, StartAt]");
        assertThat(empty.get(0).path("location").asText()).isEqualTo("/");
        JsonNode array = validate("[]", null).path("diagnostics").get(0);
        assertThat(array.path("message").asText()).isEqualTo("Definition must be a valid JSON object");
        assertThat(array.has("location")).isFalse();
    }
}
