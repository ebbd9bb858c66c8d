package dev.gbo.local.batch;

import static dev.gbo.local.batch.BatchInput.MAX_JOB_DEFINITION_BYTES;
import static dev.gbo.local.batch.BatchInput.checkEnvironment;
import static dev.gbo.local.batch.BatchInput.checkRetry;
import static dev.gbo.local.batch.BatchInput.checkTimeout;
import static dev.gbo.local.batch.BatchInput.client;
import static dev.gbo.local.batch.BatchInput.resourceName;
import static dev.gbo.local.batch.BatchInput.resources;
import static dev.gbo.local.batch.BatchInput.strings;
import static dev.gbo.local.batch.BatchInput.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.fleet.BatchModel.JobDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import dev.gbo.local.core.Access;
import java.util.ArrayList;

/** AWS Batch RegisterJobDefinition: the next revision of a container job definition. */
final class RegisterJobDefinition implements Operation {
    private final BatchStore store;

    RegisterJobDefinition(BatchStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "RegisterJobDefinition";
    }

    @Override
    public Binding binding() {
        return Binding.rest("POST", "/v1/registerjobdefinition");
    }

    /**
     * The job definition ({@code job-definition/NAME}); batch:TagResource for its tags; iam:PassRole of its job
     * role and execution role to ECS tasks.
     */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String d = BatchAccess.arn(c, "job-definition", in, "jobDefinitionName");
        if (d == null) {
            return List.of();
        }
        List<Access> out = new ArrayList<>();
        out.add(Access.of(action, d));
        BatchAccess.tagOnCreate(out, d, in, "RegisterJobDefinition");
        for (String member : List.of("jobRoleArn", "executionRoleArn")) {
            String role = BatchAccess.text(in.path("containerProperties"), member);
            if (role != null) {
                out.add(Access.passRole(BatchAccess.role(c, role), "ecs-tasks.amazonaws.com"));
            }
        }
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext context) {
        return store.compute(fx -> {
            String name = resourceName(in, "jobDefinitionName");
            if (Json.write(in).getBytes(StandardCharsets.UTF_8).length > MAX_JOB_DEFINITION_BYTES) {
                throw client("The job definition is larger than the maximum of 24 KiB.");
            }
            String type = Json.text(in, "type", null);
            if (type == null) {
                throw client("type is required: container or multinode.");
            }
            if (!"container".equals(type)) {
                throw client("The local cloud supports job definitions of type container only; got '" + type + "'.");
            }
            JsonNode cpNode = in.get("containerProperties");
            if (cpNode == null || !cpNode.isObject()) {
                throw client("containerProperties is required for a container job definition.");
            }
            ObjectNode cp = cpNode.deepCopy();
            if (!cp.hasNonNull("image") || cp.get("image").asText().isBlank()) {
                throw client("containerProperties.image is required.");
            }
            List<String> caps = strings(in.get("platformCapabilities"));
            if (caps.isEmpty()) {
                caps = List.of("EC2");
            }
            for (String c : caps) {
                if (!Set.of("EC2", "FARGATE").contains(c)) {
                    throw client("platformCapabilities must be EC2 or FARGATE; got '" + c + "'.");
                }
            }
            int[] res = resources(cp, null);
            if (res[0] <= 0 || res[1] <= 0) {
                throw client("containerProperties.resourceRequirements must give VCPU and MEMORY (or vcpus and memory).");
            }
            if (res[1] < 4) {
                throw client("containerProperties: MEMORY must be at least 4 MiB.");
            }
            checkEnvironment(cp.get("environment"), "containerProperties.environment");
            JsonNode retry = in.get("retryStrategy");
            checkRetry(retry);
            JsonNode timeout = in.get("timeout");
            checkTimeout(timeout);
            ObjectNode tags = tags(in.get("tags"));
            ObjectNode params = in.hasNonNull("parameters") && in.get("parameters").isObject()
                    ? (ObjectNode) in.get("parameters").deepCopy() : Json.object();
            JobDefinition d = new JobDefinition();
            d.name = name;
            d.revision = store.nextRevision(name);
            d.arn = store.arn("job-definition", name + ":" + d.revision);
            d.containerProperties = cp;
            d.parameters = params;
            d.retryStrategy = retry == null || retry.isNull() ? null : retry.deepCopy();
            d.timeout = timeout == null || timeout.isNull() ? null : timeout.deepCopy();
            d.tags = tags;
            d.propagateTags = in.path("propagateTags").asBoolean(false);
            d.platformCapabilities = List.copyOf(caps);
            d.json = view(d, type);
            store.addJobDefinition(d);
            ObjectNode out = Json.object();
            out.put("jobDefinitionName", name);
            out.put("jobDefinitionArn", d.arn);
            out.put("revision", d.revision);
            return out;
        });
    }

    /** The DescribeJobDefinitions object of a new revision. */
    private static ObjectNode view(JobDefinition d, String type) {
        ObjectNode json = Json.object();
        json.put("jobDefinitionName", d.name);
        json.put("jobDefinitionArn", d.arn);
        json.put("revision", d.revision);
        json.put("status", "ACTIVE");
        json.put("type", type);
        json.set("parameters", d.parameters.deepCopy());
        if (d.retryStrategy != null) {
            json.set("retryStrategy", d.retryStrategy.deepCopy());
        }
        ObjectNode cpOut = d.containerProperties.deepCopy();
        for (String f : List.of("command", "volumes", "environment", "mountPoints", "ulimits", "resourceRequirements",
                "secrets")) {
            if (!cpOut.has(f)) {
                cpOut.putArray(f);
            }
        }
        json.set("containerProperties", cpOut);
        if (d.timeout != null) {
            json.set("timeout", d.timeout.deepCopy());
        }
        json.set("tags", d.tags.deepCopy());
        json.put("propagateTags", d.propagateTags);
        ArrayNode pc = json.putArray("platformCapabilities");
        d.platformCapabilities.forEach(pc::add);
        json.put("containerOrchestrationType", "ECS");
        return json;
    }
}
