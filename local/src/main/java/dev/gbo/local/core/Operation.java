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

    /**
     * What IAM authorizes for this call, from its input: by default {@code action} (the API's IAM prefix and
     * this operation's name, e.g. {@code batch:DescribeJobs}) on {@code "*"}, as for the actions that support
     * no resource-level permissions. An operation whose action AWS authorizes on resources (the Service
     * Authorization Reference's resource types), or that needs dependent actions (iam:PassRole), overrides
     * it. A member the ARN needs but the input lacks leaves that access out: the operation's own validation
     * refuses the request, as AWS validates a malformed request before authorizing it.
     */
    default java.util.List<Access> access(String action, JsonNode input, RequestContext context) {
        return java.util.List.of(Access.of(action, "*"));
    }
}
