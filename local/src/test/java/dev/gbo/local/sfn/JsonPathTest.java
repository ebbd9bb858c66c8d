package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's JSONPath: Jayway's grammar and results, ASL's {@code $$} and reference paths, AWS's create-time wording. */
class JsonPathTest {
    static final JsonNode DOC = Json.parse("""
            {"a": [{"b": 1, "c": "x"}, {"b": 2, "c": "y"}], "n": null, "price": 1.10, "s": "text",
             "o": {"k": 1, "l": [true]}}""");

    @Test
    void compile_formsIssue10Lists_areAcceptedAndReadAsJayway() throws Exception {
        assertThat(JsonPath.compile("$.a.[0].b").read(DOC)).isEqualTo(Json.parse("1"));
        JsonNode array = DOC.get("a");
        assertThat(JsonPath.compile("$.[0]").read(array)).isEqualTo(Json.parse("{\"b\": 1, \"c\": \"x\"}"));
        assertThat(JsonPath.compile("$.[*].['b','c']").read(array))
                .isEqualTo(Json.parse("[{\"b\": 1, \"c\": \"x\"}, {\"b\": 2, \"c\": \"y\"}]"));
        assertThat(JsonPath.compile("$.[?(@.b > 1)].c").read(array)).isEqualTo(Json.parse("[\"y\"]"));
    }

    @Test
    void isDefinite_namesIndicesFunctions_definiteElseIndefinite() {
        for (String definite : List.of("$", "$.a[0].b", "$['a'][-1]", "$.a.length()", "$.o['k','l']")) {
            assertThat(JsonPath.compile(definite).isDefinite()).as(definite).isTrue();
        }
        for (String indefinite : List.of("$.a[*]", "$..b", "$.a[0,1]", "$.a[0:1]", "$.a[?(@.b)]", "$.o.*")) {
            assertThat(JsonPath.compile(indefinite).isDefinite()).as(indefinite).isFalse();
        }
    }

    @Test
    void isReference_singleNamesAndIndicesOnly_contextExcluded() {
        assertThat(JsonPath.compile("$.a[0]['b c']").isReference()).isTrue();
        assertThat(JsonPath.compile("$.a.[0].b").steps()).containsExactly("a", 0, "b");
        assertThat(JsonPath.compile("$").steps()).isEmpty();
        assertThat(JsonPath.compile("$$.Execution.Id").isReference()).isFalse();
        assertThat(JsonPath.compile("$$.Execution.Id").isSingleNode()).isTrue();
        for (String operator : List.of("$.a[*]", "$..b", "$.o['k','l']", "$.a[0:1]", "$.a[?(@.b)]", "$.a.length()")) {
            assertThat(JsonPath.compile(operator).isSingleNode()).as(operator).isFalse();
        }
    }

    @Test
    void read_contextPath_readsFromTheGivenDocument() throws Exception {
        JsonPath p = JsonPath.compile("$$.Execution.Name");
        assertThat(p.isContext()).isTrue();
        assertThat(p.read(Json.parse("{\"Execution\": {\"Name\": \"e\"}}")).asText()).isEqualTo("e");
        assertThat(JsonPath.compile("$$").read(DOC)).isSameAs(DOC);
    }

    @Test
    void read_missingValues_failWithJaywaysMessages() {
        assertThatThrownBy(() -> JsonPath.compile("$.a[2]").read(DOC)).isInstanceOf(JsonPath.NotFound.class)
                .hasMessage("No results for path: $['a'][2]");
        assertThatThrownBy(() -> JsonPath.compile("$.a[-3]").read(DOC)).isInstanceOf(JsonPath.NotFound.class);
        assertThatThrownBy(() -> JsonPath.compile("$.x.y").read(DOC)).isInstanceOf(JsonPath.NotFound.class)
                .hasMessage("Missing property in path $['x']");
        assertThatThrownBy(() -> JsonPath.compile("$.s.x").read(DOC)).isInstanceOf(JsonPath.NotFound.class)
                .hasMessageStartingWith("Expected to find an object with property ['x'] in path $['s']");
        assertThatThrownBy(() -> JsonPath.compile("$.s.sum()").read(DOC)).isInstanceOf(JsonPath.NotFound.class)
                .hasMessage("Aggregation function attempted to calculate value using empty array");
        assertThat(JsonPath.compile("$.n").exists(DOC)).isTrue();
        assertThat(JsonPath.compile("$.x").exists(DOC)).isFalse();
    }

    @Test
    void read_valuesAndFunctionResults_keepJsonTypes() throws Exception {
        assertThat(JsonPath.compile("$.price").read(DOC).decimalValue()).isEqualByComparingTo("1.10");
        assertThat(JsonPath.compile("$.n").read(DOC).isNull()).isTrue();
        assertThat(JsonPath.compile("$.a.length()").read(DOC)).isEqualTo(Json.parse("2"));
        assertThat(JsonPath.compile("$.a[*].b").read(DOC)).isEqualTo(Json.parse("[1, 2]"));
        assertThat(JsonPath.compile("$.o.l[0]").read(DOC).isBoolean()).isTrue();
        assertThat(JsonPath.compile("$.o.keys()").read(DOC)).isEqualTo(Json.parse("[\"k\", \"l\"]"));
        assertThat(JsonPath.compile("$..k").read(DOC)).isEqualTo(Json.parse("[1]"));
    }

    @Test
    void read_append_leavesTheDocumentUnchanged() throws Exception {
        JsonNode doc = Json.parse("{\"l\": [1]}");
        assertThat(JsonPath.compile("$.l.append(2)").read(doc)).isEqualTo(Json.parse("[1, 2]"));
        assertThat(doc).isEqualTo(Json.parse("{\"l\": [1]}"));
    }

    @Test
    void compile_invalidText_refusedWithReason() {
        assertThatThrownBy(() -> JsonPath.compile("$.a[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSONPath '$.a[': unexpected '[' at position 3");
        assertThatThrownBy(() -> JsonPath.compile("$.a.nope()")).hasMessageContaining("Function with name: nope does not exist.");
        assertThatThrownBy(() -> JsonPath.compile("x")).hasMessageContaining("a path must start with '$'");
        assertThatThrownBy(() -> JsonPath.compile("$$x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JsonPath.isValid("$.a-b/c")).isTrue(); // Jayway reads dashes and slashes in dotted names
    }

    @Test
    void notReference_awsWording_forEachKindOfRefusal() {
        assertThat(JsonPathParser.notReference("$.a[0].b", false, "/States/P/ResultPath")).isNull();
        assertThat(JsonPathParser.notReference("$$.Execution.Input", true, "/States/C/Choices[0]/Variable")).isNull();
        assertThat(JsonPathParser.notReference("a", true, "/X"))
                .isEqualTo("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: Reference path didn't start with '$' at /X");
        assertThat(JsonPathParser.notReference("$.a[*]", false, "/X"))
                .startsWith("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: ").endsWith(" at /X");
        assertThat(JsonPathParser.notReference("$$.Execution", false, "/X")).contains("'$$'");
        assertThat(JsonPathParser.notReference("$.a[", false, "/X"))
                .isEqualTo("SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath. at /X");
    }

    @Test
    void write_referencePath_createsObjectsOnTheWay() throws Exception {
        JsonNode doc = Json.parse("{\"a\": [{\"b\": 1}]}");
        JsonPath.compile("$.a.[0].c.d").write(doc, Json.parse("2"));
        assertThat(doc).isEqualTo(Json.parse("{\"a\": [{\"b\": 1, \"c\": {\"d\": 2}}]}"));
        assertThat(JsonPath.compile("$").write(doc, Json.parse("3"))).isEqualTo(Json.parse("3"));
        assertThatThrownBy(() -> JsonPath.compile("$.a[*]").write(doc, Json.parse("1"))).isInstanceOf(JsonPath.NotFound.class);
    }
}
