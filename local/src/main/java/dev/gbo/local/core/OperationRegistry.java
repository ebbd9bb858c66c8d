package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API of the local cloud as the registry of its {@link Operation}s. Subclasses register each
 * operation once; calls are dispatched by the operation's AWS name, and the protocol adapters and
 * the endpoint's routing read the registered bindings, so an operation is named in one place only.
 */
public abstract class OperationRegistry implements AwsService {
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    protected final void register(Operation... ops) {
        for (Operation op : ops) {
            if (operations.putIfAbsent(op.name(), op) != null) {
                throw new IllegalStateException(signingName() + " registers " + op.name() + " twice");
            }
        }
    }

    @Override
    public final Collection<Operation> operations() {
        return Collections.unmodifiableCollection(operations.values());
    }

    @Override
    public java.util.List<Access> access(String operation, JsonNode input, RequestContext context) {
        Operation op = operations.get(operation);
        if (op == null) {
            return java.util.List.of(); // refused as unknown by call()
        }
        return op.access(iamPrefix() + ":" + op.name(), input, context);
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw AwsService.unknownOperation(signingName(), operation);
        }
        return op.call(input, context);
    }
}
