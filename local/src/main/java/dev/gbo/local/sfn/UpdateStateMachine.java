package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.AwsException;
import java.time.Instant;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions UpdateStateMachine: a new definition, role, logging or tracing configuration (a new revision). */
final class UpdateStateMachine implements Operation {
    private final Sfn sfn;

    UpdateStateMachine(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "UpdateStateMachine";
    }

    /** The state machine and iam:PassRole of a new role to Step Functions. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        if (arn.isEmpty()) {
            return List.of();
        }
        String role = in.path("roleArn").asText("");
        List<Access> out = new java.util.ArrayList<>(List.of(Access.of(action, arn)));
        if (!role.isEmpty()) {
            out.add(Access.passRole(role, "states.amazonaws.com"));
        }
        if (in.path("publish").asBoolean(false)) {
            out.add(Access.of("states:PublishStateMachineVersion", arn));
        }
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String arn = SfnInput.required(in, "stateMachineArn");
        Instant[] now = new Instant[1];
        if (in.hasNonNull("loggingConfiguration")) {
            sfn.store().machine(arn); // StateMachineDoesNotExist first
            sfn.express().logging().validate(SfnInput.logging(in)); // before the store's lock: it calls CloudWatch Logs
        }
        StateMachineRecord upd = sfn.store().updateMachine(arn, rec -> {
            if (!in.hasNonNull("definition") && !in.hasNonNull("roleArn") && !in.hasNonNull("loggingConfiguration")
                    && !in.hasNonNull("tracingConfiguration")) {
                throw new AwsException("MissingRequiredParameter", 400,
                        "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
            }
            SfnInput.publish(in);
            SfnInput.encryption(in);
            String def = in.hasNonNull("definition") ? in.get("definition").asText() : rec.definition();
            if (in.hasNonNull("definition") && rec.type().equals("EXPRESS")) {
                ExpressRules.require(def);
            }
            Asl.Machine parsed = in.hasNonNull("definition") ? Asl.parse(def) : rec.parsed();
            String role = in.hasNonNull("roleArn") ? in.get("roleArn").asText() : rec.roleArn();
            SfnInput.validRole(role);
            JsonNode logging = in.hasNonNull("loggingConfiguration") ? SfnInput.logging(in) : rec.loggingConfiguration();
            JsonNode tracing = in.hasNonNull("tracingConfiguration") ? SfnInput.tracing(in) : rec.tracingConfiguration();
            now[0] = sfn.clock().now();
            if (def.equals(rec.definition()) && role.equals(rec.roleArn()) && logging.equals(rec.loggingConfiguration())
                    && tracing.equals(rec.tracingConfiguration())) {
                return rec; // nothing changed: no new revision (so publishing it again returns its version)
            }
            return new StateMachineRecord(rec.arn(), rec.name(), def, parsed, role, rec.type(), rec.creationDate(), now[0],
                    CreateStateMachine.revisionId(sfn), logging, tracing, rec.region(), rec.accountId());
        });
        ObjectNode out = Json.object();
        out.put("updateDate", Execution.seconds(now[0]));
        out.put("revisionId", upd.revisionId());
        if (SfnInput.publish(in)) {
            out.put("stateMachineVersionArn", sfn.store().versions()
                    .publish(upd, SfnInput.optional(in, "versionDescription"), now[0]).arn());
        }
        return out;
    }
}
