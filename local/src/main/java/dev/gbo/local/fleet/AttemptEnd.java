package dev.gbo.local.fleet;

import dev.gbo.local.fleet.BatchModel.Attempt;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How an attempt ends as its scenario outcome says: exit code, container reason, status reason and log lines. */
record AttemptEnd(Integer exit, String reason, String statusReason, List<String> lines) {

    static AttemptEnd of(Job job, Attempt a) {
        Scenario.Outcome o = a.outcome;
        String arch = "arm64".equals(a.architecture) ? "aarch64" : "x86_64";
        Map<String, String> env = environment(job, a, arch);
        Integer exit;
        String reason = o.reason();
        String statusReason;
        List<String> lines;
        switch (o.type()) {
            case SUCCEED -> {
                exit = 0;
                statusReason = "Essential container in task exited";
                lines = o.logLines() != null ? expand(o.logLines(), env)
                        : List.of("{\"arch\": \"" + arch + "\", \"job_id\": \"" + job.id + "\", \"job_attempt\": \""
                                + (job.attempts.size() + 1) + "\"}");
            }
            case HOST_LOSS, SPOT -> {
                exit = o.exitCode();
                statusReason = "Host EC2 (instance " + a.instanceId + ") terminated.";
                lines = o.logLines() != null ? expand(o.logLines(), env) : List.of();
            }
            case EXEC_FORMAT_ERROR -> {
                exit = 1;
                statusReason = "Essential container in task exited";
                lines = o.logLines() != null ? expand(o.logLines(), env)
                        : List.of("exec /usr/local/bin/python: exec format error");
            }
            case NO_MATCHING_MANIFEST -> {
                exit = null;
                if (reason == null) {
                    reason = "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to "
                            + "resolve ref " + job.image + ": no matching manifest for linux/arm64/v8 in the "
                            + "manifest list entries";
                    if (reason.length() > 255) {
                        reason = reason.substring(0, 255);
                    }
                }
                statusReason = reason;
                lines = List.of();
            }
            case OUT_OF_MEMORY -> {
                exit = 137;
                if (reason == null) {
                    reason = "OutOfMemoryError: Container killed due to memory usage";
                }
                statusReason = reason;
                lines = o.logLines() != null ? expand(o.logLines(), env) : List.of();
            }
            case AGENT_ERROR -> {
                exit = o.exitCode();
                if (reason == null) {
                    reason = "CannotInspectContainerError: Could not transition to inspecting; timed out after "
                            + "waiting 30s";
                }
                statusReason = reason;
                lines = List.of();
            }
            default -> { // EXIT
                exit = o.exitCode() != null ? o.exitCode() : 1;
                statusReason = "Essential container in task exited";
                lines = o.logLines() != null ? expand(o.logLines(), env) : List.of();
            }
        }
        return new AttemptEnd(exit, reason, statusReason, lines);
    }

    private static Map<String, String> environment(Job job, Attempt a, String arch) {
        Map<String, String> env = new HashMap<>(job.environment);
        env.put("AWS_BATCH_JOB_ID", job.id);
        env.put("AWS_BATCH_JOB_ATTEMPT", Integer.toString(job.attempts.size() + 1));
        env.put("AWS_BATCH_JQ_NAME", job.queue.name);
        env.put("AWS_BATCH_CE_NAME", a.computeEnvironment);
        if (job.arrayIndex != null) {
            env.put("AWS_BATCH_JOB_ARRAY_INDEX", job.arrayIndex.toString());
        }
        env.put("ARCH", arch);
        return env;
    }

    /** The environment Batch gives the current attempt's container (AWS_BATCH_* included); for tests. */
    static Map<String, String> containerEnvironment(Job job) {
        Attempt a = job.current;
        if (a == null) {
            return Map.of();
        }
        Map<String, String> env = environment(job, a, "arm64".equals(a.architecture) ? "aarch64" : "x86_64");
        env.remove("ARCH");
        return env;
    }

    static List<String> expand(List<String> lines, Map<String, String> env) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String s = line;
            int i;
            while ((i = s.indexOf("${")) >= 0) {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    break;
                }
                String name = s.substring(i + 2, end);
                s = s.substring(0, i) + env.getOrDefault(name, "") + s.substring(end + 1);
            }
            out.add(s);
        }
        return out;
    }
}
