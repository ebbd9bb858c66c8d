package dev.gbo.model.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.errors.ErrorName;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.arch.Architectures;
import dev.gbo.model.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the verdict on a terminal job from its facts and its last attempt's log lines. Pure: the
 * callers (JobStateChangeHandler, ReconcileHandler, SubmitHandler) fetch the facts and the logs.
 *
 * <p>SUCCEEDED jobs are checked against {@code gboVerify}: {@code exitCode} (the container's exit
 * code), {@code architecture} (a JSON {@code "arch": "..."} line in the log must say aarch64 when the
 * job prints one; otherwise the job is proven arm64 by {@code gboFamily}, since the queue only holds
 * arm64 compute environments) and {@code logContains} (each string in some log line). FAILED jobs are
 * classified by {@link FailureClassifier}; retryable failures become {@code BatchJobRetriesExhausted}
 * when {@code gboAttempt + 1 >= gboMaxAttempts}.
 */
public final class JobVerifier {
    static final Pattern ARCH_LINE = Pattern.compile("\"arch\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

    private final FailureClassifier classifier;

    public JobVerifier(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * @param logLines the last attempt's log lines, or null when the log stream could not be read
     */
    public Verdict verify(JobFacts job, List<String> logLines) {
        boolean logsKnown = logLines != null;
        List<String> lines = logsKnown ? logLines : List.of();
        List<String> attemptClasses = new ArrayList<>();
        for (int i = 0; i < job.attempts().size() - 1; i++) {
            JobFacts.Attempt a = job.attempts().get(i);
            attemptClasses.add(classifier.classifyFailure(a.statusReason(), a.reason(), a.exitCode(), List.of())
                    .failureClass().name());
        }
        JobFacts.Attempt last = job.lastAttempt();
        String logStream = job.effectiveLogStream();
        Integer exitCode = job.effectiveExitCode();
        String family = job.family();
        String where = "job " + job.jobId() + " (" + job.jobName() + "), logical attempt " + job.logicalAttempt() + " of "
                + job.maxAttempts() + ", Batch attempt " + Math.max(1, job.attempts().size());

        if ("SUCCEEDED".equals(job.status())) {
            JsonNode verify = parseVerify(job);
            List<String> verified = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            String architecture = null;
            if (job.isArrayParent()) {
                verified.add("arrayChildren");
            } else {
                int expected = verify.path("exitCode").asInt(0);
                if (exitCode != null && exitCode == expected) {
                    verified.add("exitCode");
                } else {
                    failures.add("exitCode: expected " + expected + ", the container exited with "
                            + (exitCode == null ? "no exit code" : exitCode));
                }
            }
            String reported = reportedArchitecture(lines);
            if (reported != null) {
                architecture = reported;
                if (RequestNormalizer.ARCHITECTURE.equals(reported)) {
                    verified.add("architecture");
                } else {
                    failures.add("architecture: the job reported \"arch\": \"" + reported + "\", expected aarch64;"
                            + " the image runs emulated or the job did not run on Graviton");
                }
            } else if (family != null && Architectures.isArm64Family(family)) {
                architecture = RequestNormalizer.ARCHITECTURE;
                verified.add("architecture");
            } else {
                failures.add("architecture: the log reports no \"arch\" and the job carries no arm64 gboFamily ("
                        + family + "), so aarch64 cannot be proven");
            }
            List<String> wanted = new ArrayList<>();
            verify.path("logContains").forEach(n -> wanted.add(n.asText()));
            if (!wanted.isEmpty() && !job.isArrayParent()) {
                if (!logsKnown) {
                    failures.add("logContains: log stream " + logStream + " could not be read (missing in LOG_GROUP?),"
                            + " so " + wanted + " cannot be checked");
                } else {
                    List<String> missing = wanted.stream().filter(w -> lines.stream().noneMatch(l -> l.contains(w))).toList();
                    if (missing.isEmpty()) {
                        verified.add("logContains");
                    } else {
                        failures.add("logContains: " + missing + " not found in " + lines.size() + " log lines of " + logStream);
                    }
                }
            }
            if (failures.isEmpty()) {
                attemptClasses.add(FailureClass.SUCCEEDED.name());
                return verdict(job, exitCode, attemptClasses, architecture, logStream, verified, FailureClass.SUCCEEDED,
                        null, null);
            }
            attemptClasses.add(FailureClass.VERIFICATION_FAILED.name());
            String cause = where + " SUCCEEDED but failed verification: " + String.join("; ", failures)
                    + ". Passed: " + verified + ". Fix the job's output or the request's verify block.";
            return verdict(job, exitCode, attemptClasses, architecture, logStream, verified,
                    FailureClass.VERIFICATION_FAILED, FailureClass.VERIFICATION_FAILED.errorName(), cause);
        }

        String statusReason = last != null && last.statusReason() != null ? last.statusReason() : job.statusReason();
        String containerReason = last != null && last.reason() != null ? last.reason() : job.containerReason();
        FailureClassifier.Classification c = classifier.classifyFailure(statusReason, containerReason, exitCode, lines);
        if (job.statusReason() != null && !job.statusReason().equals(statusReason)) {
            // A job-level reason (e.g. a time-limit cancel) outranks the last attempt's.
            FailureClassifier.Classification jobLevel = classifier.classifyFailure(job.statusReason(), null, null, List.of());
            if (jobLevel.failureClass().category() == FailureClass.Category.CAPACITY) {
                c = jobLevel;
            }
        }
        attemptClasses.add(c.failureClass().name());
        String error = c.failureClass().errorName();
        String fix = fix(c.failureClass(), job);
        if (c.failureClass().category() == FailureClass.Category.RETRYABLE) {
            if (job.logicalAttempt() + 1 >= job.maxAttempts()) {
                error = ErrorName.BatchJobRetriesExhausted.name();
                fix = "all " + job.maxAttempts() + " logical attempts (each with up to " + job.maxAttempts()
                        + " Batch attempts) were lost to infrastructure trouble; retry later, or switch PROVISIONING to"
                        + " ON_DEMAND if Spot keeps reclaiming the instances";
            } else {
                fix += "; gbo submits logical attempt " + (job.logicalAttempt() + 1) + " of " + job.maxAttempts();
            }
        }
        String cause = where + " FAILED" + (exitCode == null ? "" : " with exit code " + exitCode) + " as "
                + c.failureClass() + ": " + c.evidence()
                + (logStream == null ? "" : " (log stream " + logStream + ")") + ". Fix: " + fix;
        return verdict(job, exitCode, attemptClasses, null, logStream, List.of(), c.failureClass(), error, cause);
    }

    private Verdict verdict(JobFacts job, Integer exitCode, List<String> attemptClasses, String architecture,
            String logStream, List<String> verified, FailureClass failureClass, String error, String cause) {
        return new Verdict(job.jobId(), job.jobName(), job.jobArn(), job.jobQueue(), job.status(), exitCode,
                job.attempts().size(), attemptClasses, architecture, logStream, job.family(), verified, job.requestId(),
                job.logicalAttempt(), failureClass.name(), error, cause);
    }

    static String reportedArchitecture(List<String> lines) {
        for (String line : lines) {
            Matcher m = ARCH_LINE.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static JsonNode parseVerify(JobFacts job) {
        String text = job.parameters().get(JobFacts.VERIFY);
        if (text == null || text.isBlank()) {
            return Json.object().put("exitCode", 0).put("architecture", RequestNormalizer.ARCHITECTURE);
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return Json.object().put("exitCode", 0).put("architecture", RequestNormalizer.ARCHITECTURE);
        }
    }

    static String fix(FailureClass failureClass, JobFacts job) {
        return switch (failureClass) {
            case RETRYABLE_HOST_LOSS -> "the instance was terminated under the job (Spot reclaim or host failure)";
            case RETRYABLE_SPOT_INTERRUPTION -> "the Spot task was interrupted";
            case RETRYABLE_AGENT_ERROR -> "the ECS agent or container runtime failed on the host, not the job";
            case RETRYABLE_IMAGE_PULL -> "the image pull was cancelled (network or host trouble)";
            case CAPACITY_TIME_LIMIT -> "the job stayed RUNNABLE until the queue's time-limit action cancelled it; gbo"
                    + " excludes family " + job.family() + " and plans the next family of FAMILY_LADDER (if the reason is"
                    + " MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT, lower vcpus/memoryMiB; if"
                    + " COMPUTE_ENVIRONMENT_MAX_RESOURCE, raise MAX_VCPUS)";
            case CAPACITY_BLOCKED -> "Batch could not place the job and could not say why; gbo excludes family "
                    + job.family() + " and plans the next family of FAMILY_LADDER";
            case ARCHITECTURE_EXEC_FORMAT -> "the image holds x86_64 binaries; publish a linux/arm64 image"
                    + " (docker buildx build --platform linux/arm64 --push) and submit again";
            case ARCHITECTURE_NO_ARM64_MANIFEST -> "the image has no linux/arm64 variant; publish one"
                    + " (docker buildx build --platform linux/arm64,linux/amd64 --push) and submit again";
            case OUT_OF_MEMORY -> "the container used more than its memory; raise memoryMiB or reduce the job's memory use";
            case IMAGE_PULL_FAILED -> "the image could not be pulled; check the image name and tag exist and that the"
                    + " instance role may pull from the registry";
            case APPLICATION_FAILED -> "the program failed; read its log stream, fix it and submit again"
                    + (job.statusReason() != null && job.statusReason().contains("timeout")
                            ? " (it hit timeoutSeconds: raise it if the work needs longer)" : "");
            case SUCCEEDED, VERIFICATION_FAILED -> "";
        };
    }
}
