package dev.gbo.functions.verify;

import dev.gbo.model.verify.JobFacts;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;

/** {@link JobFacts} from DescribeJobs: the AWS SDK half of JobFacts, kept out of the SDK-free model. */
public final class SdkJobFacts {
    private SdkJobFacts() {
    }

    public static JobFacts from(JobDetail job) {
        List<JobFacts.Attempt> attempts = new ArrayList<>();
        for (AttemptDetail a : job.attempts()) {
            var c = a.container();
            attempts.add(new JobFacts.Attempt(c == null ? null : c.exitCode(), c == null ? null : c.reason(),
                    c == null ? null : c.logStreamName(), a.statusReason()));
        }
        var container = job.container();
        var array = job.arrayProperties();
        return new JobFacts(job.jobId(), job.jobName(), job.jobArn(), job.jobQueue(), job.statusAsString(),
                job.statusReason(), job.parameters(), attempts,
                container == null ? null : container.exitCode(), container == null ? null : container.reason(),
                container == null ? null : container.logStreamName(),
                array == null ? null : array.index(), array == null ? null : array.size(), job.createdAt());
    }
}
