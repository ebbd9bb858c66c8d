package dev.gbo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The invariants {@code gbo simulate} checks after every run; each is one small checker with a clear message. */
final class SimInvariants {
    private SimInvariants() {
    }

    record Violation(String invariant, String message) {
        @Override
        public String toString() {
            return "[" + invariant + "] " + message;
        }
    }

    /** One invariant: a short id (shown in the summary) and the check. */
    interface Invariant {
        String id();

        List<Violation> check(SimObservation o);
    }

    /** How long a job may stay active after its execution ended: cleanup is event-driven. */
    static final Duration GRACE = Duration.ofMinutes(2);

    static List<Invariant> all(Set<String> failureClasses) {
        return List.of(new Terminates(), new OneSubmitPerAttempt(), new NoOrphanJobs(GRACE),
                new DocumentedFailure(failureClasses), new PublishedOnce());
    }

    static List<String> ids() {
        return all(Set.of()).stream().map(Invariant::id).toList();
    }

    static List<Violation> checkAll(List<Invariant> invariants, SimObservation o) {
        List<Violation> v = new ArrayList<>();
        for (Invariant i : invariants) {
            v.addAll(i.check(o));
        }
        return v;
    }

    /** 1. Every execution terminates once the simulation settles, and every planned execution started. */
    static final class Terminates implements Invariant {
        public String id() {
            return "terminates";
        }

        public List<Violation> check(SimObservation o) {
            List<Violation> v = new ArrayList<>();
            if (!o.settled()) {
                v.add(new Violation(id(), "the simulation did not settle (simulated " + Report.human(o.simulated()) + ")"));
            }
            if (o.executions().size() < o.plannedExecutions()) {
                v.add(new Violation(id(), o.plannedExecutions() + " executions were started by triggers but only "
                        + o.executions().size() + " exist"));
            }
            for (SimObservation.Execution e : o.executions()) {
                if (!SimObservation.TERMINAL.contains(e.status())) {
                    v.add(new Violation(id(), "execution " + e.name() + " is still " + e.status() + " after the simulation settled"));
                }
            }
            return v;
        }
    }

    /** 2. At most one SubmitJob per (request, family, attempt): job names are deterministic, so no two jobs share one. */
    static final class OneSubmitPerAttempt implements Invariant {
        public String id() {
            return "one-submit";
        }

        public List<Violation> check(SimObservation o) {
            Map<String, List<SimObservation.Job>> byName = new LinkedHashMap<>();
            for (SimObservation.Job j : o.jobs()) {
                byName.computeIfAbsent(j.name(), k -> new ArrayList<>()).add(j);
            }
            List<Violation> v = new ArrayList<>();
            byName.forEach((name, jobs) -> {
                if (jobs.size() > 1) {
                    v.add(new Violation(id(), jobs.size() + " Batch jobs named " + name + " (ids "
                            + jobs.stream().map(SimObservation.Job::id).toList() + "): SubmitJob ran more than once for one attempt"));
                }
            });
            return v;
        }
    }

    /** 3. No Batch job is still active {@code grace} after its execution stopped being RUNNING. */
    static final class NoOrphanJobs implements Invariant {
        private final Duration grace;

        NoOrphanJobs(Duration grace) {
            this.grace = grace;
        }

        public String id() {
            return "no-orphan-jobs";
        }

        public List<Violation> check(SimObservation o) {
            List<Violation> v = new ArrayList<>();
            for (SimObservation.Job j : o.jobs()) {
                SimObservation.Execution e = j.execution() == null ? null : o.execution(j.execution());
                if (e == null || e.stop() == null) {
                    continue; // still running: invariant 1's business
                }
                java.time.Instant limit = e.stop().plus(grace);
                if (j.endedAt() == null && SimObservation.ACTIVE_JOB.contains(j.status())) {
                    v.add(new Violation(id(), "job " + j.name() + " is still " + j.status() + " but its execution "
                            + e.name() + " ended " + e.status() + " " + Report.human(Duration.between(e.stop(), o.simEnd()))
                            + " before the simulation settled"));
                } else if (j.endedAt() != null && j.endedAt().isAfter(limit)) {
                    v.add(new Violation(id(), "job " + j.name() + " ran on for " + Report.human(Duration.between(e.stop(), j.endedAt()))
                            + " after its execution " + e.name() + " ended " + e.status() + " (grace " + Report.human(grace) + ")"));
                }
            }
            return v;
        }
    }

    /** 4. A failed execution's error is a documented failure class with a non-empty cause, never a Java class name. */
    static final class DocumentedFailure implements Invariant {
        private static final Pattern JAVA_CLASS = Pattern.compile("(^|\\.)[a-z][a-z0-9_]*\\.[A-Za-z_$][\\w$]*");
        private final Set<String> classes;

        DocumentedFailure(Set<String> classes) {
            this.classes = classes;
        }

        public String id() {
            return "documented-failure";
        }

        public List<Violation> check(SimObservation o) {
            List<Violation> v = new ArrayList<>();
            for (SimObservation.Execution e : o.executions()) {
                if (!"FAILED".equals(e.status())) {
                    continue;
                }
                String error = e.error() == null ? "" : e.error();
                if (error.contains(".") && JAVA_CLASS.matcher(error).find()) {
                    v.add(new Violation(id(), "execution " + e.name() + " failed with a Java class name as its error: " + error));
                } else if (!classes.contains(error)) {
                    v.add(new Violation(id(), "execution " + e.name() + " failed with '" + error
                            + "', not a failure class of README.md's table " + classes));
                }
                if (e.cause() == null || e.cause().isBlank()) {
                    v.add(new Violation(id(), "execution " + e.name() + " failed with " + error + " and an empty cause"));
                }
            }
            return v;
        }
    }

    /** 5. Each SUCCEEDED/FAILED execution publishes its outcome on the project bus exactly once; aborted and timed-out ones at most once. */
    static final class PublishedOnce implements Invariant {
        public String id() {
            return "published-once";
        }

        public List<Violation> check(SimObservation o) {
            List<Violation> v = new ArrayList<>();
            for (SimObservation.Execution e : o.executions()) {
                long ok = count(o, e, "Batch Orchestration Succeeded");
                long failed = count(o, e, "Batch Orchestration Failed");
                switch (e.status()) {
                    case "SUCCEEDED" -> {
                        if (ok != 1 || failed != 0) {
                            v.add(new Violation(id(), "execution " + e.name() + " SUCCEEDED but published " + ok
                                    + " 'Succeeded' and " + failed + " 'Failed' outcomes (expected exactly one 'Succeeded')"));
                        }
                    }
                    case "FAILED" -> {
                        if (failed != 1 || ok != 0) {
                            v.add(new Violation(id(), "execution " + e.name() + " FAILED (" + e.error() + ") but published " + failed
                                    + " 'Failed' and " + ok + " 'Succeeded' outcomes (expected exactly one 'Failed')"));
                        }
                    }
                    case "ABORTED", "TIMED_OUT" -> {
                        if (ok + failed > 1) {
                            v.add(new Violation(id(), "execution " + e.name() + " " + e.status() + " published " + (ok + failed) + " outcomes"));
                        }
                    }
                    default -> { }
                }
            }
            return v;
        }

        private static long count(SimObservation o, SimObservation.Execution e, String detailType) {
            return o.publications().stream().filter(p -> detailType.equals(p.detailType()) && e.arn().equals(p.executionArn())).count();
        }
    }

    /** The error names of README.md's "Failure classes and what to do" table, read at run time so docs and checker agree. */
    static Set<String> failureClasses(Path readme) {
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new UsageException("simulate: cannot read " + readme + " (the failure-class table): " + e.getMessage());
        }
        int start = text.indexOf("## Failure classes");
        if (start < 0) {
            throw new IllegalStateException(readme + " has no '## Failure classes' section");
        }
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Set<String> classes = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\|\\s*`([A-Za-z][A-Za-z0-9.]*)`\\s*\\|").matcher(section);
        while (m.find()) {
            classes.add(m.group(1));
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException(readme + ": the failure-class table has no rows");
        }
        return classes;
    }
}
