package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine versions and aliases through the real SDK v2 client: the whole lifecycle, alias routing and the refusals. */
class StepFunctionsVersionsIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static LocalCloud cloud;
    static SfnClient sfn;
    static final AtomicInteger names = new AtomicInteger();

    static String pass(String value) {
        return "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Result\": \"" + value + "\", \"End\": true}}}";
    }

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        cloud.close();
    }

    static String unique() {
        return "versions-" + names.incrementAndGet();
    }

    static DescribeExecutionResponse await(String execArn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(execArn));
            if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return d;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
    }

    /** A state machine with versions 1 ("v1") and 2 ("v2"): {machine, v1, v2}. */
    static String[] twoVersions() {
        CreateStateMachineResponse c = sfn.createStateMachine(b -> b.name(unique()).definition(pass("v1")).roleArn(ROLE)
                .publish(true).versionDescription("first"));
        String v2 = sfn.updateStateMachine(b -> b.stateMachineArn(c.stateMachineArn()).definition(pass("v2")).publish(true))
                .stateMachineVersionArn();
        return new String[] {c.stateMachineArn(), c.stateMachineVersionArn(), v2};
    }

    @Test
    void createStateMachine_publishTrue_publishesVersionOneThatDescribesItsSnapshot() {
        String name = unique();
        CreateStateMachineResponse c = sfn.createStateMachine(b -> b.name(name).definition(pass("v1")).roleArn(ROLE).publish(true)
                .versionDescription("first"));
        assertThat(c.stateMachineVersionArn()).isEqualTo(c.stateMachineArn() + ":1");
        sfn.updateStateMachine(b -> b.stateMachineArn(c.stateMachineArn()).definition(pass("changed")));

        DescribeStateMachineResponse v = sfn.describeStateMachine(b -> b.stateMachineArn(c.stateMachineVersionArn()));
        assertThat(v.stateMachineArn()).isEqualTo(c.stateMachineVersionArn());
        assertThat(v.name()).isEqualTo(name);
        assertThat(v.definition()).isEqualTo(pass("v1"));
        assertThat(v.description()).isEqualTo("first");
        assertThat(v.revisionId()).isNotEqualTo(
                sfn.describeStateMachine(b -> b.stateMachineArn(c.stateMachineArn())).revisionId());
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(c.stateMachineArn())).description()).isNull();
    }

    @Test
    void createStateMachine_versionDescriptionWithoutPublish_isValidationException() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name(unique()).definition(pass("x")).roleArn(ROLE)
                .versionDescription("nope")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Version description can only be set when publish is true");
    }

    @Test
    void publishStateMachineVersion_unchangedRevision_returnsTheExistingVersion() {
        String[] m = twoVersions();
        assertThat(m[2]).isEqualTo(m[0] + ":2");
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(m[0])).stateMachineVersionArn()).isEqualTo(m[2]);
        // an update that changes nothing makes no revision: publishing it again is the same version
        assertThat(sfn.updateStateMachine(b -> b.stateMachineArn(m[0]).definition(pass("v2")).publish(true))
                .stateMachineVersionArn()).isEqualTo(m[2]);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(m[0])).stateMachineVersions()).hasSize(2);
    }

    @Test
    void publishStateMachineVersion_staleRevisionId_isConflictException() {
        String arn = sfn.createStateMachine(b -> b.name(unique()).definition(pass("a")).roleArn(ROLE)).stateMachineArn();
        String first = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(pass("b"))).revisionId();
        String second = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(pass("c"))).revisionId();
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(first)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Failed to publish the State Machine version for revision "
                            + first + ". The current State Machine revision is " + second + ".");
                });
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(second).description("ok"))
                .stateMachineVersionArn()).isEqualTo(arn + ":1");
    }

    @Test
    void publishStateMachineVersion_initialRevisionOfANeverUpdatedMachine_publishes() {
        String arn = sfn.createStateMachine(b -> b.name(unique()).definition(pass("a")).roleArn(ROLE)).stateMachineArn();
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("INITIAL")).stateMachineVersionArn())
                .isEqualTo(arn + ":1");
    }

    @Test
    void listStateMachineVersions_manyVersions_newestFirstAcrossPages() {
        String arn = sfn.createStateMachine(b -> b.name(unique()).definition(pass("0")).roleArn(ROLE).publish(true)).stateMachineArn();
        for (int i = 1; i < 5; i++) {
            String value = String.valueOf(i);
            sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(pass(value)).publish(true));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListStateMachineVersionsResponse page = sfn.listStateMachineVersions(b -> b.stateMachineArn(arn).maxResults(2).nextToken(t));
            assertThat(page.stateMachineVersions().size()).isLessThanOrEqualTo(2);
            page.stateMachineVersions().forEach(v -> seen.add(v.stateMachineVersionArn()));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).containsExactly(arn + ":5", arn + ":4", arn + ":3", arn + ":2", arn + ":1");
    }

    @Test
    void startExecution_versionArn_runsThatVersionAndReportsIt() {
        String[] m = twoVersions();
        String exec = sfn.startExecution(b -> b.stateMachineArn(m[1]).name("on-v1")).executionArn();
        assertThat(exec).endsWith(":execution:" + m[0].substring(m[0].lastIndexOf(':') + 1) + ":on-v1");
        DescribeExecutionResponse d = await(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("\"v1\"");
        assertThat(d.stateMachineArn()).isEqualTo(m[0]);
        assertThat(d.stateMachineVersionArn()).isEqualTo(m[1]);
        assertThat(d.stateMachineAliasArn()).isNull();
        HistoryEvent started = sfn.getExecutionHistory(b -> b.executionArn(exec)).events().get(0);
        assertThat(started.executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(m[1]);
        assertThat(started.executionStartedEventDetails().stateMachineAliasArn()).isNull();
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(exec)).definition()).isEqualTo(pass("v1"));
        // the unqualified ARN runs the latest revision and names no version
        DescribeExecutionResponse latest = await(sfn.startExecution(b -> b.stateMachineArn(m[0])).executionArn());
        assertThat(latest.output()).isEqualTo("\"v2\"");
        assertThat(latest.stateMachineVersionArn()).isNull();
    }

    @Test
    void startExecution_aliasArn_reportsAliasAndVersionAndListExecutionsFiltersByThem() {
        String[] m = twoVersions();
        String alias = sfn.createStateMachineAlias(b -> b.name("PROD").description("production")
                .routingConfiguration(route(m[2], 100))).stateMachineAliasArn();
        assertThat(alias).isEqualTo(m[0] + ":PROD");
        String viaAlias = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        String viaVersion = sfn.startExecution(b -> b.stateMachineArn(m[2])).executionArn();
        String unqualified = sfn.startExecution(b -> b.stateMachineArn(m[0])).executionArn();
        DescribeExecutionResponse d = await(viaAlias);
        assertThat(d.output()).isEqualTo("\"v2\"");
        assertThat(d.stateMachineAliasArn()).isEqualTo(alias);
        assertThat(d.stateMachineVersionArn()).isEqualTo(m[2]);
        HistoryEvent started = sfn.getExecutionHistory(b -> b.executionArn(viaAlias)).events().get(0);
        assertThat(started.executionStartedEventDetails().stateMachineAliasArn()).isEqualTo(alias);
        assertThat(started.executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(m[2]);
        await(viaVersion);
        await(unqualified);

        List<ExecutionListItem> byAlias = sfn.listExecutions(b -> b.stateMachineArn(alias)).executions();
        assertThat(byAlias).extracting(ExecutionListItem::executionArn).containsExactly(viaAlias);
        assertThat(byAlias.get(0).stateMachineAliasArn()).isEqualTo(alias);
        assertThat(byAlias.get(0).stateMachineVersionArn()).isEqualTo(m[2]);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(m[2])).executions()).extracting(ExecutionListItem::executionArn)
                .containsExactly(viaVersion, viaAlias);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(m[1])).executions()).isEmpty();
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(m[0])).executions()).hasSize(3);
    }

    @Test
    void startExecution_aliasWithTwoRoutes_splitsExecutionsByWeight() {
        String[] m = twoVersions();
        String alias = sfn.createStateMachineAlias(b -> b.name("canary").routingConfiguration(route(m[1], 80), route(m[2], 20)))
                .stateMachineAliasArn();
        Map<String, Integer> runs = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String exec = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
            runs.merge(sfn.describeExecution(b -> b.executionArn(exec)).stateMachineVersionArn(), 1, Integer::sum);
        }
        assertThat(runs.keySet()).containsExactlyInAnyOrder(m[1], m[2]);
        assertThat(runs.get(m[1])).isBetween(135, 185);
        assertThat(runs.get(m[2])).isEqualTo(200 - runs.get(m[1]));
    }

    @Test
    void createStateMachineAlias_describeListUpdateDelete_lifecycle() {
        String[] m = twoVersions();
        String prod = sfn.createStateMachineAlias(b -> b.name("PROD").description("d1").routingConfiguration(route(m[1], 100)))
                .stateMachineAliasArn();
        // idempotent for the same request
        assertThat(sfn.createStateMachineAlias(b -> b.name("PROD").description("d1").routingConfiguration(route(m[1], 100)))
                .stateMachineAliasArn()).isEqualTo(prod);
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("PROD").routingConfiguration(route(m[2], 100))))
                .isInstanceOf(ConflictException.class).hasMessageContaining(
                        "Failed to create alias because an alias with the same name and a different routing configuration already exists.");
        String beta = sfn.createStateMachineAlias(b -> b.name("beta").routingConfiguration(route(m[2], 100))).stateMachineAliasArn();

        DescribeStateMachineAliasResponse d = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(prod));
        assertThat(d.name()).isEqualTo("PROD");
        assertThat(d.description()).isEqualTo("d1");
        assertThat(d.routingConfiguration()).containsExactly(route(m[1], 100));
        assertThat(d.updateDate()).isEqualTo(d.creationDate());

        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(m[0])).stateMachineAliases())
                .extracting(StateMachineAliasListItem::stateMachineAliasArn).containsExactlyInAnyOrder(prod, beta);
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(m[1])).stateMachineAliases())
                .extracting(StateMachineAliasListItem::stateMachineAliasArn).containsExactly(prod);

        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(prod).description("d2"));
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(prod)).routingConfiguration())
                .containsExactly(route(m[1], 100));
        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(prod).routingConfiguration(route(m[1], 50), route(m[2], 50)));
        DescribeStateMachineAliasResponse u = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(prod));
        assertThat(u.description()).isEqualTo("d2");
        assertThat(u.routingConfiguration()).containsExactly(route(m[1], 50), route(m[2], 50));

        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(prod));
        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(prod));
        assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(prod)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(prod)))
                .isInstanceOf(StateMachineDoesNotExistException.class).hasMessageContaining(prod);
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(m[1])).stateMachineArn()).isEqualTo(m[1]);
    }

    @Test
    void createStateMachineAlias_badRoutingOrName_isValidationException() {
        String[] m = twoVersions();
        String[] other = twoVersions();
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[1], 60), route(m[2], 30))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Sum of routing configuration weights must equal 100. Received: [60, 30]");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[1], 50), route(m[1], 50))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Routing configuration must contain distinct state machine version ARNs.");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[1], 50),
                route(other[1], 50)))).isInstanceOf(ValidationException.class).hasMessageContaining("same state machine");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[0] + ":9", 100))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Routing configuration must contain state machine version ARNs.");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[0], 100))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Routing configuration must contain state machine version ARNs.");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[1], 40), route(m[2], 30),
                route(other[1], 30)))).isInstanceOf(ValidationException.class).hasMessageContaining("routingConfiguration");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("42").routingConfiguration(route(m[1], 100))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m[1], 101))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void deleteStateMachineVersion_routedByAnAlias_isConflictUntilTheAliasMoves() {
        String[] m = twoVersions();
        String alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(route(m[1], 100))).stateMachineAliasArn();
        assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m[1])))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]"));
        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(m[2], 100)));
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m[1]));
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m[1]));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(m[1])))
                .isInstanceOf(StateMachineDoesNotExistException.class).hasMessageContaining(m[1]);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(m[1])))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(m[0])).stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn).containsExactly(m[2]);
        // numbers are never reused
        sfn.updateStateMachine(b -> b.stateMachineArn(m[0]).definition(pass("v3")));
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(m[0])).stateMachineVersionArn()).isEqualTo(m[0] + ":3");
    }

    @Test
    void deleteStateMachine_withVersionsAndAliases_deletesThemAll() {
        String[] m = twoVersions();
        String alias = sfn.createStateMachineAlias(b -> b.name("x").routingConfiguration(route(m[1], 100))).stateMachineAliasArn();
        sfn.deleteStateMachine(b -> b.stateMachineArn(m[0]));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(m[2])))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.listStateMachineVersions(b -> b.stateMachineArn(m[0])))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void describeStateMachine_aliasArn_namesNoStateMachine() {
        String[] m = twoVersions();
        String alias = sfn.createStateMachineAlias(b -> b.name("PROD").routingConfiguration(route(m[1], 100))).stateMachineAliasArn();
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(alias)))
                .isInstanceOf(StateMachineDoesNotExistException.class).hasMessageContaining(alias);
    }

    @Test
    void durableCloud_restart_keepsVersionsAliasesCountersAndQualifiedExecutions(@TempDir java.nio.file.Path dir) {
        String machine;
        String alias;
        String exec;
        try (LocalCloud durable = LocalCloud.builder().port(0).stateDir(dir).build().start();
                SfnClient c = client(durable)) {
            CreateStateMachineResponse m = c.createStateMachine(b -> b.name("kept").definition(pass("v1")).roleArn(ROLE)
                    .publish(true).versionDescription("first"));
            machine = m.stateMachineArn();
            c.updateStateMachine(b -> b.stateMachineArn(m.stateMachineArn()).definition(pass("v2")).publish(true));
            c.updateStateMachine(b -> b.stateMachineArn(m.stateMachineArn()).definition(pass("v3")).publish(true));
            c.deleteStateMachineVersion(b -> b.stateMachineVersionArn(machine + ":3"));
            alias = c.createStateMachineAlias(b -> b.name("PROD").description("d")
                    .routingConfiguration(route(machine + ":1", 30), route(machine + ":2", 70))).stateMachineAliasArn();
            exec = c.startExecution(b -> b.stateMachineArn(alias).name("via-alias")).executionArn();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (c.describeExecution(b -> b.executionArn(exec)).status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        try (LocalCloud again = LocalCloud.builder().port(0).stateDir(dir).build().start();
                SfnClient c = client(again)) {
            assertThat(c.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
                    .extracting(StateMachineVersionListItem::stateMachineVersionArn).containsExactly(machine + ":2", machine + ":1");
            DescribeStateMachineResponse v1 = c.describeStateMachine(b -> b.stateMachineArn(machine + ":1"));
            assertThat(v1.definition()).isEqualTo(pass("v1"));
            assertThat(v1.description()).isEqualTo("first");
            DescribeStateMachineAliasResponse a = c.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
            assertThat(a.description()).isEqualTo("d");
            assertThat(a.routingConfiguration()).containsExactly(route(machine + ":1", 30), route(machine + ":2", 70));
            DescribeExecutionResponse d = c.describeExecution(b -> b.executionArn(exec));
            assertThat(d.stateMachineAliasArn()).isEqualTo(alias);
            assertThat(d.stateMachineVersionArn()).isIn(machine + ":1", machine + ":2");
            assertThat(c.listExecutions(b -> b.stateMachineArn(alias)).executions()).hasSize(1);
            // version 3 was deleted before the restart: its number is not handed out again
            c.updateStateMachine(b -> b.stateMachineArn(machine).definition(pass("v4")));
            assertThat(c.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn()).isEqualTo(machine + ":4");
        }
    }

    static SfnClient client(LocalCloud c) {
        return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(c.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")))
                .build();
    }

    @Test
    void qualifiedArns_whereTheApiTakesNone_areInvalidArn() {
        String[] m = twoVersions();
        assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(m[1]).definition(pass("z"))))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m[0])))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(m[1])))
                .isInstanceOf(InvalidArnException.class);
    }
}
