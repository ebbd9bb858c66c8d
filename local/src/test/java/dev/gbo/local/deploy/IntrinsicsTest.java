package dev.gbo.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gbo.local.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    static final Map<String, JsonNode> REFS = Map.of(
            "Prefix", JsonNodeFactory.instance.textNode("gbo"),
            "Empty", JsonNodeFactory.instance.textNode(""),
            "Subnets", Json.parse("[\"subnet-a\",\"subnet-b\"]"),
            "AWS::Region", JsonNodeFactory.instance.textNode("us-east-1"));

    final Intrinsics intrinsics = new Intrinsics(new Intrinsics.Scope() {
        @Override
        public JsonNode ref(String name) {
            JsonNode v = REFS.get(name);
            if (v == null) {
                throw new DeployException("unknown " + name);
            }
            return v;
        }

        @Override
        public JsonNode getAtt(String resource, String attribute) {
            return JsonNodeFactory.instance.textNode("arn:" + resource + ":" + attribute);
        }

        @Override
        public boolean condition(String name) {
            return "Yes".equals(name);
        }

        @Override
        public JsonNode mapping(String map, String top, String second) {
            return JsonNodeFactory.instance.textNode(map + "/" + top + "/" + second);
        }

        @Override
        public List<String> availabilityZones() {
            return List.of("us-east-1a", "us-east-1b");
        }
    });

    private JsonNode yaml(String text) {
        return intrinsics.resolve(CfnYaml.parse("v: " + text).get("v"));
    }

    @Test
    void parse_shortForms_becomeLongForms() {
        JsonNode t = CfnYaml.parse("a: !Ref X\nb: !GetAtt R.Arn\nc: !Sub '${X}'\nd: !Join [',', [a, b]]\n"
                + "e: !If [C, 1, 2]\nf: !GetAtt R.Endpoint.Address\n");
        assertThat(t.get("a")).isEqualTo(Json.parse("{\"Ref\":\"X\"}"));
        assertThat(t.get("b")).isEqualTo(Json.parse("{\"Fn::GetAtt\":[\"R\",\"Arn\"]}"));
        assertThat(t.get("c")).isEqualTo(Json.parse("{\"Fn::Sub\":\"${X}\"}"));
        assertThat(t.get("d")).isEqualTo(Json.parse("{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}"));
        assertThat(t.get("e")).isEqualTo(Json.parse("{\"Fn::If\":[\"C\",1,2]}"));
        assertThat(t.get("f")).isEqualTo(Json.parse("{\"Fn::GetAtt\":[\"R\",\"Endpoint.Address\"]}"));
    }

    @Test
    void parse_yamlOneOneBooleansAndDates_stayStrings() {
        JsonNode t = CfnYaml.parse("a: yes\nb: on\nc: 2010-09-09\nd: true\ne: 42\n");
        assertThat(t.get("a").asText()).isEqualTo("yes");
        assertThat(t.get("b").isTextual()).isTrue();
        assertThat(t.get("c").asText()).isEqualTo("2010-09-09");
        assertThat(t.get("d").isBoolean()).isTrue();
        assertThat(t.get("e").asInt()).isEqualTo(42);
    }

    @Test
    void resolve_ref_returnsParameterValue() {
        assertThat(yaml("!Ref Prefix").asText()).isEqualTo("gbo");
    }

    @Test
    void resolve_subWithRefsAttsAndLiterals_substitutes() {
        assertThat(yaml("!Sub '${Prefix}-${AWS::Region}-${Res.Arn}-${!Keep}'").asText())
                .isEqualTo("gbo-us-east-1-arn:Res:Arn-${Keep}");
    }

    @Test
    void resolve_subWithVariableMap_usesLocalVariablesFirst() {
        assertThat(yaml("!Sub ['${Prefix}/${X}', {X: !Ref Prefix, Prefix: local}]").asText()).isEqualTo("local/gbo");
    }

    @Test
    void resolve_joinOfListParameter_joins() {
        assertThat(yaml("!Join [',', !Ref Subnets]").asText()).isEqualTo("subnet-a,subnet-b");
    }

    @Test
    void resolve_selectAndSplit_pickElement() {
        assertThat(yaml("!Select [1, !Split [':instance-profile/', 'arn:aws:iam::1:instance-profile/ecs']]").asText())
                .isEqualTo("ecs");
        assertThat(yaml("!Select [0, !Ref Subnets]").asText()).isEqualTo("subnet-a");
    }

    @Test
    void resolve_selectOutOfRange_throws() {
        assertThatThrownBy(() -> yaml("!Select [5, !Ref Subnets]")).isInstanceOf(DeployException.class);
    }

    @Test
    void resolve_ifWithCondition_picksBranch() {
        assertThat(yaml("!If [Yes, a, b]").asText()).isEqualTo("a");
        assertThat(yaml("!If [No, a, b]").asText()).isEqualTo("b");
    }

    @Test
    void resolve_noValue_removesPropertyAndListElement() {
        JsonNode v = yaml("{keep: 1, drop: !If [No, x, !Ref AWS::NoValue], list: [a, !If [No, b, !Ref AWS::NoValue]]}");
        assertThat(v.has("drop")).isFalse();
        assertThat(v.get("list")).isEqualTo(Json.parse("[\"a\"]"));
    }

    @Test
    void condition_equalsNotAndOr_evaluate() {
        assertThat(intrinsics.condition(CfnYaml.parse("v: !Not [!Equals [!Ref Empty, '']]").get("v"))).isFalse();
        assertThat(intrinsics.condition(CfnYaml.parse("v: !Equals [!Ref Prefix, gbo]").get("v"))).isTrue();
        assertThat(intrinsics.condition(CfnYaml.parse("v: !And [!Condition Yes, !Equals [a, a]]").get("v"))).isTrue();
        assertThat(intrinsics.condition(CfnYaml.parse("v: !Or [!Condition No, !Equals [a, b]]").get("v"))).isFalse();
    }

    @Test
    void resolve_longForms_sameAsShortForms() {
        assertThat(intrinsics.resolve(Json.parse("{\"Fn::Join\":[\"-\",[{\"Ref\":\"Prefix\"},{\"Fn::GetAtt\":[\"Q\",\"Arn\"]}]]}"))
                .asText()).isEqualTo("gbo-arn:Q:Arn");
    }

    @Test
    void resolve_findInMapBase64AndGetAzs_evaluate() {
        assertThat(yaml("!FindInMap [M, a, b]").asText()).isEqualTo("M/a/b");
        assertThat(yaml("!Base64 hi").asText()).isEqualTo("aGk=");
        assertThat(yaml("!GetAZs ''").size()).isEqualTo(2);
    }

    @Test
    void resolve_policyConditionBlock_isNotTreatedAsConditionFunction() {
        JsonNode v = yaml("{Condition: {StringEquals: {'iam:PassedToService': ec2.amazonaws.com}}}");
        assertThat(v.path("Condition").path("StringEquals").path("iam:PassedToService").asText())
                .isEqualTo("ec2.amazonaws.com");
    }

    @Test
    void resolve_unknownFunction_throwsNamingIt() {
        assertThatThrownBy(() -> intrinsics.resolve(Json.parse("{\"Fn::Transform\":{}}")))
                .hasMessageContaining("Fn::Transform");
    }

    @Test
    void resolve_unknownRef_throws() {
        assertThatThrownBy(() -> yaml("!Ref Missing")).isInstanceOf(DeployException.class);
    }
}
