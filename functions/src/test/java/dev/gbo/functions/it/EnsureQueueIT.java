package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.capacity.CapacityDecision;
import dev.gbo.functions.state.StateJson;
import dev.gbo.model.support.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.CapacityHandler;
import dev.gbo.functions.EnsureQueueHandler;
import dev.gbo.functions.errors.ComputeEnvironmentInvalid;
import dev.gbo.functions.errors.InstanceTypeRefused;
import dev.gbo.functions.errors.QueueArchitectureConflict;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.testkit.LocalCloudExtension;
import dev.gbo.model.request.JobRequest;
import dev.gbo.functions.queue.QueueEnsurer;
import dev.gbo.functions.support.Config;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.CEStatus;
import software.amazon.awssdk.services.batch.model.CEType;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.JQState;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;

/**
 * QueueEnsurer and EnsureQueueHandler with a real BatchClient against the local cloud's Batch API:
 * create-or-verify of the compute environment, the arm64 queue and the content-addressed job definition.
 */
class EnsureQueueIT {

    /** QueueEnsurer on the capacity as the state carries it, its queue state as the state machine sees it. */
    static JsonNode ensure(QueueEnsurer ensurer, JobRequest request, JsonNode capacity, int previousChecks) {
        return Json.MAPPER.valueToTree(ensurer.ensure(request, StateJson.bind(capacity, CapacityDecision.class), previousChecks));
    }

    /** {@code {request, capacity[, queue]}} as the state machine passes it. */
    static ObjectNode ensureState(JsonNode request, JsonNode capacity, JsonNode queue) {
        ObjectNode state = Fixture.state(request, "capacity", capacity);
        if (queue != null) {
            state.set("queue", queue);
        }
        return state;
    }

    /**
     * happy-m9g on a MANUAL clock, so the test sees the compute environment while it is CREATING and moves
     * time past its simulated creation delay itself.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Readiness {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g").clock(SimClock.Mode.MANUAL);
        Fixture fx;
        BatchClient batch;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
            batch = fx.batch();
        }


        @Test
        void handleRequest_firstCall_createsAl2023ComputeEnvironmentAndJobDefinitionButIsNotReady() {
            Map<String, String> env = fx.env("rdy1");
            JsonNode request = fx.request("ensure-first");
            JsonNode capacity = Fixture.invoke(new CapacityHandler(env), Fixture.state(request));

            JsonNode queue = Fixture.invoke(new EnsureQueueHandler(env), ensureState(request, capacity, null));

            assertThat(queue.get("ready").asBoolean()).isFalse();
            assertThat(queue.get("checks").asInt()).isEqualTo(1);
            assertThat(queue.get("family").asText()).isEqualTo("m9g");
            assertThat(queue.get("jobQueue").asText()).isEqualTo("rdy1-m9g-od");
            assertThat(queue.get("jobDefinition").asText()).endsWith(":job-definition/rdy1-arm64-demo:1");
            ComputeEnvironmentDetail ce = batch.describeComputeEnvironments(b -> b.computeEnvironments("rdy1-m9g-od"))
                    .computeEnvironments().get(0);
            assertThat(ce.status()).isEqualTo(CEStatus.CREATING);
            assertThat(ce.type()).isEqualTo(CEType.MANAGED);
            assertThat(ce.computeResources().type()).isEqualTo(CRType.EC2);
            assertThat(ce.computeResources().ec2Configuration()).extracting(c -> c.imageType()).containsExactly("ECS_AL2023");
            assertThat(ce.computeResources().instanceTypes()).as("the family as a whole, never the request's sizes")
                    .containsExactly("m9g");
            assertThat(ce.computeResources().subnets()).containsExactlyInAnyOrderElementsOf(
                    List.of(fx.env("x").get("SUBNET_IDS").split(",")));
            assertThat(ce.computeResources().securityGroupIds()).containsExactly(Fixture.SECURITY_GROUP);
            assertThat(ce.computeResources().instanceRole()).isEqualTo(Fixture.INSTANCE_ROLE);
            assertThat(batch.describeJobQueues(b -> b.jobQueues("rdy1-m9g-od")).jobQueues()).isEmpty();
        }

        @Test
        void ensure_burstOfMixedSizes_oneEnvironmentPerFamilyNeverNarrowedOrUpdated() throws Exception {
            Map<String, String> env = fx.env("mixed");
            Config config = Config.from(env);
            QueueEnsurer ensurer = new QueueEnsurer(batch, config);
            CapacityHandler capacityHandler = new CapacityHandler(env);
            int[][] sizes = {{1, 2048}, {2, 4096}, {4, 8192}, {1, 4096}, {2, 2048}, {8, 16384}};
            List<JsonNode> capacities = new java.util.ArrayList<>();
            List<JsonNode> requests = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ObjectNode request = (ObjectNode) fx.request("mixed-" + i);
                request.put("vcpus", sizes[i % sizes.length][0]).put("memoryMiB", sizes[i % sizes.length][1]);
                requests.add(request);
                capacities.add(Fixture.invoke(capacityHandler, Fixture.state(request)));
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 2; round++) {
                    List<java.util.concurrent.Future<JsonNode>> results = new java.util.ArrayList<>();
                    for (int i = 0; i < requests.size(); i++) {
                        JobRequest r = JobRequest.fromJson(requests.get(i));
                        JsonNode c = capacities.get(i);
                        results.add(pool.submit(() -> ensure(ensurer, r, c, 0)));
                    }
                    for (var f : results) {
                        assertThat(f.get().get("jobQueue").asText()).isEqualTo("mixed-m9g-od");
                    }
                    fx.cloud.clock().advance(Duration.ofSeconds(fx.scenario.timing().computeEnvironmentCreateSeconds() + 1));
                }
            } finally {
                pool.shutdownNow();
            }

            List<ComputeEnvironmentDetail> ces = batch.describeComputeEnvironmentsPaginator(b -> b.build())
                    .computeEnvironments().stream().filter(c -> c.computeEnvironmentName().startsWith("mixed-")).toList();
            assertThat(ces).hasSize(1);
            assertThat(ces.get(0).status()).as("no request ever updated it").isEqualTo(CEStatus.VALID);
            assertThat(ces.get(0).computeResources().instanceTypes()).containsExactly("m9g");
            assertThat(ensure(ensurer, JobRequest.fromJson(requests.get(5)), capacities.get(5), 0).get("ready").asBoolean())
                    .isTrue();
        }

        @Test
        void handleRequest_afterComputeEnvironmentValid_createsQueueAndIsReady() {
            Map<String, String> env = fx.env("rdy2");
            JsonNode request = fx.request("ensure-ready");
            JsonNode capacity = Fixture.invoke(new CapacityHandler(env), Fixture.state(request));
            EnsureQueueHandler handler = new EnsureQueueHandler(env);
            JsonNode first = Fixture.invoke(handler, ensureState(request, capacity, null));
            assertThat(first.get("ready").asBoolean()).isFalse();

            fx.cloud.clock().advance(Duration.ofSeconds(fx.scenario.timing().computeEnvironmentCreateSeconds() + 1));
            JsonNode second = Fixture.invoke(handler, ensureState(request, capacity, first));

            assertThat(second.get("ready").asBoolean()).isTrue();
            assertThat(second.get("checks").asInt()).isEqualTo(2);
            assertThat(second.get("jobDefinition").asText()).isEqualTo(first.get("jobDefinition").asText());
            JobQueueDetail queue = batch.describeJobQueues(b -> b.jobQueues("rdy2-m9g-od")).jobQueues().get(0);
            assertThat(queue.state()).isEqualTo(JQState.ENABLED);
            assertThat(queue.jobQueueArn()).isEqualTo(second.get("jobQueueArn").asText());
            assertThat(queue.computeEnvironmentOrder()).extracting(ComputeEnvironmentOrder::computeEnvironment)
                    .containsExactly(second.get("computeEnvironments").get(0).get("arn").asText());
            assertThat(queue.jobStateTimeLimitActions()).hasSize(QueueEnsurer.TIME_LIMIT_REASONS.size())
                    .allSatisfy(a -> assertThat(a.maxTimeSeconds()).isEqualTo(600));
            assertThat(second.get("computeEnvironments").get(0).get("status").asText()).isEqualTo("VALID");
        }

        @Test
        void ensure_calledAgainWhenReady_createsNothingNewAndReusesJobDefinitionRevision() {
            Map<String, String> env = fx.env("rdy3");
            Config config = Config.from(env);
            JsonNode request = fx.request("ensure-twice");
            JsonNode capacity = Fixture.invoke(new CapacityHandler(env), Fixture.state(request));
            QueueEnsurer ensurer = new QueueEnsurer(batch, config);
            ensure(ensurer, JobRequest.fromJson(request), capacity, 0);
            fx.cloud.clock().advance(Duration.ofSeconds(fx.scenario.timing().computeEnvironmentCreateSeconds() + 1));
            JsonNode ready = ensure(ensurer, JobRequest.fromJson(request), capacity, 1);
            assertThat(ready.get("ready").asBoolean()).isTrue();
            List<String> ces = computeEnvironmentArns("rdy3-");
            List<JobDefinition> definitions = batch.describeJobDefinitions(b -> b.jobDefinitionName("rdy3-arm64-demo"))
                    .jobDefinitions();

            JsonNode again = ensure(ensurer, JobRequest.fromJson(request), capacity, 0);

            assertThat(again.get("ready").asBoolean()).isTrue();
            assertThat(again.get("jobDefinition").asText()).isEqualTo(ready.get("jobDefinition").asText());
            assertThat(again.get("jobQueueArn").asText()).isEqualTo(ready.get("jobQueueArn").asText());
            assertThat(computeEnvironmentArns("rdy3-")).isEqualTo(ces).hasSize(1);
            assertThat(batch.describeJobDefinitions(b -> b.jobDefinitionName("rdy3-arm64-demo")).jobDefinitions())
                    .hasSameSizeAs(definitions).hasSize(1)
                    .allSatisfy(d -> assertThat(d.revision()).isEqualTo(1));
            assertThat(batch.describeJobQueues(b -> b.jobQueues("rdy3-m9g-od")).jobQueues()).hasSize(1);
        }

        private List<String> computeEnvironmentArns(String prefix) {
            return batch.describeComputeEnvironmentsPaginator(b -> b.build()).computeEnvironments().stream()
                    .filter(c -> c.computeEnvironmentName().startsWith(prefix))
                    .map(ComputeEnvironmentDetail::computeEnvironmentArn).sorted().toList();
        }
    }

    /** scenarios/batch-refuses-m9g.json: EC2 offers m9g, Batch's list for the region does not include it. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BatchRefusesM9g {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("batch-refuses-m9g");
        Fixture fx;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
        }


        @Test
        void handleRequest_m9gRefusedByBatch_throwsInstanceTypeRefusedAndNextPassUsesM8g() {
            Map<String, String> env = fx.env("ref");
            JsonNode request = fx.request("ensure-refused");
            JsonNode capacity = Fixture.invoke(new CapacityHandler(env), Fixture.state(request));
            assertThat(capacity.get("family").asText()).isEqualTo("m9g");
            EnsureQueueHandler handler = new EnsureQueueHandler(env);

            assertThatThrownBy(() -> Fixture.invoke(handler, ensureState(request, capacity, null)))
                    .isInstanceOf(InstanceTypeRefused.class)
                    .satisfies(e -> assertThat(e.getClass().getName())
                            .isEqualTo("dev.gbo.functions.errors.InstanceTypeRefused"))
                    .hasMessageContaining("m9g")
                    .hasMessageContaining("Instance type can only be one of");

            // ExcludeRefusedFamily + ForgetQueue, then Capacity and EnsureQueue again
            ObjectNode refused = capacity.deepCopy();
            refused.put("refusedFamily", "m9g");
            ObjectNode state = Fixture.state(request, "capacity", refused);
            state.putObject("error").put("Error", "dev.gbo.functions.errors.InstanceTypeRefused");
            JsonNode fallback = Fixture.invoke(new CapacityHandler(env), state);
            assertThat(fallback.get("family").asText()).isEqualTo("m8g");
            JsonNode queue = Fixture.invoke(handler, ensureState(request, fallback, null));
            fx.idle();
            if (!queue.get("ready").asBoolean()) {
                queue = Fixture.invoke(handler, ensureState(request, fallback, queue));
            }
            assertThat(queue.get("ready").asBoolean()).isTrue();
            assertThat(queue.get("family").asText()).isEqualTo("m8g");
            assertThat(fx.batch().describeComputeEnvironments(b -> b.computeEnvironments("ref-m9g-od"))
                    .computeEnvironments()).isEmpty();
        }
    }

    /** scenarios/ce-invalid.json: every compute environment ends INVALID after CREATING. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CeInvalid {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("ce-invalid");
        Fixture fx;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
        }


        @Test
        void handleRequest_computeEnvironmentInvalid_throwsComputeEnvironmentInvalidWithStatusReasonAndFix() {
            Map<String, String> env = fx.env("inv");
            JsonNode request = fx.request("ensure-invalid");
            JsonNode capacity = Fixture.invoke(new CapacityHandler(env), Fixture.state(request));
            EnsureQueueHandler handler = new EnsureQueueHandler(env);
            JsonNode first = Fixture.invoke(handler, ensureState(request, capacity, null));
            assertThat(first.get("ready").asBoolean()).isFalse();
            fx.idle();

            assertThatThrownBy(() -> Fixture.invoke(handler, ensureState(request, capacity, first)))
                    .isInstanceOf(ComputeEnvironmentInvalid.class)
                    .hasMessageContaining("inv-m9g-od is INVALID")
                    .hasMessageContaining(fx.scenario.computeEnvironmentFaults().get(0).statusReason())
                    .hasMessageContaining("INSTANCE_ROLE_ARN");
            assertThat(fx.batch().describeJobQueues(b -> b.jobQueues("inv-m9g-od")).jobQueues()).isEmpty();
        }
    }

    /** The queue already holds an x86_64 compute environment created by someone else. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ArchitectureConflict {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g");
        Fixture fx;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
        }


        @Test
        void handleRequest_queueHoldsX86ComputeEnvironment_throwsQueueArchitectureConflictAndChangesNothing() {
            Map<String, String> env = fx.env("mix");
            BatchClient batch = fx.batch();
            String x86 = batch.createComputeEnvironment(b -> b.computeEnvironmentName("someone-else-x86")
                    .type(CEType.MANAGED).state(CEState.ENABLED)
                    .computeResources(ComputeResource.builder().type(CRType.EC2).minvCpus(0).maxvCpus(16)
                            .instanceTypes("m6i.large", "c6i.large")
                            .subnets(List.of(env.get("SUBNET_IDS").split(",")))
                            .securityGroupIds(Fixture.SECURITY_GROUP).instanceRole(Fixture.INSTANCE_ROLE).build()))
                    .computeEnvironmentArn();
            fx.idle();
            batch.createJobQueue(b -> b.jobQueueName("mix-m9g-od").priority(1).state(JQState.ENABLED)
                    .computeEnvironmentOrder(ComputeEnvironmentOrder.builder().order(1).computeEnvironment(x86).build()));
            JsonNode request = fx.request("ensure-conflict");
            JsonNode capacity = Fixture.invoke(new CapacityHandler(env), Fixture.state(request));

            assertThatThrownBy(() -> Fixture.invoke(new EnsureQueueHandler(env), ensureState(request, capacity, null)))
                    .isInstanceOf(QueueArchitectureConflict.class)
                    .hasMessageContaining("mix-m9g-od")
                    .hasMessageContaining("someone-else-x86")
                    .hasMessageContaining("non-arm64");
            assertThat(batch.describeComputeEnvironments(b -> b.computeEnvironments("mix-m9g-od")).computeEnvironments())
                    .isEmpty();
            assertThat(batch.describeJobQueues(b -> b.jobQueues("mix-m9g-od")).jobQueues().get(0).computeEnvironmentOrder())
                    .extracting(ComputeEnvironmentOrder::computeEnvironment).containsExactly(x86);
        }
    }
}
