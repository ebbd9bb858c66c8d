package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parsed model: one record per state type, each with its own fields and the shared parts. */
class AslModelTest {

    private static final String ALL_TYPES = """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "TimeoutSeconds": 30,
                    "HeartbeatSecondsPath": "$.hb", "InputPath": "$.in", "ResultPath": "$.out",
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "Next": "P"},
              "P": {"Type": "Pass", "Result": {"a": 1}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "W"}], "Default": "S"},
              "W": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Par"},
              "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}], "Next": "M"},
              "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 3,
                    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true},
              "S": {"Type": "Succeed", "OutputPath": "$.o"},
              "F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}""";

    @Test
    void parse_everyStateType_buildsItsOwnRecordWithItsFields() {
        Asl.Machine m = Asl.parse(ALL_TYPES);

        Asl.Task t = (Asl.Task) m.states.get("T");
        assertThat(t.resource().kind()).isEqualTo(Asl.Kind.LAMBDA_FUNCTION);
        assertThat(t.timeoutSeconds()).isEqualTo(30);
        assertThat(t.heartbeatSecondsPath()).isEqualTo("$.hb");
        assertThat(t.paths().inputPath()).isEqualTo("$.in");
        assertThat(t.paths().resultPath()).isEqualTo("$.out");
        assertThat(t.errors().retry()).singleElement().extracting(Asl.Retrier::maxAttempts).isEqualTo(2);
        assertThat(t.errors().catchers()).singleElement().extracting(Asl.Catcher::next).isEqualTo("F");
        assertThat(t.next()).isEqualTo("P");
        assertThat(t.type()).isEqualTo(Asl.Type.Task);

        assertThat(((Asl.Pass) m.states.get("P")).result().path("a").asInt()).isEqualTo(1);
        Asl.Choice c = (Asl.Choice) m.states.get("C");
        assertThat(c.choices()).singleElement().satisfies(r -> assertThat(r.next).isEqualTo("W"));
        assertThat(c.defaultNext()).isEqualTo("S");
        assertThat(((Asl.Wait) m.states.get("W")).secondsPath()).isEqualTo("$.wait");
        assertThat(((Asl.Parallel) m.states.get("Par")).branches()).singleElement()
                .satisfies(b -> assertThat(b.states.get("B")).isInstanceOf(Asl.Succeed.class));
        Asl.Map map = (Asl.Map) m.states.get("M");
        assertThat(map.itemsPath()).isEqualTo("$.items");
        assertThat(map.maxConcurrency()).isEqualTo(3);
        assertThat(map.distributed()).isNull();
        assertThat(map.processor().states.get("I")).isInstanceOf(Asl.Pass.class);
        assertThat(map.common().end()).isTrue();
        assertThat(m.states.get("S").paths().outputPath()).isEqualTo("$.o");
        Asl.Fail f = (Asl.Fail) m.states.get("F");
        assertThat(f.error()).isEqualTo("E");
        assertThat(f.cause()).isEqualTo("c");
    }

    @Test
    void parse_statesWithoutRetryOrPaths_getTheDefaults() {
        Asl.Machine m = Asl.parse(ALL_TYPES);

        assertThat(m.states.get("F").paths()).isEqualTo(Asl.Paths.NONE);
        assertThat(m.states.get("F").errors()).isEqualTo(Asl.Errors.NONE);
        assertThat(m.states.get("P").errors()).isEqualTo(Asl.Errors.NONE);
        assertThat(m.states.get("P").paths().inputPath()).isEqualTo("$");
        assertThat(m.states.get("P").q().jsonata).isFalse();
    }
}
