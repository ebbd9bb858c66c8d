package dev.gbo.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@link Context} a local invocation gets: real request id, names, remaining time and a collecting logger. */
final class LocalContext implements Context, LambdaLogger {
    private final String requestId;
    private final String functionName;
    private final String version;
    private final String invokedArn;
    private final int memoryMb;
    private final long deadlineNanos;
    private final List<String> lines = new ArrayList<>();

    LocalContext(String requestId, String functionName, String version, String invokedArn, int memoryMb,
            int timeoutSeconds) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.version = version;
        this.invokedArn = invokedArn;
        this.memoryMb = memoryMb;
        this.deadlineNanos = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/27/[" + version + "]local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return version;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    @Override
    public synchronized void log(String message) {
        if (message == null) {
            return;
        }
        for (String line : message.split("\r?\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
