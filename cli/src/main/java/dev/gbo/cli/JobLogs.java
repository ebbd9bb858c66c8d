package dev.gbo.cli;

import dev.gbo.testkit.AwsClients;
import dev.gbo.testkit.LocalDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * A job attempt's log lines, read back through CloudWatch Logs as the orchestrator's VerifyJob reads them, so the
 * CLI classifies an attempt from the same evidence as the verdict ("exec format error" is only in the log).
 */
final class JobLogs implements AutoCloseable {
    /** Batch's log group when the job definition names none (awslogs-group). */
    static final String DEFAULT_GROUP = "/aws/batch/job";
    private static final int MAX_PAGES = 5;

    private final AwsClients aws;
    private final CloudWatchLogsClient logs;

    JobLogs(LocalDeployment local) {
        this.aws = new AwsClients(local.cloud().region(), local.cloud().endpoint().toString());
        this.logs = aws.logs();
    }

    /** The group a job's containers log to. */
    static String group(JobDetail job) {
        var config = job.container() == null ? null : job.container().logConfiguration();
        Map<String, String> options = config == null ? Map.of() : config.options();
        return options.getOrDefault("awslogs-group", DEFAULT_GROUP);
    }

    /** The stream's lines from the start (a few pages at most); empty when there is no stream or it cannot be read. */
    List<String> lines(String group, String stream) {
        List<String> lines = new ArrayList<>();
        if (stream == null || stream.isBlank()) {
            return lines;
        }
        String token = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String from = token;
                GetLogEventsResponse r = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true)
                        .nextToken(from));
                r.events().stream().map(OutputLogEvent::message).filter(m -> m != null).forEach(lines::add);
                if (r.events().isEmpty() || r.nextForwardToken() == null || r.nextForwardToken().equals(token)) {
                    break;
                }
                token = r.nextForwardToken();
            }
        } catch (ResourceNotFoundException e) {
            return lines;
        } catch (SdkException e) {
            return lines; // the classification falls back to the reasons and the exit code, as VerifyJob's does
        }
        return lines;
    }

    @Override
    public void close() {
        logs.close();
        aws.close();
    }
}
