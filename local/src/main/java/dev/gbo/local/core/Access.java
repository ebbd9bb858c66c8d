package dev.gbo.local.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One authorization a request needs, as IAM evaluates it: an action ({@code batch:SubmitJob},
 * {@code iam:PassRole}) on one resource ARN ({@code "*"} for actions that support no resource-level
 * permissions), with the request's condition keys ({@code iam:PassedToService}, {@code events:source}).
 * An operation that acts on several resources (SubmitJob: its job queue and its job definition) or
 * needs dependent actions (CreateComputeEnvironment: iam:PassRole on its instance role) declares one
 * Access per (action, resource); the request is allowed only when every one is.
 *
 * <p>{@code unlessExists} marks the service-linked role creation a service attempts on the caller's
 * behalf (iam:CreateServiceLinkedRole): it is needed only while that role does not exist yet.
 */
public record Access(String action, String resource, Map<String, String> context, boolean unlessExists) {

    public Access {
        context = Map.copyOf(context);
    }

    public static Access of(String action, String resource) {
        return new Access(action, resource, Map.of(), false);
    }

    /** The same access with one more condition key. */
    public Access with(String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(context);
        c.put(key, value);
        return new Access(action, resource, c, unlessExists);
    }

    /** {@code iam:PassRole} of {@code roleArn} to {@code service} (the {@code iam:PassedToService} key). */
    public static Access passRole(String roleArn, String service) {
        return of("iam:PassRole", roleArn).with("iam:PassedToService", service);
    }

    /**
     * The creation of a service-linked role ({@code arn:aws:iam::A:role/aws-service-role/SERVICE/NAME}) that a
     * service makes with the caller's permissions the first time it needs the role.
     */
    public static Access createServiceLinkedRole(String accountId, String service, String roleName) {
        return new Access("iam:CreateServiceLinkedRole", "arn:aws:iam::" + accountId + ":role/aws-service-role/" + service
                + "/" + roleName, Map.of("iam:AWSServiceName", service), true);
    }
}
