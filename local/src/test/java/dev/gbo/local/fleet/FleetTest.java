package dev.gbo.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.SimClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTest {

    static final String RETRY3 = "\"retryStrategy\":{\"attempts\":3}";

    private static FleetHarness withJobs(String jobsJson) {
        return FleetHarness.of("{\"jobs\":" + jobsJson + "}", SimClock.Mode.VIRTUAL);
    }

    @Test
    void submitJob_defaultScenario_succeedsOnArmPrintingAarch64() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.at("/container/exitCode").asInt()).isZero();
            assertThat(job.get("statusReason").asText()).isEqualTo("Essential container in task exited");
            assertThat(job.get("attempts")).hasSize(1);
            assertThat(job.at("/attempts/0/container/taskArn").asText()).startsWith("arn:aws:ecs:us-east-1:123456789012:task/AWSBatch-ce-m8g-");
            String stream = job.at("/container/logStreamName").asText();
            assertThat(stream).startsWith("app/default/");
            assertThat(h.logs.messages("/aws/batch/job", stream)).containsExactly(
                    "{\"arch\": \"aarch64\", \"job_id\": \"" + id + "\", \"job_attempt\": \"1\"}");
        }
    }

    @Test
    void submitJob_x86ComputeEnvironment_printsX86_64() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m7i", null);
            String id = h.submit("q-m7i", null);
            h.idle();
            String stream = h.job(id).at("/container/logStreamName").asText();
            assertThat(h.logs.messages("/aws/batch/job", stream).get(0)).contains("\"arch\": \"x86_64\"");
        }
    }

    @Test
    void submitJob_spotThenSucceed_retriesAndSecondAttemptSucceeds() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"spot\",\"succeed\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", RETRY3);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.get("attempts")).hasSize(2);
            assertThat(job.at("/attempts/0/statusReason").asText()).matches("Host EC2 \\(instance i-[0-9a-f]{17}\\) terminated\\.");
            assertThat(job.at("/attempts/0/container/exitCode").isMissingNode()).isTrue();
            assertThat(job.at("/attempts/1/container/exitCode").asInt()).isZero();
            String stream = job.at("/attempts/1/container/logStreamName").asText();
            assertThat(h.logs.messages("/aws/batch/job", stream).get(0)).contains("\"job_attempt\": \"2\"");
        }
    }

    @Test
    void submitJob_hostLossWithOneAttempt_failsWithHostStatusReason() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"hostLoss\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("statusReason").asText()).startsWith("Host EC2 (instance i-");
            assertThat(job.get("attempts")).hasSize(1);
        }
    }

    @Test
    void submitJob_evaluateOnExitExitMatches_doesNotRetry() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[{\"type\":\"exit\",\"exitCode\":3}]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"retryStrategy\":{\"attempts\":5,\"evaluateOnExit\":["
                    + "{\"onStatusReason\":\"Host EC2*\",\"action\":\"RETRY\"},{\"onReason\":\"*\",\"action\":\"EXIT\"}]}");
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("attempts")).hasSize(1);
            assertThat(job.at("/container/exitCode").asInt()).isEqualTo(3);
        }
    }

    @Test
    void submitJob_noEvaluateOnExitMatch_retriesUntilAttemptsSpent() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[{\"type\":\"exit\",\"exitCode\":2}]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"retryStrategy\":{\"attempts\":3,\"evaluateOnExit\":["
                    + "{\"onExitCode\":\"137\",\"action\":\"EXIT\"}]}");
            h.idle();
            assertThat(h.job(id).get("attempts")).hasSize(3);
            assertThat(h.status(id)).isEqualTo("FAILED");
        }
    }

    @Test
    void submitJob_execFormatError_failsWithExitOneAndLogLine() {
        try (FleetHarness h = withJobs("[{\"image\":\"*batch-arm64-demo*\",\"attempts\":[\"execFormatError\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.at("/container/exitCode").asInt()).isEqualTo(1);
            assertThat(job.get("statusReason").asText()).isEqualTo("Essential container in task exited");
            assertThat(h.logs.messages("/aws/batch/job", job.at("/container/logStreamName").asText()))
                    .containsExactly("exec /usr/local/bin/python: exec format error");
        }
    }

    @Test
    void submitJob_noMatchingManifest_failsBeforeRunningWithPullError() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"noMatchingManifest\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.at("/container/reason").asText()).startsWith("CannotPullContainerError:")
                    .contains("no matching manifest for linux/arm64/v8 in the manifest list entries");
            assertThat(job.at("/container/reason").asText().length()).isLessThanOrEqualTo(255);
            assertThat(job.at("/container/exitCode").isMissingNode()).isTrue();
            assertThat(job.has("startedAt")).isFalse();
        }
    }

    @Test
    void submitJob_outOfMemory_exit137WithReason() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"outOfMemory\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.at("/container/exitCode").asInt()).isEqualTo(137);
            assertThat(job.at("/container/reason").asText()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        }
    }

    @Test
    void submitJob_hangWithTimeout_failsWithTimeoutReason() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"hang\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"timeout\":{\"attemptDurationSeconds\":60}");
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("statusReason").asText()).isEqualTo("Job attempt duration exceeded timeout");
            assertThat(job.get("stoppedAt").asLong() - job.get("startedAt").asLong()).isEqualTo(60_000);
        }
    }

    @Test
    void submitJob_logLines_expandBatchEnvironment() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[{\"type\":\"succeed\",\"logLines\":"
                + "[\"${AWS_BATCH_JOB_ATTEMPT} ${AWS_BATCH_JQ_NAME} ${AWS_BATCH_CE_NAME} ${AWS_BATCH_JOB_ARRAY_INDEX} ${GREETING}\"]}]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"arrayProperties\":{\"size\":2},\"containerOverrides\":{\"environment\":[{\"name\":\"GREETING\",\"value\":\"hi\"}]}");
            h.idle();
            JsonNode child = h.job(id + ":1");
            assertThat(h.logs.messages("/aws/batch/job", child.at("/container/logStreamName").asText()))
                    .containsExactly("1 q-m8g ce-m8g 1 hi");
        }
    }

    @Test
    void submitJob_manualClock_walksThroughEveryStatus() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.MANUAL)) {
            h.setUp("m8g", null);
            h.advance(20); // CE VALID
            String id = h.submit("q-m8g", null);
            assertThat(h.status(id)).isEqualTo("SUBMITTED");
            h.advance(1);
            assertThat(h.status(id)).isEqualTo("PENDING");
            h.advance(1);
            assertThat(h.status(id)).isEqualTo("RUNNABLE");
            h.advance(45);
            assertThat(h.status(id)).isEqualTo("STARTING");
            h.advance(15);
            assertThat(h.status(id)).isEqualTo("RUNNING");
            h.advance(30);
            assertThat(h.status(id)).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void submitJob_everyTransition_publishesBatchJobStateChangeWithParameters() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            List<ObjectNode> events = Collections.synchronizedList(new ArrayList<>());
            h.cloud.services().events((bus, e) -> events.add(e));
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"parameters\":{\"gboRequestId\":\"r-1\"}");
            h.idle();
            assertThat(events).extracting(e -> e.at("/detail/status").asText())
                    .containsExactly("PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED");
            ObjectNode last = events.get(events.size() - 1);
            assertThat(last.get("version").asText()).isEqualTo("0");
            assertThat(last.get("detail-type").asText()).isEqualTo("Batch Job State Change");
            assertThat(last.get("source").asText()).isEqualTo("aws.batch");
            assertThat(last.get("account").asText()).isEqualTo("123456789012");
            assertThat(last.get("region").asText()).isEqualTo("us-east-1");
            assertThat(last.get("resources").get(0).asText()).endsWith(":job/" + id);
            assertThat(last.at("/detail/parameters/gboRequestId").asText()).isEqualTo("r-1");
            assertThat(last.at("/detail/jobQueue").asText()).isEqualTo("arn:aws:batch:us-east-1:123456789012:job-queue/q-m8g");
            assertThat(last.at("/detail/container/exitCode").asInt()).isZero();
        }
    }

    @Test
    void submitJob_capacityShortageWithTimeLimit_cancelsHeadJobNamingReason() {
        try (FleetHarness h = FleetHarness.of("{\"capacity\":{\"m9g\":\"shortage\"}}", SimClock.Mode.MANUAL)) {
            h.setUp("m9g", "\"jobStateTimeLimitActions\":[{\"reason\":\"CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY\","
                    + "\"state\":\"RUNNABLE\",\"maxTimeSeconds\":600,\"action\":\"CANCEL\"}]");
            h.advance(20);
            String id = h.submit("q-m9g", null);
            h.advance(300);
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("RUNNABLE");
            assertThat(job.get("statusReason").asText()).isEqualTo("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - "
                    + "Service cannot fulfill the capacity requested for instance type [m9g.large]");
            h.advance(310);
            job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("statusReason").asText()).startsWith("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY");
            assertThat(job.get("isCancelled").asBoolean()).isTrue();
            assertThat(job.get("attempts")).isEmpty();
        }
    }

    @Test
    void submitJob_blockedHead_publishesQueueBlockedOnce() {
        try (FleetHarness h = FleetHarness.of("{\"capacity\":{\"m9g\":\"shortage\"}}", SimClock.Mode.VIRTUAL)) {
            List<ObjectNode> events = Collections.synchronizedList(new ArrayList<>());
            h.cloud.services().events((bus, e) -> events.add(e));
            h.setUp("m9g", null);
            String id = h.submit("q-m9g", null);
            h.idle();
            List<ObjectNode> blocked = events.stream()
                    .filter(e -> "Batch Job Queue Blocked".equals(e.get("detail-type").asText())).toList();
            assertThat(blocked).hasSize(1);
            assertThat(blocked.get(0).at("/detail/jobId").asText()).isEqualTo(id);
            assertThat(blocked.get(0).at("/detail/statusReason").asText()).startsWith("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY");
            assertThat(blocked.get(0).get("resources").get(1).asText()).endsWith(":job-queue/q-m9g");
        }
    }

    @Test
    void submitJob_capacityShortage_fallbackQueueSucceeds() {
        try (FleetHarness h = FleetHarness.of("{\"capacity\":{\"m9g\":\"shortage\"}}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m9g", "\"jobStateTimeLimitActions\":[{\"reason\":\"CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY\","
                    + "\"state\":\"RUNNABLE\",\"maxTimeSeconds\":600,\"action\":\"CANCEL\"}]");
            String first = h.submit("q-m9g", null);
            String second = h.submit("q-m9g", null);
            h.idle();
            assertThat(h.status(first)).isEqualTo("FAILED");
            assertThat(h.status(second)).isEqualTo("FAILED");
            h.setUp("m8g", null);
            String fallback = h.submit("q-m8g", null);
            h.idle();
            assertThat(h.status(fallback)).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void submitJob_shortageWithoutTimeLimit_staysRunnable() {
        try (FleetHarness h = FleetHarness.of("{\"capacity\":{\"m9g\":\"shortage\"}}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m9g", null);
            String id = h.submit("q-m9g", null);
            h.idle();
            assertThat(h.status(id)).isEqualTo("RUNNABLE");
        }
    }

    @Test
    void submitJob_capacityRestored_runsAfterRestoreTime() {
        try (FleetHarness h = FleetHarness.of("{\"capacity\":{\"m9g\":{\"available\":false,\"restoredAfterSeconds\":3600}}}",
                SimClock.Mode.VIRTUAL)) {
            h.setUp("m9g", null);
            String id = h.submit("q-m9g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(job.get("startedAt").asLong() - job.get("createdAt").asLong()).isGreaterThan(3_000_000);
        }
    }

    @Test
    void submitJob_familyNotOfferedInSubnetZones_staysRunnableWithCapacityReason() {
        try (FleetHarness h = FleetHarness.of("{\"offerings\":{\"*\":[\"m8g\"],\"us-east-1c\":[\"m9g\",\"m8g\"]}}",
                SimClock.Mode.VIRTUAL)) {
            h.setUp("m9g", null);
            String id = h.submit("q-m9g", null);
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("RUNNABLE");
            assertThat(job.get("statusReason").asText()).startsWith("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY");
        }
    }

    @Test
    void submitJob_jobTooBigForInstanceTypes_blockedWithResourceRequirementReason() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"containerOverrides\":{\"resourceRequirements\":[{\"type\":\"VCPU\",\"value\":\"64\"}]}");
            h.idle();
            assertThat(h.job(id).get("statusReason").asText()).startsWith("MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT");
        }
    }

    @Test
    void submitJob_arrayJob_childrenRunAndParentSucceeds() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"arrayProperties\":{\"size\":5}");
            h.idle();
            JsonNode parent = h.job(id);
            assertThat(parent.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(parent.at("/arrayProperties/size").asInt()).isEqualTo(5);
            assertThat(parent.at("/arrayProperties/statusSummary/SUCCEEDED").asInt()).isEqualTo(5);
            JsonNode child = h.job(id + ":3");
            assertThat(child.at("/arrayProperties/index").asInt()).isEqualTo(3);
            assertThat(child.get("jobArn").asText()).endsWith(":job/" + id + ":3");
        }
    }

    @Test
    void submitJob_arrayWithFailingChild_parentFails() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[{\"type\":\"exit\",\"exitCode\":1}]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"arrayProperties\":{\"size\":2}");
            h.idle();
            assertThat(h.status(id)).isEqualTo("FAILED");
            assertThat(h.job(id).at("/arrayProperties/statusSummary/FAILED").asInt()).isEqualTo(2);
        }
    }

    @Test
    void submitJob_dependsOn_startsAfterDependencySucceeded() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String a = h.submit("q-m8g", null);
            String b = h.submit("q-m8g", "\"dependsOn\":[{\"jobId\":\"" + a + "\"}]");
            h.idle();
            assertThat(h.status(b)).isEqualTo("SUCCEEDED");
            assertThat(h.job(b).get("startedAt").asLong()).isGreaterThan(h.job(a).get("stoppedAt").asLong());
        }
    }

    @Test
    void submitJob_dependencyFails_dependentFails() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"bad\",\"attempts\":[{\"type\":\"exit\",\"exitCode\":1}]}]")) {
            h.setUp("m8g", null);
            String a = h.call("SubmitJob", "{\"jobName\":\"bad\",\"jobQueue\":\"q-m8g\",\"jobDefinition\":\"app\"}")
                    .get("jobId").asText();
            String b = h.submit("q-m8g", "\"dependsOn\":[{\"jobId\":\"" + a + "\"}]");
            h.idle();
            assertThat(h.status(b)).isEqualTo("FAILED");
            assertThat(h.job(b).get("statusReason").asText()).isEqualTo("Dependent Job failed");
        }
    }

    @Test
    void submitJob_sequentialArray_childrenRunOneAfterAnother() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", "\"arrayProperties\":{\"size\":3},\"dependsOn\":[{\"type\":\"SEQUENTIAL\"}]");
            h.idle();
            assertThat(h.job(id + ":1").get("startedAt").asLong()).isGreaterThan(h.job(id + ":0").get("stoppedAt").asLong());
            assertThat(h.job(id + ":2").get("startedAt").asLong()).isGreaterThan(h.job(id + ":1").get("stoppedAt").asLong());
        }
    }

    @Test
    void submitJob_nToNDependency_childWaitsForSameIndex() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String a = h.submit("q-m8g", "\"arrayProperties\":{\"size\":2}");
            String b = h.submit("q-m8g", "\"arrayProperties\":{\"size\":2},\"dependsOn\":[{\"jobId\":\"" + a + "\",\"type\":\"N_TO_N\"}]");
            h.idle();
            assertThat(h.status(b)).isEqualTo("SUCCEEDED");
            assertThat(h.job(b + ":1").get("startedAt").asLong()).isGreaterThan(h.job(a + ":1").get("stoppedAt").asLong());
        }
    }

    @Test
    void cancelJob_runnableJob_failsCancelledWithoutRetry() {
        try (FleetHarness h = FleetHarness.of("{\"capacity\":{\"m9g\":\"shortage\"}}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m9g", null);
            String id = h.submit("q-m9g", RETRY3);
            h.idle();
            h.call("CancelJob", "{\"jobId\":\"" + id + "\",\"reason\":\"no longer needed\"}");
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("statusReason").asText()).isEqualTo("no longer needed");
            assertThat(job.get("isCancelled").asBoolean()).isTrue();
        }
    }

    @Test
    void cancelJob_blockedHead_nextJobRuns() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String big = h.submit("q-m8g", "\"containerOverrides\":{\"resourceRequirements\":[{\"type\":\"VCPU\",\"value\":\"64\"}]}");
            String small = h.submit("q-m8g", null);
            h.idle();
            assertThat(h.status(small)).isEqualTo("RUNNABLE");
            h.call("CancelJob", "{\"jobId\":\"" + big + "\",\"reason\":\"too big\"}");
            h.idle();
            assertThat(h.status(big)).isEqualTo("FAILED");
            assertThat(h.status(small)).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void cancelJob_runningJob_keepsRunning() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"hang\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            assertThat(h.status(id)).isEqualTo("RUNNING");
            h.call("CancelJob", "{\"jobId\":\"" + id + "\",\"reason\":\"stop\"}");
            assertThat(h.status(id)).isEqualTo("RUNNING");
        }
    }

    @Test
    void terminateJob_runningJob_failsTerminatedWithoutRetry() {
        try (FleetHarness h = withJobs("[{\"jobName\":\"*\",\"attempts\":[\"hang\"]}]")) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", RETRY3);
            h.idle();
            h.call("TerminateJob", "{\"jobId\":\"" + id + "\",\"reason\":\"operator\"}");
            h.idle();
            JsonNode job = h.job(id);
            assertThat(job.get("status").asText()).isEqualTo("FAILED");
            assertThat(job.get("isTerminated").asBoolean()).isTrue();
            assertThat(job.get("attempts")).hasSize(1);
            assertThat(job.at("/attempts/0/statusReason").asText()).isEqualTo("operator");
        }
    }

    @Test
    void createComputeEnvironment_scenarioFault_becomesInvalidWithReason() {
        try (FleetHarness h = FleetHarness.of("{\"computeEnvironmentFaults\":[{\"computeEnvironment\":\"ce-*\","
                + "\"statusReason\":\"CLIENT_ERROR - forced\"}]}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            String id = h.submit("q-m8g", null);
            h.idle();
            JsonNode ce = h.call("DescribeComputeEnvironments", "{\"computeEnvironments\":[\"ce-m8g\"]}")
                    .get("computeEnvironments").get(0);
            assertThat(ce.get("status").asText()).isEqualTo("INVALID");
            assertThat(ce.get("statusReason").asText()).isEqualTo("CLIENT_ERROR - forced");
            assertThat(h.status(id)).isEqualTo("RUNNABLE");
        }
    }

    @Test
    void createComputeEnvironment_unknownSubnet_becomesInvalid() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.call("CreateComputeEnvironment", """
                    {"computeEnvironmentName":"bad","type":"MANAGED","computeResources":{"type":"EC2","maxvCpus":4,
                     "instanceTypes":["m8g"],"subnets":["subnet-0000000000000000f"],"instanceRole":"ecsInstanceRole"}}""");
            h.idle();
            JsonNode ce = h.call("DescribeComputeEnvironments", "{}").get("computeEnvironments").get(0);
            assertThat(ce.get("status").asText()).isEqualTo("INVALID");
            assertThat(ce.get("statusReason").asText()).isEqualTo("CLIENT_ERROR - The subnet ID 'subnet-0000000000000000f' does not exist");
        }
    }

    @Test
    void createComputeEnvironment_missingInstanceRole_becomesInvalid() {
        try (FleetHarness h = FleetHarness.of("{}", SimClock.Mode.VIRTUAL)) {
            h.call("CreateComputeEnvironment", """
                    {"computeEnvironmentName":"norole","type":"MANAGED","computeResources":{"type":"EC2","maxvCpus":4,
                     "instanceTypes":["m8g"],"subnets":["subnet-0123456789abcdef0"]}}""");
            h.idle();
            JsonNode ce = h.call("DescribeComputeEnvironments", "{}").get("computeEnvironments").get(0);
            assertThat(ce.get("status").asText()).isEqualTo("INVALID");
            assertThat(ce.get("statusReason").asText()).startsWith("CLIENT_ERROR - Instance role");
        }
    }

    @Test
    void run_sameSeedTwice_isDeterministic() {
        List<String> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            try (FleetHarness h = FleetHarness.of("{\"jobs\":[{\"jobName\":\"*\",\"attempts\":[\"spot\",\"succeed\"]}]}",
                    SimClock.Mode.MANUAL)) {
                h.setUp("m8g", null);
                String id = h.submit("q-m8g", RETRY3);
                h.advance(3600);
                JsonNode job = h.job(id);
                runs.add(id + job.get("attempts").toString() + job.get("stoppedAt"));
            }
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    @Test
    void submitJob_manyJobs_respectMaxvCpusAndAllSucceed() {
        try (FleetHarness h = FleetHarness.of("{\"timing\":{\"submitJobTps\":100000}}", SimClock.Mode.VIRTUAL)) {
            h.setUp("m8g", null);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                ids.add(h.submit("q-m8g", null));
            }
            h.idle();
            for (String id : ids) {
                assertThat(h.status(id)).isEqualTo("SUCCEEDED");
            }
            assertThat(h.batch.store().usedVcpus("ce-m8g")).isZero();
        }
    }
}
