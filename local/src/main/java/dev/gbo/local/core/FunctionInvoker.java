package dev.gbo.local.core;

/** Synchronous invocation of a local Lambda function, for EventBridge targets and Step Functions. */
public interface FunctionInvoker {

    /**
     * @param functionRef function name, ARN, or ARN with a qualifier (alias or version)
     * @param payload the JSON event
     * @return the response payload and, when the function failed, its error type (Lambda's
     *     {@code errorType}, e.g. the exception's fully qualified class name) — the payload is then
     *     the error document {@code {"errorMessage","errorType","stackTrace"}}
     * @throws AwsException ResourceNotFoundException (404) for an unknown function
     */
    Result invoke(String functionRef, String payload);

    /**
     * @param simulatedMillis the invocation's simulated duration on the invocation clock (the SDK
     *     backoffs of its throttled requests; see {@link InvocationClock}); 0 when it took no simulated time
     */
    record Result(String payload, String functionError, String errorType, long simulatedMillis) {
        public Result(String payload, String functionError, String errorType) {
            this(payload, functionError, errorType, 0);
        }

        public boolean failed() {
            return functionError != null;
        }
    }
}
