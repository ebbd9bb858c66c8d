package dev.gbo.functions.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.state.StateJson;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.support.Json;
import java.io.OutputStream;
import java.util.Map;

/**
 * SnapStart priming helpers: each handler's {@code beforeCheckpoint} runs its hot path on bundled
 * samples and makes read-only AWS calls that change nothing, so classes, clients and TLS are loaded
 * before the snapshot. Every step tolerates failure: priming must never break a deployment.
 */
public final class Priming {
    public static final String CONSOLE_REQUEST = """
            {"trigger": {"name": "gbo-priming", "image": "public.ecr.aws/docker/library/python:3.12-slim",
                         "command": ["python", "-c", "print(1)"], "vcpus": 1, "memoryMiB": 2048},
             "executionName": "gbo-priming"}""";
    public static final String S3_EVENT = """
            {"version": "0", "id": "00000000-0000-0000-0000-000000000000", "detail-type": "Object Created",
             "source": "aws.s3", "account": "123456789012", "time": "2026-01-01T00:00:00Z", "region": "us-east-1",
             "resources": ["arn:aws:s3:::gbo-priming"],
             "detail": {"version": "0", "bucket": {"name": "gbo-priming"},
                        "object": {"key": "input/sample.csv", "size": 1, "etag": "0", "sequencer": "0"},
                        "request-id": "0", "requester": "123456789012", "reason": "PutObject"}}""";
    public static final String SUCCEEDED_JOB = """
            {"jobArn": "arn:aws:batch:us-east-1:123456789012:job/00000000-0000-0000-0000-000000000000",
             "jobName": "gbo-priming", "jobId": "00000000-0000-0000-0000-000000000000",
             "jobQueue": "arn:aws:batch:us-east-1:123456789012:job-queue/gbo-arm64", "status": "SUCCEEDED",
             "attempts": [{"container": {"exitCode": 0, "logStreamName": "gbo/default/0"}}],
             "parameters": {"gboTaskToken": "priming", "gboRequestId": "exec-priming", "gboAttempt": "0",
                            "gboMaxAttempts": "3", "gboFamily": "m8g",
                            "gboVerify": "{\\"exitCode\\":0,\\"architecture\\":\\"aarch64\\",\\"logContains\\":[]}"},
             "container": {"exitCode": 0, "logStreamName": "gbo/default/0"}}""";
    public static final String FAILED_JOB = """
            {"jobId": "00000000-0000-0000-0000-000000000001", "jobName": "gbo-priming", "status": "FAILED",
             "statusReason": "Essential container in task exited",
             "attempts": [{"container": {"exitCode": 1, "reason": "x"}, "statusReason": "Host EC2 (instance i-0) terminated."}],
             "parameters": {"gboTaskToken": "priming", "gboAttempt": "0", "gboMaxAttempts": "3", "gboFamily": "m8g"}}""";

    private Priming() {
    }

    /**
     * The state a handler of the state machine receives, {@code {"request": <the normalised CONSOLE_REQUEST>}}, bound
     * into {@code type} the way {@code JsonStreamHandler} binds its input: primes the JSON binding of the hot path.
     */
    public static <T> T bindSampleState(Class<T> type) {
        ObjectNode state = Json.object();
        state.set("request", new RequestNormalizer(RequestDefaults.fromEnvironment(Map.of()))
                .normalize(Json.parse(CONSOLE_REQUEST)).toJson());
        return StateJson.bind(Json.parse(Json.toJson(state)), type);
    }

    /** Serialises {@code output} as {@code JsonStreamHandler} writes a handler's result, into nothing. */
    public static void writeOutput(Object output) {
        Json.write(OutputStream.nullOutputStream(), output);
    }

    public static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            Log.info("prime.step.failed", "step", what, "exception", e.getClass().getSimpleName(),
                    "note", "tolerated; priming only warms the hot path");
        }
    }
}
