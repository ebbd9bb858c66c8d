package dev.gbo.functions.verify;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Reads one job attempt's log stream from the start, bounded in pages and bytes. */
public final class LogReader {
    static final int MAX_PAGES = 20;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final CloudWatchLogsClient logs;
    private final String logGroup;

    public LogReader(CloudWatchLogsClient logs, String logGroup) {
        this.logs = logs;
        this.logGroup = logGroup;
    }

    /** The stream's lines, or null when there is no stream name or the stream does not exist. */
    public List<String> read(String logStream) {
        if (logStream == null || logStream.isBlank()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        String token = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                GetLogEventsRequest.Builder request = GetLogEventsRequest.builder().logGroupName(logGroup)
                        .logStreamName(logStream).startFromHead(true);
                if (token != null) {
                    request.nextToken(token);
                }
                GetLogEventsResponse response = logs.getLogEvents(request.build());
                for (OutputLogEvent e : response.events()) {
                    if (e.message() != null) {
                        lines.add(e.message());
                        bytes += e.message().length();
                    }
                }
                String next = response.nextForwardToken();
                if (next == null || next.equals(token) || response.events().isEmpty() || bytes > MAX_BYTES) {
                    break;
                }
                token = next;
            }
        } catch (ResourceNotFoundException e) {
            return null;
        }
        return lines;
    }
}
