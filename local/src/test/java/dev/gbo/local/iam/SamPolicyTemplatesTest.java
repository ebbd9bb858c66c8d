package dev.gbo.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SamPolicyTemplatesTest {

    private final SamPolicyTemplates templates = SamPolicyTemplates.bundled();

    @Test
    void bundled_holdsEveryTemplateOfSamTranslator1_110() {
        assertThat(templates.names()).hasSize(81)
                .contains("LambdaInvokePolicy", "EventBridgePutEventsPolicy", "StepFunctionsExecutionPolicy", "S3ReadPolicy",
                        "DynamoDBCrudPolicy", "SQSSendMessagePolicy", "EC2DescribePolicy");
    }

    @Test
    void isTemplate_oneKeyNamingATemplate_onlyThen() {
        assertThat(templates.isTemplate(Json.parse("{\"LambdaInvokePolicy\": {\"FunctionName\": \"f\"}}"))).isTrue();
        assertThat(templates.isTemplate(Json.parse("{\"Statement\": []}"))).isFalse();
        assertThat(templates.isTemplate(Json.parse("{\"NoSuchPolicy\": {}}"))).isFalse();
        assertThat(templates.isTemplate(TextNode.valueOf("AWSLambdaExecute"))).isFalse();
    }

    @Test
    void expand_lambdaInvokePolicy_substitutesTheParameterAndLeavesSubToCloudFormation() {
        JsonNode doc = templates.expand("LambdaInvokePolicy", Json.parse("{\"FunctionName\": \"gbo-capacity\"}"));

        assertThat(Json.write(doc)).isEqualTo("{\"Statement\":[{\"Action\":[\"lambda:InvokeFunction\"],\"Effect\":\"Allow\","
                + "\"Resource\":{\"Fn::Sub\":[\"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:"
                + "${functionName}*\",{\"functionName\":\"gbo-capacity\"}]}}]}");
    }

    @Test
    void expand_valueIsAnIntrinsic_keptForTheDeployerToResolve() {
        JsonNode doc = templates.expand("EventBridgePutEventsPolicy", Json.parse("{\"EventBusName\": {\"Ref\": \"EventBus\"}}"));

        assertThat(doc.at("/Statement/0/Resource/Fn::Sub/1/eventBusName")).isEqualTo(Json.parse("{\"Ref\": \"EventBus\"}"));
    }

    @Test
    void expand_missingParameter_failsWithSamsMessage() {
        assertThatThrownBy(() -> templates.expand("LambdaInvokePolicy", Json.object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Following required parameters of template 'LambdaInvokePolicy' don't have values: ['FunctionName']");
        assertThatThrownBy(() -> templates.expand("LambdaInvokePolicy", TextNode.valueOf("f")))
                .hasMessage("Must specify valid parameter values for policy template 'LambdaInvokePolicy'");
    }

    @Test
    void expand_everyTemplateResolved_isAPolicyTheEvaluatorAccepts() {
        for (String name : templates.names()) {
            ObjectNode values = Json.object();
            Json.parse(Json.write(templatesParameters(name))).fieldNames().forEachRemaining(p -> values.put(p, "x"));
            JsonNode doc = resolve(templates.expand(name, values));
            assertThat(Policy.parse(name, doc).statements()).as(name).isNotEmpty();
        }
    }

    @Test
    void expand_lambdaInvokePolicyResolved_allowsTheAliasAndDeniesAnotherFunction() {
        Policy p = Policy.parse("p", resolve(templates.expand("LambdaInvokePolicy", Json.parse("{\"FunctionName\": \"gbo-capacity\"}"))));
        String fn = "arn:aws:lambda:us-east-1:123456789012:function:";

        assertThat(PolicyEvaluator.evaluate(List.of(p), Access.of("lambda:InvokeFunction", fn + "gbo-capacity:live"), Map.of()).allowed())
                .isTrue();
        assertThat(PolicyEvaluator.evaluate(List.of(p), Access.of("lambda:InvokeFunction", fn + "gbo-submit"), Map.of()).allowed())
                .isFalse();
    }

    private JsonNode templatesParameters(String name) {
        // the parameters a template declares: expanding with none names them in the error
        try {
            templates.expand(name, Json.object());
            return Json.object();
        } catch (IllegalArgumentException e) {
            ObjectNode out = Json.object();
            Matcher m = Pattern.compile("'([A-Za-z0-9]+)'").matcher(e.getMessage().substring(e.getMessage().indexOf(':')));
            while (m.find()) {
                out.put(m.group(1), "x");
            }
            return out;
        }
    }

    /** Fn::Sub with a variable map and the pseudo parameters, as the deployer's intrinsics resolve them. */
    private static JsonNode resolve(JsonNode n) {
        if (n.isObject() && n.has("Fn::Sub")) {
            JsonNode sub = n.get("Fn::Sub");
            String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
            Map<String, String> vars = new java.util.HashMap<>(Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1",
                    "AWS::AccountId", "123456789012"));
            if (sub.isArray()) {
                sub.get(1).fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
            }
            for (Map.Entry<String, String> v : vars.entrySet()) {
                text = text.replace("${" + v.getKey() + "}", v.getValue());
            }
            return TextNode.valueOf(text);
        }
        if (n.isObject()) {
            ObjectNode o = Json.object();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), resolve(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = Json.array();
            n.forEach(v -> a.add(resolve(v)));
            return a;
        }
        return n;
    }
}
