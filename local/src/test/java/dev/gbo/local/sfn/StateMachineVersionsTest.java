package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.SimClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Alias routing (weights, the seeded random) and the IAM resources of qualified ARNs. */
class StateMachineVersionsTest {

    static final StateMachineVersions.Route A = new StateMachineVersions.Route("arn:aws:states:us-east-1:123456789012:stateMachine:m:1", 30);
    static final StateMachineVersions.Route B = new StateMachineVersions.Route("arn:aws:states:us-east-1:123456789012:stateMachine:m:2", 70);

    /** A random whose draws are given. */
    static Random draws(int... values) {
        return new Random() {
            int next;

            @Override
            public int nextInt(int bound) {
                return values[next++];
            }
        };
    }

    @Test
    void pick_drawsLaidOnTheWeights_pickTheRouteTheyFallIn() {
        assertThat(StateMachineVersions.pick(List.of(A, B), draws(0))).isEqualTo(A);
        assertThat(StateMachineVersions.pick(List.of(A, B), draws(29))).isEqualTo(A);
        assertThat(StateMachineVersions.pick(List.of(A, B), draws(30))).isEqualTo(B);
        assertThat(StateMachineVersions.pick(List.of(A, B), draws(99))).isEqualTo(B);
    }

    @Test
    void pick_zeroWeightRoute_isNeverPicked() {
        StateMachineVersions.Route none = new StateMachineVersions.Route(A.versionArn(), 0);
        StateMachineVersions.Route all = new StateMachineVersions.Route(B.versionArn(), 100);
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(StateMachineVersions.pick(List.of(none, all), r)).isEqualTo(all);
        }
    }

    @Test
    void pick_seededRandom_followsTheWeights() {
        Random r = new Random(42);
        int a = 0;
        for (int i = 0; i < 100_000; i++) {
            if (StateMachineVersions.pick(List.of(A, B), r) == A) {
                a++;
            }
        }
        assertThat(a).isBetween(29_000, 31_000);
    }

    @Test
    void startExecution_aliasOnTheVirtualClock_picksTheSameVersionsForTheSameSeed() {
        assertThat(routedVersions(42)).isEqualTo(routedVersions(42));
        assertThat(routedVersions(42)).isNotEqualTo(routedVersions(43));
        assertThat(routedVersions(42)).contains("1", "2");
    }

    /** The version numbers 40 executions started on a 50/50 alias ran, on a virtual clock seeded with {@code seed}. */
    private static List<String> routedVersions(long seed) {
        try (SfnHarness h = new SfnHarness(SimClock.virtual(SfnHarness.START, seed), null, null, null)) {
            String def = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
            String arn = h.create("routed", def);
            String v1 = h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}").get("stateMachineVersionArn").asText();
            h.call("UpdateStateMachine", "{\"stateMachineArn\":\"" + arn + "\",\"definition\":\"{\\\"StartAt\\\":\\\"Q\\\",\\\"States\\\":"
                    + "{\\\"Q\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}\"}");
            String v2 = h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}").get("stateMachineVersionArn").asText();
            String alias = h.call("CreateStateMachineAlias", "{\"name\":\"half\",\"routingConfiguration\":[{\"stateMachineVersionArn\":\""
                    + v1 + "\",\"weight\":50},{\"stateMachineVersionArn\":\"" + v2 + "\",\"weight\":50}]}")
                    .get("stateMachineAliasArn").asText();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                JsonNode d = h.describe(h.start(alias, "e" + i, "{}"));
                String v = d.get("stateMachineVersionArn").asText();
                out.add(v.substring(v.lastIndexOf(':') + 1));
            }
            h.idle();
            return out;
        }
    }

    @Test
    void access_qualifiedArn_isTheStateMachineWithItsQualifier() {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
        assertThat(StateMachineVersions.access("states:StartExecution", machine + ":PROD"))
                .isEqualTo(Access.of("states:StartExecution", machine).with("states:StateMachineQualifier", "PROD"));
        assertThat(StateMachineVersions.access("states:DescribeStateMachine", machine + ":7"))
                .isEqualTo(Access.of("states:DescribeStateMachine", machine).with("states:StateMachineQualifier", "7"));
        assertThat(StateMachineVersions.access("states:StartExecution", machine)).isEqualTo(Access.of("states:StartExecution", machine));
    }

    @Test
    void qualified_versionNumbersAndAliasNames_areToldApart() {
        assertThat(StateMachineVersions.qualified("arn:aws:states:us-east-1:123456789012:stateMachine:m:12").isVersion()).isTrue();
        assertThat(StateMachineVersions.qualified("arn:aws:states:us-east-1:123456789012:stateMachine:m:v12").isVersion()).isFalse();
        assertThat(StateMachineVersions.qualified("arn:aws:states:us-east-1:123456789012:stateMachine:m")).isNull();
        assertThat(StateMachineVersions.qualified("arn:aws:states:us-east-1:123456789012:execution:m:e")).isNull();
    }

    static String pass(int n) {
        return "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":" + n + ",\"End\":true}}}";
    }

    static com.fasterxml.jackson.databind.node.ObjectNode update(String arn, String definition) {
        return dev.gbo.local.core.Json.object().put("stateMachineArn", arn).put("definition", definition);
    }

    @Test
    void publishStateMachineVersion_past1000Versions_isServiceQuotaExceededUntilOneIsDeleted() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String arn = h.create("many", pass(0));
            for (int i = 1; i <= StateMachineVersions.MAX_VERSIONS; i++) {
                h.call("UpdateStateMachine", update(arn, pass(i)).put("publish", true));
            }
            h.call("UpdateStateMachine", update(arn, pass(-1)));
            AwsException e = catchThrowableOfType(AwsException.class,
                    () -> h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}"));
            assertThat(e.code()).isEqualTo("ServiceQuotaExceededException");
            assertThat(e.status()).isEqualTo(402);
            h.call("DeleteStateMachineVersion", "{\"stateMachineVersionArn\":\"" + arn + ":7\"}");
            assertThat(h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}").get("stateMachineVersionArn")
                    .asText()).isEqualTo(arn + ":1001");
        }
    }

    @Test
    void createStateMachineAlias_past100Aliases_isServiceQuotaExceeded() {
        try (SfnHarness h = SfnHarness.virtual()) {
            String arn = h.create("aliased", pass(0));
            String v = h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}").get("stateMachineVersionArn").asText();
            String routes = ",\"routingConfiguration\":[{\"stateMachineVersionArn\":\"" + v + "\",\"weight\":100}]}";
            for (int i = 0; i < StateMachineVersions.MAX_ALIASES; i++) {
                h.call("CreateStateMachineAlias", "{\"name\":\"a" + i + "\"" + routes);
            }
            AwsException e = catchThrowableOfType(AwsException.class,
                    () -> h.call("CreateStateMachineAlias", "{\"name\":\"one-too-many\"" + routes));
            assertThat(e.code()).isEqualTo("ServiceQuotaExceededException");
            assertThat(h.call("ListStateMachineAliases", "{\"stateMachineArn\":\"" + arn + "\",\"maxResults\":1000}")
                    .get("stateMachineAliases")).hasSize(StateMachineVersions.MAX_ALIASES);
        }
    }

    @Test
    void deleteStateMachine_whileAnExecutionRuns_refusesPublishingAndQualifiedStarts() {
        try (SfnHarness h = new SfnHarness(SimClock.manual(SfnHarness.START, 42), null, null, null)) {
            String arn = h.create("waiting", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":100,\"End\":true}}}");
            String v = h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}").get("stateMachineVersionArn").asText();
            String exec = h.start(v, "open", "{}");
            h.call("DeleteStateMachine", "{\"stateMachineArn\":\"" + arn + "\"}");
            assertThat(h.call("DescribeStateMachine", "{\"stateMachineArn\":\"" + arn + "\"}").get("status").asText())
                    .isEqualTo("DELETING");
            AwsException publish = catchThrowableOfType(AwsException.class,
                    () -> h.call("PublishStateMachineVersion", "{\"stateMachineArn\":\"" + arn + "\"}"));
            assertThat(publish.code()).isEqualTo("StateMachineDeleting");
            AwsException start = catchThrowableOfType(AwsException.class, () -> h.start(v, "again", "{}"));
            assertThat(start.code()).isEqualTo("StateMachineDoesNotExist");
            assertThat(h.describe(exec).get("status").asText()).isEqualTo("RUNNING");
            assertThat(h.describe(exec).get("stateMachineVersionArn").asText()).isEqualTo(v);
        }
    }
}
