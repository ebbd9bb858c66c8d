package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS operation of the local cloud, in a class of its own named as AWS names the operation
 * ({@code SubmitJob}, {@code DescribeExecution}): its name, its wire {@link Binding} and its handler.
 * The handler reads the input members, asks the service's store and returns the output members; it
 * throws {@link AwsException} for every AWS error. A service is the registry of its operations
 * ({@link OperationRegistry}).
 */
public interface Operation {

    /** The operation's name exactly as AWS spells it. */
    String name();

    /** Where its members are on the wire ({@link Binding#rpc()} for JSON and query protocols). */
    default Binding binding() {
        return Binding.rpc();
    }

    JsonNode call(JsonNode input, RequestContext context);
}
