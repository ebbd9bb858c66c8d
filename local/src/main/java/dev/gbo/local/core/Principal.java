package dev.gbo.local.core;

/**
 * Who makes a call, as IAM sees it: a role session. A Lambda function is its execution role with the
 * function's name as the session name; a state machine is its role with a session name Step Functions
 * chooses; an EventBridge target is the target's role.
 */
public record Principal(String roleArn, String sessionName) {

    /** The role's name: the last path segment of {@code arn:aws:iam::A:role/[path/]NAME}. */
    public String roleName() {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    public String accountId() {
        String[] p = roleArn.split(":", 6);
        return p.length > 4 ? p[4] : "";
    }

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, the ARN AWS names in its refusals. */
    public String arn() {
        return "arn:aws:sts::" + accountId() + ":assumed-role/" + roleName() + "/" + sessionName;
    }
}
