package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import dev.gbo.local.core.Access;
import java.util.List;

/**
 * Step Functions CreateStateMachine: a STANDARD or EXPRESS state machine from its ASL definition (EXPRESS: {@link ExpressRules}),
 * with its logging configuration ({@link ExecutionLogging}: the log group must exist); idempotent for the same definition and role.
 */
final class CreateStateMachine implements Operation {
    private final Sfn sfn;

    CreateStateMachine(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "CreateStateMachine";
    }

    /** The new state machine ({@code stateMachine:NAME}) and iam:PassRole of its role to Step Functions. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String name = in.path("name").asText("");
        if (name.isEmpty()) {
            return List.of();
        }
        List<Access> out = new java.util.ArrayList<>();
        out.add(Access.of(action, "arn:aws:states:" + c.region() + ":" + c.accountId() + ":stateMachine:" + name));
        String role = in.path("roleArn").asText("");
        if (!role.isEmpty()) {
            out.add(Access.passRole(role, "states.amazonaws.com"));
        }
        if (in.path("publish").asBoolean(false)) {
            out.add(Access.of("states:PublishStateMachineVersion", out.get(0).resource()));
        }
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String name = SfnInput.required(in, "name");
        String definition = SfnInput.required(in, "definition");
        String role = SfnInput.required(in, "roleArn");
        SfnInput.validName(name);
        SfnInput.validRole(role);
        String type = in.path("type").asText("STANDARD");
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw AwsException.validation("1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        boolean publish = SfnInput.publish(in);
        JsonNode logging = SfnInput.logging(in);
        JsonNode tracing = SfnInput.tracing(in);
        SfnInput.encryption(in);
        if (type.equals("EXPRESS")) {
            ExpressRules.require(definition);
        }
        Asl.Machine parsed = Asl.parse(definition);
        sfn.express().logging().validate(logging);
        String region = ctx == null || ctx.region() == null ? sfn.region() : ctx.region();
        String account = ctx == null || ctx.accountId() == null ? sfn.accountId() : ctx.accountId();
        String arn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : in.path("tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        StateMachineRecord rec = sfn.store().createMachine(arn, definition, role, () -> new StateMachineRecord(arn, name,
                definition, parsed, role, type, sfn.clock().now(), null, revisionId(sfn), logging, tracing, region, account), tags);
        ObjectNode out = Json.object();
        out.put("stateMachineArn", rec.arn());
        out.put("creationDate", Execution.seconds(rec.creationDate()));
        if (publish) {
            out.put("stateMachineVersionArn", sfn.store().versions()
                    .publish(rec, SfnInput.optional(in, "versionDescription"), sfn.clock().now()).arn());
        }
        return out;
    }

    /** A new revision id, drawn from the clock's seeded random. */
    static String revisionId(Sfn sfn) {
        return new UUID(sfn.clock().random().nextLong(), sfn.clock().random().nextLong()).toString();
    }
}
