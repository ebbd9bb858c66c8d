package dev.gbo.local.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

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
    private volatile AccessControl access = AccessControl.ALLOW_ALL;
    private final List<BiConsumer<String, ObjectNode>> eventListeners = new CopyOnWriteArrayList<>();
    private final EventSink tappedEvents = (bus, event) -> {
        for (BiConsumer<String, ObjectNode> l : eventListeners) {
            l.accept(bus, event.deepCopy());
        }
        require(events, "EventBridge").putEvent(bus, event);
    };

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

    /** Every API of the local cloud (for tools that enumerate operations, such as the fuzz harness). */
    public java.util.Collection<AwsService> all() {
        return java.util.List.copyOf(services.values());
    }

    public boolean has(String signingName) {
        return services.containsKey(signingName);
    }

    /** The EventBridge hook; every event put through it is first shown to the listeners. */
    public EventSink events() {
        require(events, "EventBridge");
        return tappedEvents;
    }

    /**
     * Observes every event that an AWS service of the local cloud emits (Batch job state changes, S3
     * Object Created, Step Functions putEvents) before EventBridge routes it: for progress displays
     * and reports. Listeners run on the emitting thread and must be quick.
     */
    public void addEventListener(BiConsumer<String, ObjectNode> listener) {
        eventListeners.add(listener);
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

    /**
     * The account's IAM: services check through it the calls they make in process on a principal's behalf
     * ({@link AccessControl#authorize}); the deployer defines roles in it. {@link AccessControl#ALLOW_ALL}
     * until the local cloud installs its IAM.
     */
    public AccessControl access() {
        return access;
    }

    public void access(AccessControl accessControl) {
        this.access = java.util.Objects.requireNonNull(accessControl, "accessControl");
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
