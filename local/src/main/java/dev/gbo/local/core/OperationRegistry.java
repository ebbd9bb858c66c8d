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
    private final Map<String, Shape> shapes = new java.util.HashMap<>();
    private final Map<String, java.util.Set<String>> textMembers = new java.util.HashMap<>();

    protected final void register(Operation... ops) {
        for (Operation op : ops) {
            if (operations.putIfAbsent(op.name(), op) != null) {
                throw new IllegalStateException(signingName() + " registers " + op.name() + " twice");
            }
        }
    }

    /**
     * Declares the input of a registered operation ({@link Shape#parse}); it is checked before the
     * operation runs, on the wire and in process alike.
     */
    protected final void shape(String operation, String notation) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw new IllegalStateException(signingName() + " declares the input of " + operation + ", which it does not register");
        }
        Shape shape;
        try {
            shape = Shape.parse(notation);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(signingName() + " " + operation + ": " + e.getMessage(), e);
        }
        java.util.Set<String> text = new java.util.HashSet<>();
        op.binding().members().forEach(m -> text.add(m.member()));
        if (!op.binding().isRpc()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}+]+)\\+?}").matcher(op.binding().path());
            while (m.find()) {
                text.add(m.group(1));
            }
        }
        shapes.put(operation, shape);
        textMembers.put(operation, java.util.Set.copyOf(text));
    }

    /** The declared input of an operation, or null when it has none (it then checks its input itself). */
    public final Shape inputShape(String operation) {
        return shapes.get(operation);
    }

    /** How this API words a wrong-typed member and constraint violations (the JSON protocols' words unless overridden). */
    protected Shape.InputErrors inputErrors() {
        return Shape.InputErrors.JSON;
    }

    /** True for APIs whose every member arrives as text (the query protocols, S3's query and headers). */
    protected boolean textInput() {
        return false;
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
        Shape shape = shapes.get(operation);
        if (shape != null) {
            shape.check(input == null ? Json.object() : input, inputErrors(), textMembers.get(operation), textInput());
        }
        return op.call(input, context);
    }
}
