package dev.gbo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.SimClock;
import dev.gbo.testkit.LocalDeployment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs one {@link SimPlan} on a fresh local cloud (VIRTUAL clock, the real template.yaml, state
 * machine and handlers): fires the workload from clock tasks (so its order against the simulation
 * is fixed), optionally stops one running execution mid-run, waits for the simulation to settle,
 * and reads back what happened through the AWS APIs and the registry's event listener.
 */
final class SimRun {
    /** Simulated time after which a run that has not settled is cut off (invariant 1 then reports it). */
    static final Duration HORIZON = Duration.ofHours(12);
    /** Wall time after which a run that has not settled is cut off. */
    static final Duration WALL_LIMIT = Duration.ofSeconds(90);

    private SimRun() {
    }

    record Result(SimPlan plan, SimObservation observation, String stopped) {
    }

    static Result run(Path home, SimPlan plan) {
        return run(home, plan, true);
    }

    static Result run(Path home, SimPlan plan, boolean iam) {
        try (LocalDeployment local = LocalDeployment.start(home, plan.scenario(), 0, null, SimPlan.BUCKET, "", iam)) {
            String outcomesQueue = watchOutcomes(local);
            SimClock clock = local.clock();
            Instant t0 = clock.now();
            String[] stopped = new String[1];
            try (SfnClient sfn = local.sfn(); S3Client s3 = local.s3()) {
                String stateMachine = local.stateMachineArn();
                // Every start is a clock task: their order against the simulation is part of the plan, not of thread timing.
                clock.submit("simulate: workload", () -> {
                    for (SimPlan.Start st : plan.starts()) {
                        if (st.offsetSeconds() == 0) {
                            fire(sfn, s3, stateMachine, st);
                        } else {
                            clock.schedule(Duration.ofSeconds(st.offsetSeconds()), "simulate: start " + st.index(),
                                    () -> fire(sfn, s3, stateMachine, st));
                        }
                    }
                    if (plan.stopAtSeconds() != null) {
                        clock.schedule(Duration.ofSeconds(plan.stopAtSeconds()), "simulate: StopExecution",
                                () -> stopped[0] = stopOne(sfn, stateMachine, new Random(plan.runSeed() ^ 0x5DEECE66DL)));
                    }
                });
                boolean settled = settle(clock, t0);
                return new Result(plan, observe(local, sfn, plan, t0, settled, outcomes(local, outcomesQueue)), stopped[0]);
            }
        }
    }

    /**
     * A rule on the project bus sending every "Batch Orchestration Succeeded/Failed" to an (in-memory)
     * SQS queue: the outcomes as a subscriber of the bus sees them. Returns the queue's ARN.
     */
    private static String watchOutcomes(LocalDeployment local) {
        String queueArn = local.cloud().createQueue("gbo-simulate-outcomes");
        String bus = local.projectBus();
        try (EventBridgeClient eb = local.events()) {
            eb.putRule(r -> r.name("gbo-simulate-outcomes").eventBusName(bus)
                    .eventPattern("{\"source\": [\"gbo.orchestrator\"], \"detail-type\": [{\"prefix\": \"Batch Orchestration \"}]}"));
            eb.putTargets(r -> r.rule("gbo-simulate-outcomes").eventBusName(bus).targets(t -> t.id("outcomes").arn(queueArn)));
        }
        return queueArn;
    }

    private static List<SimObservation.Publication> outcomes(LocalDeployment local, String queueArn) {
        List<SimObservation.Publication> list = new ArrayList<>();
        for (String body : local.cloud().queuedMessages(queueArn)) {
            JsonNode e = Json.parseOrNull(body);
            if (e != null) {
                list.add(new SimObservation.Publication(local.projectBus(), e.path("detail-type").asText(),
                        e.path("detail").path("executionArn").asText(null)));
            }
        }
        return list;
    }

    private static void fire(SfnClient sfn, S3Client s3, String stateMachine, SimPlan.Start st) {
        if (st.s3()) {
            s3.putObject(r -> r.bucket(SimPlan.BUCKET).key(st.key()), RequestBody.fromBytes(new byte[64]));
        } else {
            sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(st.executionName()).input(st.consoleInput()));
        }
    }

    /** StopExecution of a random RUNNING execution (by name order, so the choice is deterministic); returns its name. */
    private static String stopOne(SfnClient sfn, String stateMachine, Random random) {
        List<ExecutionListItem> running = new ArrayList<>(sfn.listExecutions(r -> r.stateMachineArn(stateMachine)
                .statusFilter(ExecutionStatus.RUNNING)).executions());
        if (running.isEmpty()) {
            return null;
        }
        running.sort(Comparator.comparing(ExecutionListItem::name));
        ExecutionListItem victim = running.get(random.nextInt(running.size()));
        sfn.stopExecution(r -> r.executionArn(victim.executionArn()).error("gbo.simulate.Stop")
                .cause("StopExecution mid-run by gbo simulate"));
        return victim.name();
    }

    private static boolean settle(SimClock clock, Instant t0) {
        long deadline = System.nanoTime() + WALL_LIMIT.toNanos();
        Instant horizon = t0.plus(HORIZON);
        while (true) {
            if (clock.awaitIdle(Duration.ofMillis(200))) {
                return true;
            }
            if (clock.now().isAfter(horizon) || System.nanoTime() > deadline) {
                return false;
            }
        }
    }

    private static SimObservation observe(LocalDeployment local, SfnClient sfn, SimPlan plan, Instant t0, boolean settled,
                                          List<SimObservation.Publication> pubs) {
        Instant end = local.clock().now();
        List<SimObservation.Execution> executions = new ArrayList<>();
        sfn.listExecutionsPaginator(r -> r.stateMachineArn(local.stateMachineArn())).executions().forEach(item -> {
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(item.executionArn()));
            executions.add(new SimObservation.Execution(d.name(), d.executionArn(), d.statusAsString(), d.error(), d.cause(),
                    d.startDate(), d.stopDate()));
        });
        executions.sort(Comparator.comparing(SimObservation.Execution::name));

        // Jobs: every job the fleet emitted a state change for (the listener sees events before delivery faults).
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Map<String, Instant> endedAt = new HashMap<>();
        for (JsonNode e : local.batchEvents()) {
            JsonNode d = e.path("detail");
            String id = d.path("jobId").asText();
            ids.add(id);
            String status = d.path("status").asText();
            if ("SUCCEEDED".equals(status) || "FAILED".equals(status)) {
                Instant at = Instant.parse(e.path("time").asText());
                endedAt.merge(id, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<SimObservation.Job> jobs = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        try (BatchClient batch = local.batch()) {
            for (int i = 0; i < all.size(); i += 100) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + 100));
                for (JobDetail j : batch.describeJobs(r -> r.jobs(chunk)).jobs()) {
                    String execution = j.parameters() == null ? null : j.parameters().get("gboExecution");
                    jobs.add(new SimObservation.Job(j.jobId(), j.jobName(), j.statusAsString(),
                            execution == null || execution.isBlank() ? null : execution,
                            j.createdAt() == null ? null : Instant.ofEpochMilli(j.createdAt()), endedAt.get(j.jobId())));
                }
            }
        }
        jobs.sort(Comparator.comparing(SimObservation.Job::name).thenComparing(SimObservation.Job::id));
        return new SimObservation(plan.starts().size(), t0, end, settled, List.copyOf(executions), List.copyOf(jobs), List.copyOf(pubs));
    }
}
