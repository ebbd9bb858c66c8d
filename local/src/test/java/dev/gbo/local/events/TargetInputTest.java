package dev.gbo.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import org.junit.jupiter.api.Test;

class TargetInputTest {
    static final ObjectNode EVENT = (ObjectNode) Json.parse("{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"Object Created\","
            + "\"source\":\"aws.s3\",\"time\":\"2026-11-27T00:00:00Z\",\"resources\":[\"arn:aws:s3:::b\"],"
            + "\"detail\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"in/a \\\"q\\\".png\",\"size\":5},"
            + "\"tags\":[\"x\",\"y\"]}}");

    private static JsonNode target(String json) {
        return Json.parse(json);
    }

    @Test
    void render_noInputMembers_returnsWholeEvent() {
        assertThat(Json.parse(TargetInput.render(target("{\"Id\":\"t\"}"), EVENT, "r", "arn"))).isEqualTo(EVENT);
    }

    @Test
    void render_constantInput_returnsItVerbatim() {
        assertThat(TargetInput.render(target("{\"Input\":\"{\\\"a\\\": 1}\"}"), EVENT, "r", "arn")).isEqualTo("{\"a\": 1}");
    }

    @Test
    void render_inputPath_returnsSubtree() {
        assertThat(TargetInput.render(target("{\"InputPath\":\"$.detail.bucket\"}"), EVENT, "r", "arn"))
                .isEqualTo("{\"name\":\"b\"}");
    }

    @Test
    void transform_quotedStringPlaceholder_insertsEscapedText() {
        String out = TargetInput.transform(target("{\"InputPathsMap\":{\"k\":\"$.detail.object.key\"},"
                + "\"InputTemplate\":\"{\\\"key\\\": \\\"<k>\\\"}\"}"), EVENT, "r", "arn");
        assertThat(Json.parse(out).path("key").asText()).isEqualTo("in/a \"q\".png");
    }

    @Test
    void transform_unquotedPlaceholders_insertJsonValues() {
        String out = TargetInput.transform(target("{\"InputPathsMap\":{\"size\":\"$.detail.object.size\","
                + "\"tags\":\"$.detail.tags\",\"obj\":\"$.detail.bucket\"},"
                + "\"InputTemplate\":\"{\\\"s\\\": <size>, \\\"t\\\": <tags>, \\\"o\\\": <obj>}\"}"), EVENT, "r", "arn");
        JsonNode j = Json.parse(out);
        assertThat(j.path("s").asInt()).isEqualTo(5);
        assertThat(j.path("t").size()).isEqualTo(2);
        assertThat(j.path("o").path("name").asText()).isEqualTo("b");
    }

    @Test
    void transform_missingPath_givesNullOrEmptyString() {
        String out = TargetInput.transform(target("{\"InputPathsMap\":{\"m\":\"$.detail.nothing\"},"
                + "\"InputTemplate\":\"{\\\"a\\\": <m>, \\\"b\\\": \\\"<m>\\\"}\"}"), EVENT, "r", "arn");
        JsonNode j = Json.parse(out);
        assertThat(j.get("a").isNull()).isTrue();
        assertThat(j.path("b").asText()).isEmpty();
    }

    @Test
    void transform_predefinedVariables_areResolved() {
        String out = TargetInput.transform(target("{\"InputTemplate\":\"{\\\"rule\\\": \\\"<aws.events.rule-name>\\\","
                + " \\\"arn\\\": \\\"<aws.events.rule-arn>\\\", \\\"at\\\": \\\"<aws.events.event.ingestion-time>\\\","
                + " \\\"event\\\": <aws.events.event.json>}\"}"), EVENT, "my-rule", "arn:aws:events:r");
        JsonNode j = Json.parse(out);
        assertThat(j.path("rule").asText()).isEqualTo("my-rule");
        assertThat(j.path("arn").asText()).isEqualTo("arn:aws:events:r");
        assertThat(j.path("at").asText()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(j.path("event").path("id").asText()).isEqualTo("e-1");
    }

    @Test
    void transform_plainStringTemplate_substitutesText() {
        String out = TargetInput.transform(target("{\"InputPathsMap\":{\"b\":\"$.detail.bucket.name\"},"
                + "\"InputTemplate\":\"\\\"bucket <b> changed\\\"\"}"), EVENT, "r", "arn");
        assertThat(out).isEqualTo("\"bucket b changed\"");
    }

    @Test
    void check_twoInputKinds_isRejected() {
        assertThat(TargetInput.check(target("{\"Input\":\"{}\",\"InputPath\":\"$.detail\"}")))
                .contains("Only one of Input, InputPath, or InputTransformer");
    }

    @Test
    void check_invalidJsonInputOrPath_isRejected() {
        assertThat(TargetInput.check(target("{\"Input\":\"{nope\"}"))).contains("not valid JSON");
        assertThat(TargetInput.check(target("{\"InputPath\":\"detail.x\"}"))).contains("not a valid JSONPath");
        assertThat(TargetInput.check(target("{\"InputTransformer\":{\"InputPathsMap\":{\"aws.x\":\"$.a\"},"
                + "\"InputTemplate\":\"{}\"}}"))).contains("reserved");
    }

    @Test
    void path_arrayIndexAndBracketNames_areSupported() {
        assertThat(TargetInput.path(EVENT, "$.resources[0]").asText()).isEqualTo("arn:aws:s3:::b");
        assertThat(TargetInput.path(EVENT, "$['detail-type']").asText()).isEqualTo("Object Created");
        assertThat(TargetInput.path(EVENT, "$.detail.none.deeper")).isNull();
    }

    @Test
    void transform_wildcardAndDashedDotNames_readThroughJayway() {
        String out = TargetInput.transform(target("{\"InputPathsMap\":{\"tags\":\"$.detail.tags[*]\",\"type\":\"$.detail-type\","
                + "\"values\":\"$.detail.bucket.*\"},\"InputTemplate\":\"{\\\"t\\\": <tags>, \\\"d\\\": \\\"<type>\\\", \\\"v\\\": <values>}\"}"),
                EVENT, "r", "arn");
        JsonNode j = Json.parse(out);
        assertThat(j.path("t")).isEqualTo(Json.parse("[\"x\",\"y\"]"));
        assertThat(j.path("d").asText()).isEqualTo("Object Created");
        assertThat(j.path("v")).isEqualTo(Json.parse("[\"b\"]"));
    }

    @Test
    void transform_indexPastEndOrPropertyOfAString_givesNullOrEmptyString() {
        String out = TargetInput.transform(target("{\"InputPathsMap\":{\"i\":\"$.detail.tags[5]\",\"s\":\"$.source.x\"},"
                + "\"InputTemplate\":\"{\\\"a\\\": <i>, \\\"b\\\": \\\"<s>\\\"}\"}"), EVENT, "r", "arn");
        JsonNode j = Json.parse(out);
        assertThat(j.get("a").isNull()).isTrue();
        assertThat(j.path("b").asText()).isEmpty();
    }

    @Test
    void transform_awsEventsEvent_isTheEventWithoutDetail() {
        String out = TargetInput.transform(target("{\"InputTemplate\":\"{\\\"e\\\": <aws.events.event>, \\\"j\\\": <aws.events.event.json>}\"}"),
                EVENT, "r", "arn");
        JsonNode j = Json.parse(out);
        assertThat(j.path("e").has("detail")).isFalse();
        assertThat(j.path("e").path("id").asText()).isEqualTo("e-1");
        assertThat(j.path("j")).isEqualTo(EVENT);
    }

    @Test
    void check_inputPathsMapBracketNotation_isRejected() {
        assertThat(TargetInput.check(target("{\"InputTransformer\":{\"InputPathsMap\":{\"t\":\"$['detail-type']\"},"
                + "\"InputTemplate\":\"<t>\"}}"))).contains("must use JSON dot notation, not bracket notation");
        assertThat(TargetInput.check(target("{\"InputTransformer\":{\"InputPathsMap\":{\"t\":\"$.detail.tags[\"},"
                + "\"InputTemplate\":\"<t>\"}}"))).contains("is not a valid JSONPath");
        assertThat(TargetInput.check(target("{\"InputTransformer\":{\"InputPathsMap\":{\"t\":\"$.detail.tags[0]\","
                + "\"k\":\"$.detail.object/key\",\"w\":\"$.detail.*\"},\"InputTemplate\":\"<t>\"}}"))).isNull();
    }

    @Test
    void check_inputPathBracketNotation_isAccepted() {
        assertThat(TargetInput.check(target("{\"InputPath\":\"$['detail-type']\"}"))).isNull();
        assertThat(TargetInput.check(target("{\"InputPath\":\"$.detail[\"}"))).contains("not a valid JSONPath");
    }
}
