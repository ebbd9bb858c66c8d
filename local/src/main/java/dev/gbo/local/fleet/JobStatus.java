package dev.gbo.local.fleet;

/** The status of a Batch job, spelled as AWS spells it; ordinal order is the lifecycle order (array parents count their children by ordinal). */
public enum JobStatus {
    SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED, FAILED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
