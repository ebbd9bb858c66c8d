package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.SimClock;
import java.util.List;

/**
 * CloudWatch Logs (AWS JSON 1.1, {@code Logs_20140328.*}): the registry of {@link CreateLogGroup},
 * {@link CreateLogStream}, {@link PutLogEvents}, {@link DescribeLogGroups}, {@link DescribeLogStreams},
 * {@link GetLogEvents} and {@link FilterLogEvents} over the {@link LogsStore}. The Batch fleet writes
 * job output in process through {@link #append}.
 */
public final class LogsService extends OperationRegistry {
    private final LogsStore store;

    public LogsService(SimClock clock, String region, String accountId) {
        this.store = new LogsStore(clock, region, accountId);
        register(new CreateLogGroup(store), new CreateLogStream(store), new PutLogEvents(store),
                new DescribeLogGroups(store), new DescribeLogStreams(store), new GetLogEvents(store),
                new FilterLogEvents(store));
        declareInputs();
    }

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public String targetPrefix() {
        return "Logs_20140328";
    }

    /** In-process append (the Batch fleet's job output); creates the group and stream when missing. */
    public void append(String groupName, String streamName, List<String> lines, long timestamp) {
        store.append(groupName, streamName, lines, timestamp);
    }

    /** In-process read of a stream's messages (tests, the CLI); empty when it does not exist. */
    public List<String> messages(String groupName, String streamName) {
        return store.messages(groupName, streamName);
    }

    static AwsException invalid(String message) {
        return new AwsException("InvalidParameterException", 400, message);
    }

    /** The input's {@code startTime} (inclusive), or the beginning of time. */
    static long start(JsonNode input) {
        return input.hasNonNull("startTime") ? input.get("startTime").asLong() : Long.MIN_VALUE;
    }

    /** The input's {@code endTime} (exclusive), or the end of time. */
    static long end(JsonNode input) {
        return input.hasNonNull("endTime") ? input.get("endTime").asLong() : Long.MAX_VALUE;
    }

    /** Member types and limits as the CloudWatch Logs API model declares them. */
    private void declareInputs() {
        String group = "string[1..512]/[\\.\\-_\\/#A-Za-z0-9]+/";
        String stream = "string[1..512]/[^:*]*/";
        String token = "nextToken: string[1..]";
        shape("CreateLogGroup", "logGroupName!: " + group + "; kmsKeyId: string[..256]; tags: map[1..50]<string[..256]>;"
                + " logGroupClass: enum(STANDARD|INFREQUENT_ACCESS|DELIVERY)");
        shape("CreateLogStream", "logGroupName!: " + group + "; logStreamName!: " + stream);
        shape("PutLogEvents", "logGroupName!: " + group + "; logStreamName!: " + stream
                + "; logEvents!: list[1..10000]<{timestamp!: long[0..]; message!: string[1..]}>; sequenceToken: string[1..]");
        shape("DescribeLogGroups", "logGroupNamePrefix: " + group + "; logGroupNamePattern: string[..512]; " + token
                + "; limit: int[1..50]; includeLinkedAccounts: boolean; logGroupClass: enum(STANDARD|INFREQUENT_ACCESS|DELIVERY)");
        shape("DescribeLogStreams", "logGroupName: " + group + "; logGroupIdentifier: string[1..2048]; logStreamNamePrefix: "
                + stream + "; orderBy: enum(LogStreamName|LastEventTime); descending: boolean; " + token + "; limit: int[1..50]");
        shape("GetLogEvents", "logGroupName: " + group + "; logGroupIdentifier: string[1..2048]; logStreamName!: " + stream
                + "; startTime: long[0..]; endTime: long[0..]; " + token + "; limit: int[1..10000]; startFromHead: boolean; unmask: boolean");
        shape("FilterLogEvents", "logGroupName: " + group + "; logGroupIdentifier: string[1..2048];"
                + " logStreamNames: list[1..100]<" + stream + ">; logStreamNamePrefix: " + stream
                + "; startTime: long[0..]; endTime: long[0..]; filterPattern: string[..1024]; " + token
                + "; limit: int[1..10000]; interleaved: boolean; unmask: boolean");
    }

    @Override
    protected dev.gbo.local.core.Shape.InputErrors inputErrors() {
        return ERRORS;
    }

    /** CloudWatch Logs answers constraint violations with InvalidParameterException. */
    private static final dev.gbo.local.core.Shape.InputErrors ERRORS = dev.gbo.local.core.Shape.InputErrors.json(
            summary -> new dev.gbo.local.core.AwsException("InvalidParameterException", 400, summary));

    /** Restores what a durable cloud recorded and records every change from now on (see {@link dev.gbo.local.core.StateLog}). */
    public void durable(dev.gbo.local.core.StateLog log, dev.gbo.local.core.StateLog.Restored restored) {
        store.durable(log, restored);
    }
}
