package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.iam.Iam;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Distributed Map: what CreateStateMachine refuses, IAM on the ItemReader, StopExecution and UpdateMapRun on a running map run. */
class DistributedMapTest {

    static String map(String fields, String processorConfig) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s
                  "ItemProcessor": {"ProcessorConfig": %s, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""".formatted(fields, processorConfig);
    }

    static final String DISTRIBUTED = "{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}";
    static final String SLOW = """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Bad"}], "Default": "W"},
                  "Bad": {"Type": "Fail", "Error": "E"},
                  "W": {"Type": "Wait", "Seconds": 10, "End": true}}},
              "ToleratedFailureCount": 1, "End": true}}}""";

    private static String createError(String definition) {
        try (SfnHarness h = SfnHarness.virtual()) {
            AwsException e = (AwsException) org.assertj.core.api.Assertions.catchThrowable(() -> h.create("m", definition));
            assertThat(e).as("CreateStateMachine must refuse " + definition).isNotNull();
            assertThat(e.code()).isEqualTo("InvalidDefinition");
            return e.getMessage();
        }
    }

    @Test
    void createStateMachine_distributedFieldsOrUnservedFeatures_refusedNamingThem() {
        assertThat(createError(map("\"Label\": \"x\",", "{\"Mode\": \"INLINE\"}")))
                .contains("The field 'Label' is only supported for a Map state in DISTRIBUTED mode");
        assertThat(createError(map("", "{\"Mode\": \"DISTRIBUTED\"}"))).contains("ProcessorConfig.ExecutionType");
        assertThat(createError(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"Parameters\": "
                + "{\"Bucket\": \"b\", \"Key\": \"k\"}, \"ReaderConfig\": {\"InputType\": \"PARQUET\"}},", DISTRIBUTED)))
                .contains("InputType PARQUET is not supported by the local Step Functions engine");
        assertThat(createError(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::dynamodb:scan\", \"Parameters\": {}},",
                DISTRIBUTED))).contains("INVALID_RESOURCE: ItemReader.Resource must be");
        assertThat(createError(map("\"ResultWriter\": {\"WriterConfig\": {\"OutputType\": \"JSONL\"}, \"Resource\": "
                + "\"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"b\"}},", DISTRIBUTED)))
                .contains("ResultWriter.WriterConfig is not supported by the local Step Functions engine");
        assertThat(createError(map("\"ItemBatcher\": {\"BatchInput\": {}},", DISTRIBUTED)))
                .contains("ItemBatcher needs at least one of MaxItemsPerBatch");
        assertThat(createError(map("\"Label\": \"a b\",", DISTRIBUTED))).contains("Label must be 1 to 40 characters");
        assertThat(createError(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"Parameters\": "
                + "{\"Bucket\": \"b\", \"Key\": \"k\"}, \"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\": "
                + "\"GIVEN\"}},", DISTRIBUTED))).contains("CSVHeaders (a non-empty array of strings) is required");
    }

    @Test
    void listMapRuns_twoMapRunsInOneExecution_paginatesOldestFirst() {
        String branch = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "Label": "%s", "ItemsPath": "$.items",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""";
        String def = "{\"StartAt\": \"Par\", \"States\": {\"Par\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
                + branch.formatted("first") + ", " + branch.formatted("second") + "]}}}";
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("two-runs", def), "x", "{\"items\": [1, 2]}");
            h.idle();
            assertThat(h.describe(exec).get("output").asText()).isEqualTo("[[1,2],[1,2]]");
            JsonNode first = h.call("ListMapRuns", Json.object().put("executionArn", exec).put("maxResults", 1));
            assertThat(first.get("mapRuns")).hasSize(1);
            assertThat(first.at("/mapRuns/0/mapRunArn").asText()).contains(":mapRun:two-runs/first:");
            JsonNode second = h.call("ListMapRuns", Json.object().put("executionArn", exec).put("maxResults", 1)
                    .put("nextToken", first.get("nextToken").asText()));
            assertThat(second.at("/mapRuns/0/mapRunArn").asText()).contains(":mapRun:two-runs/second:");
            assertThat(second.has("nextToken")).isFalse();
            assertThatThrownBy(() -> h.call("ListMapRuns", Json.object().put("executionArn", exec).put("nextToken", "forged")))
                    .isInstanceOf(AwsException.class).extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidToken");
        }
    }

    @Test
    void itemReader_roleWithoutGetObject_failsWithItemReaderFailedAndIamMessage() {
        try (SfnHarness h = SfnHarness.virtual()) {
            h.seedS3(Json.parse("{\"in/items.json\": [1]}"));
            Iam iam = new Iam(true);
            iam.defineRole(SfnHarness.ROLE, Map.of("p", Json.parse("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket",
                     "Resource": "arn:aws:s3:::in"}]}""")), List.of());
            h.registry.access(iam);
            String arn = h.create("denied", map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", "
                    + "\"ReaderConfig\": {\"InputType\": \"JSON\"}, \"Parameters\": {\"Bucket\": \"in\", \"Key\": \"items.json\"}},",
                    DISTRIBUTED));
            String exec = h.start(arn, "x", "{}");
            h.idle();
            JsonNode d = h.describe(exec);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("error").asText()).isEqualTo("States.ItemReaderFailed");
            assertThat(d.get("cause").asText()).contains("s3:GetObject", "arn:aws:s3:::in/items.json", "AccessDenied");
        }
    }

    @Test
    void stopExecution_duringMapRun_abortsTheChildrenAndTheMapRun() {
        try (SfnHarness h = new SfnHarness(SimClock.manual(SfnHarness.START, 7), null, null, null)) {
            String arn = h.create("stopped", SLOW);
            String exec = h.start(arn, "x", "{\"items\": [1, 2, 3]}");
            h.clock.awaitIdle(Duration.ofSeconds(10));
            String run = h.call("ListMapRuns", Json.object().put("executionArn", exec)).at("/mapRuns/0/mapRunArn").asText();
            JsonNode children = h.call("ListExecutions", Json.object().put("mapRunArn", run)).get("executions");
            assertThat(children).hasSize(1);
            h.call("StopExecution", Json.object().put("executionArn", exec));
            h.clock.awaitIdle(Duration.ofSeconds(10));
            JsonNode d = Json.parse(Json.write(h.call("DescribeMapRun", Json.object().put("mapRunArn", run))));
            assertThat(d.get("status").asText()).isEqualTo("ABORTED");
            assertThat(d.at("/executionCounts/aborted").asInt()).isEqualTo(1);
            assertThat(d.at("/itemCounts/pending").asInt()).isEqualTo(2);
            assertThat(h.describe(children.get(0).get("executionArn").asText()).get("status").asText()).isEqualTo("ABORTED");
            assertThatThrownBy(() -> h.call("UpdateMapRun", Json.object().put("mapRunArn", run).put("maxConcurrency", 5)))
                    .isInstanceOf(AwsException.class).hasMessageContaining("can no longer be updated");
        }
    }

    @Test
    void updateMapRun_loweringToleratedFailures_failsTheRunningMapRun() {
        try (SfnHarness h = new SfnHarness(SimClock.manual(SfnHarness.START, 7), null, null, null)) {
            String arn = h.create("lowered", SLOW);
            String exec = h.start(arn, "x", "{\"items\": [0, 2, 3]}");
            h.clock.awaitIdle(Duration.ofSeconds(10));
            String run = h.call("ListMapRuns", Json.object().put("executionArn", exec)).at("/mapRuns/0/mapRunArn").asText();
            JsonNode counts = Json.parse(Json.write(h.call("DescribeMapRun", Json.object().put("mapRunArn", run))));
            assertThat(counts.at("/itemCounts/failed").asInt()).isEqualTo(1);
            assertThat(counts.get("status").asText()).isEqualTo("RUNNING");
            assertThatThrownBy(() -> h.call("UpdateMapRun", Json.object().put("mapRunArn", run)))
                    .isInstanceOf(AwsException.class).hasMessageContaining("At least one of the parameters");
            h.call("UpdateMapRun", Json.object().put("mapRunArn", run).put("toleratedFailureCount", 0));
            h.clock.awaitIdle(Duration.ofSeconds(10));
            JsonNode d = h.describe(exec);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
            assertThat(Json.parse(Json.write(h.call("DescribeMapRun", Json.object().put("mapRunArn", run))))
                    .get("toleratedFailureCount").asInt()).isZero();
        }
    }

    @Test
    void redriveExecution_failedDistributedMap_childrenRedrivableByMapRunAndParentRunsANewMapRun() {
        String def = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Check", "States": {
                      "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 0, "Next": "Bad"}], "Default": "Ok"},
                      "Bad": {"Type": "Fail", "Error": "E"},
                      "Ok": {"Type": "Pass", "End": true}}},
                  "End": true}}}""";
        try (SfnHarness h = SfnHarness.virtual()) {
            String exec = h.start(h.create("redrive-dmap", def), "x", "{\"items\": [1, 0, 2]}");
            h.idle();
            JsonNode d = h.describe(exec);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("redriveStatus").asText()).isEqualTo("REDRIVABLE");
            String run = h.call("ListMapRuns", Json.object().put("executionArn", exec)).at("/mapRuns/0/mapRunArn").asText();
            JsonNode children = h.call("ListExecutions", Json.object().put("mapRunArn", run)).get("executions");
            assertThat(children).hasSize(3);
            for (JsonNode c : children) {
                JsonNode cd = h.describe(c.get("executionArn").asText());
                assertThat(cd.get("redriveStatus").asText()).as(cd.toString())
                        .isEqualTo(cd.get("status").asText().equals("FAILED") ? Redrive.REDRIVABLE_BY_MAP_RUN : "NOT_REDRIVABLE");
            }
            String failedChild = java.util.stream.StreamSupport.stream(children.spliterator(), false)
                    .filter(c -> c.get("status").asText().equals("FAILED")).findFirst().orElseThrow()
                    .get("executionArn").asText();
            AwsException refused = (AwsException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> h.call("RedriveExecution", Json.object().put("executionArn", failedChild)));
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo("ExecutionNotRedrivable");

            h.call("RedriveExecution", Json.object().put("executionArn", exec));
            h.idle();
            assertThat(h.describe(exec).get("status").asText()).isEqualTo("FAILED"); // the item 0 still fails
            assertThat(h.describe(exec).get("redriveCount").asInt()).isEqualTo(1);
            assertThat(h.call("ListMapRuns", Json.object().put("executionArn", exec)).get("mapRuns")).hasSize(2);
        }
    }
}
