package dev.gbo.functions.verify;

import dev.gbo.model.verify.JobVerifier;
import dev.gbo.model.verify.Verdict;
import dev.gbo.model.verify.JobFacts;
import java.util.List;

/** Reads the last attempt's log stream and gives the verdict: the I/O around {@link JobVerifier}. */
public final class JobInspector {
    private final LogReader logs;
    private final JobVerifier verifier;

    public JobInspector(LogReader logs, JobVerifier verifier) {
        this.logs = logs;
        this.verifier = verifier;
    }

    public Verdict inspect(JobFacts job) {
        List<String> lines = job.isArrayParent() ? List.of() : logs.read(job.effectiveLogStream());
        return verifier.verify(job, lines);
    }
}
