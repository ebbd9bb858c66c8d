package dev.gbo.local.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * The ARNs AWS Batch's actions are authorized on (Service Authorization Reference, "Actions, resources,
 * and condition keys for AWS Batch"), from the names or ARNs a request gives: compute-environment/NAME,
 * job-queue/NAME, job-definition/NAME[:REVISION] (the revision only when the request names one, as AWS
 * evaluates it), job/ID; and the dependent actions: batch:TagResource for tags given at creation (with
 * {@code batch:CreateAction}), iam:PassRole of the roles the request passes (with
 * {@code iam:PassedToService}), and iam:CreateServiceLinkedRole of the service-linked roles Batch creates
 * the first time it needs them.
 */
final class BatchAccess {

    private BatchAccess() {
    }

    /** {@code arn:aws:batch:R:A:KIND/NAME}, or the ARN as given; null when the member is absent. */
    static String arn(RequestContext c, String kind, JsonNode in, String member) {
        String ref = text(in, member);
        if (ref == null) {
            return null;
        }
        return ref.startsWith("arn:") ? ref : "arn:aws:batch:" + c.region() + ":" + c.accountId() + ":" + kind + "/" + ref;
    }

    /** The job's ARN from a job id or ARN. */
    static String job(RequestContext c, JsonNode in, String member) {
        return arn(c, "job", in, member);
    }

    static String text(JsonNode in, String member) {
        JsonNode v = in == null ? null : in.get(member);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }

    /** batch:TagResource on the new resource when the request tags it ({@code aws:RequestTag/KEY} set). */
    static void tagOnCreate(List<Access> out, String resource, JsonNode in, String createAction) {
        JsonNode tags = in.get("tags");
        if (resource == null || tags == null || !tags.isObject() || tags.isEmpty()) {
            return;
        }
        Access tag = Access.of("batch:TagResource", resource).with("batch:CreateAction", createAction);
        for (var it = tags.fields(); it.hasNext(); ) {
            var e = it.next();
            tag = tag.with("aws:RequestTag/" + e.getKey(), e.getValue().asText());
        }
        out.add(tag);
    }

    /** A role given by name or ARN, as an ARN. */
    static String role(RequestContext c, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : "arn:aws:iam::" + c.accountId() + ":role/" + nameOrArn;
    }

    /**
     * The role of an instance profile (name or ARN): the role with the profile's name and path, as the
     * console, {@code ecsInstanceRole} and template.yaml's InstanceProfileRoleArn default assume.
     */
    static String instanceProfileRole(RequestContext c, String profile) {
        if (profile.contains(":instance-profile/")) {
            return profile.replace(":instance-profile/", ":role/");
        }
        return profile.startsWith("arn:") ? profile : "arn:aws:iam::" + c.accountId() + ":role/" + profile;
    }

    /** The compute environments of a job queue's computeEnvironmentOrder, for the queue's actions. */
    static void computeEnvironments(List<Access> out, String action, RequestContext c, JsonNode in) {
        for (JsonNode o : in.path("computeEnvironmentOrder")) {
            String ce = arn(c, "compute-environment", o, "computeEnvironment");
            if (ce != null) {
                out.add(Access.of(action, ce));
            }
        }
    }
}
