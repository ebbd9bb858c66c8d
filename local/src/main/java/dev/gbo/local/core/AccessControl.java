package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The account's IAM as the other parts of the local cloud see it: the roles a deployment defines, the
 * access keys that sign as them, and the check of one call against the caller's policies. The wire
 * endpoint checks every signed request; services check the calls they make in process on a principal's
 * behalf (the state machine's task integrations, EventBridge targets with a role). A caller the account
 * does not know (any developer credentials, no signature, a role no deployment defined) is the
 * account's administrator and is allowed everything.
 */
public interface AccessControl {

    /** Nothing is checked (IAM off, or a cloud without IAM). */
    AccessControl ALLOW_ALL = new AccessControl() {
        @Override
        public void authorize(Principal principal, AwsService service, String operation, JsonNode input,
                RequestContext context) {
        }

        @Override
        public void defineRole(String roleArn, Map<String, JsonNode> inlinePolicies, List<String> managedPolicyArns) {
        }

        @Override
        public void signsAs(String accessKeyId, Principal principal) {
        }

        @Override
        public Principal principalOf(String accessKeyId) {
            return null;
        }
    };

    /**
     * Checks that {@code principal} may call {@code operation} of {@code service} with {@code input}: every
     * {@link Access} the operation declares must be allowed by the principal's policies. Throws the API's
     * refusal ({@link AwsService#accessDenied}) naming the first action and resource that are not.
     */
    void authorize(Principal principal, AwsService service, String operation, JsonNode input, RequestContext context);

    /**
     * Defines (or redefines) a role: its inline policy documents by policy name and the ARNs of the managed
     * policies attached to it. Throws {@code MalformedPolicyDocument} for a document IAM would refuse.
     */
    void defineRole(String roleArn, Map<String, JsonNode> inlinePolicies, List<String> managedPolicyArns);

    /** Requests signed with {@code accessKeyId} are made by {@code principal} (a function's role session). */
    void signsAs(String accessKeyId, Principal principal);

    /** The principal that signs with {@code accessKeyId}, or null for a caller the account does not know. */
    Principal principalOf(String accessKeyId);
}
