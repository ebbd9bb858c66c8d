package dev.gbo.local.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local cloud's APIs by signing name, and the in-process hooks they use to reach each other
 * (events, function invocation, execution start). Services call each other in process, never over
 * HTTP, and never while holding their own lock.
 */
public final class ServiceRegistry {
    private final Map<String, AwsService> services = new ConcurrentHashMap<>();
    private volatile EventSink events;
    private volatile FunctionInvoker functions;
    private volatile ExecutionStarter executions;

    public void add(AwsService service) {
        services.put(service.signingName(), service);
    }

    /** The API with this signing name (ec2, batch, logs, events, lambda, ecr, s3, sts, states). */
    public AwsService get(String signingName) {
        AwsService s = services.get(signingName);
        if (s == null) {
            throw new AwsException("UnrecognizedClientException", 400,
                    "The local cloud does not serve the AWS API '" + signingName + "'.");
        }
        return s;
    }

    public boolean has(String signingName) {
        return services.containsKey(signingName);
    }

    public EventSink events() {
        return require(events, "EventBridge");
    }

    public FunctionInvoker functions() {
        return require(functions, "Lambda");
    }

    public ExecutionStarter executions() {
        return require(executions, "Step Functions");
    }

    public void events(EventSink sink) {
        this.events = sink;
    }

    public void functions(FunctionInvoker invoker) {
        this.functions = invoker;
    }

    public void executions(ExecutionStarter starter) {
        this.executions = starter;
    }

    private static <T> T require(T hook, String what) {
        if (hook == null) {
            throw new IllegalStateException(what + " is not part of this local cloud");
        }
        return hook;
    }
}
