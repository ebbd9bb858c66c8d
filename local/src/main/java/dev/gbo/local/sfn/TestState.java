package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Step Functions TestState: runs one state, given alone or as {@code stateName} of a full definition, with the
 * engine's own state execution ({@link StateProbe} stops it where the state ends) and reports its output, error,
 * next state and status, plus {@code inspectionData} at DEBUG and TRACE. A {@code mock} (result or errorOutput)
 * replaces the Task's integration call, or the branches of a Parallel or Map; without one a Task calls the
 * local cloud's integration with {@code roleArn}'s permissions. The definition gets CreateStateMachine's checks
 * (InvalidDefinition). {@code variables} are the workflow variables the state sees; DEBUG and TRACE return them
 * after the state in {@code inspectionData.variables}. Refused with ValidationException naming the feature: {@code stateConfiguration} other than {@code retrierRetryCount}, and what AWS itself refuses
 * without a mock (.sync and .waitForTaskToken Tasks, Parallel, Map). See docs/sfn-engine.md.
 */
final class TestState implements Operation {

    /** AWS's limit for one test; past it the state fails with States.Timeout. */
    static final long TIMEOUT_SECONDS = 300;
    /** The name a single-state definition runs under. */
    static final String SINGLE = "TestState";

    private final Sfn sfn;

    TestState(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "TestState";
    }

    /** states:TestState on "*", iam:PassRole of {@code roleArn} to Step Functions, states:RevealSecrets when asked. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        List<Access> out = new ArrayList<>();
        out.add(Access.of(action, "*"));
        String role = in == null ? "" : in.path("roleArn").asText("");
        if (!role.isEmpty()) {
            out.add(Access.passRole(role, "states.amazonaws.com"));
        }
        if (in != null && in.path("revealSecrets").asBoolean(false)) {
            out.add(Access.of("states:RevealSecrets", "*"));
        }
        return out;
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String definition = SfnInput.required(in, "definition");
        String role = SfnInput.optional(in, "roleArn");
        if (role != null) {
            SfnInput.validRole(role);
        }
        String level = in.path("inspectionLevel").asText("INFO");
        refuseUnsupported(in);
        String stateName = SfnInput.optional(in, "stateName");
        Asl.Machine machine = stateName != null ? Asl.parse(definition) : single(definition);
        String name = stateName != null ? stateName : SINGLE;
        Asl.State state = machine.states.get(name);
        if (state == null) {
            throw AwsException.validation("The state '" + name + "' is not found in the definition (stateName).");
        }
        JsonNode input = json(in.hasNonNull("input") ? in.get("input").asText() : "{}", "input");
        MockConfig.Response mock = TestStateMock.of(in.get("mock"), state);
        if (mock == null) {
            refuseWithoutMock(state, role);
        }
        int retryCount = in.path("stateConfiguration").path("retrierRetryCount").asInt(0);
        String region = ctx == null || ctx.region() == null ? sfn.region() : ctx.region();
        String account = ctx == null || ctx.accountId() == null ? sfn.accountId() : ctx.accountId();
        String machineArn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + SINGLE;
        StateMachineRecord rec = new StateMachineRecord(machineArn, SINGLE, definition, machine, role, "STANDARD",
                sfn.clock().now(), null, null, null, null, region, account);
        String id = new UUID(sfn.clock().random().nextLong(), sfn.clock().random().nextLong()).toString();
        Execution e = new Execution("arn:aws:states:" + region + ":" + account + ":execution:" + SINGLE + ":" + id, id, rec,
                Json.write(input), input, sfn.clock().now(), null);
        if (in.hasNonNull("context")) {
            JsonNode c = null;
            try {
                c = Json.MAPPER.readTree(in.get("context").asText());
            } catch (Exception ex) {
                // refused below
            }
            if (c == null || !c.isObject()) {
                throw AwsException.validation("The context must be a JSON object (the Context object of the tested state).");
            }
            e.contextBase.setAll((ObjectNode) c);
        }
        if (in.hasNonNull("variables")) {
            JsonNode v = null;
            try {
                v = Json.MAPPER.readTree(in.get("variables").asText());
            } catch (Exception ex) {
                // refused below
            }
            if (v == null || !v.isObject()) {
                throw AwsException.validation("The variables must be a JSON object (the workflow variables of the tested state).");
            }
            ObjectNode assigned = (ObjectNode) v;
            e.variables.commit(assigned, e.variables.serialized(assigned));
        }
        StateProbe probe = new StateProbe(mock, retryCount);
        probe.start(sfn.interpreter(), e, machine, name, input);
        ObjectNode out;
        try {
            out = probe.result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException ex) {
            out = Json.object();
            out.put("status", "FAILED");
            out.put("error", StatesError.TIMEOUT);
            out.put("cause", "The state did not complete within " + TIMEOUT_SECONDS + " seconds (TestState's limit).");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AwsException("ServiceUnavailable", 503, "TestState was interrupted.");
        } catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        } finally {
            sfn.clock().submit("sfn test state end", e.root::cancel);
        }
        if (!level.equals("INFO")) {
            if (!probe.errorDetails.isEmpty()) {
                probe.inspection.set("errorDetails", probe.errorDetails);
            }
            out.set("inspectionData", probe.inspection);
        }
        return out;
    }

    /** The features of the request this engine does not serve. */
    private static void refuseUnsupported(JsonNode in) {
        for (String f : List.of("errorCausedByState", "mapIterationFailureCount", "mapItemReaderData")) {
            if (in.path("stateConfiguration").has(f)) {
                throw AwsException.validation("TestState stateConfiguration." + f
                        + " is not supported by the local Step Functions engine (only retrierRetryCount).");
            }
        }
    }

    /** What AWS's TestState runs only with a mock, and what needs a role. */
    private static void refuseWithoutMock(Asl.State s, String role) {
        if (s instanceof Asl.Parallel || s instanceof Asl.Map) {
            throw AwsException.validation("TestState runs a " + s.type() + " state only with a mock (mock.result or mock.errorOutput).");
        }
        if (s instanceof Asl.Task t) {
            if (t.resource().waitForTaskToken() || t.resource().sync()) {
                throw AwsException.validation("TestState runs a Task with the ." + t.resource().pattern()
                        + " integration pattern only with a mock (mock.result or mock.errorOutput).");
            }
            if (role == null) {
                throw AwsException.validation("A roleArn is required to test a Task state without a mock: the integration "
                        + "is called with the role's permissions.");
            }
        }
    }

    /**
     * A single state as a machine of its own ({@link #SINGLE}) whose transition targets are Succeed states, so
     * the state gets CreateStateMachine's checks; locations are reported relative to the state.
     */
    static Asl.Machine single(String definition) {
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(definition);
        } catch (Exception e) {
            throw Asl.invalid(List.of(AslParser.notJson(definition, e)));
        }
        if (state == null || !state.isObject()) {
            throw Asl.invalid(List.of(AslParser.NOT_AN_OBJECT));
        }
        if (state.has("States") && !state.has("Type")) {
            throw AwsException.validation("The definition is a state machine: give stateName to name the state to test.");
        }
        Set<String> targets = new LinkedHashSet<>();
        target(state.get("Next"), targets);
        target(state.get("Default"), targets);
        for (JsonNode c : state.path("Choices")) {
            target(c.get("Next"), targets);
        }
        for (JsonNode c : state.path("Catch")) {
            target(c.get("Next"), targets);
        }
        targets.remove(SINGLE);
        ObjectNode m = Json.object();
        m.put("StartAt", SINGLE);
        ObjectNode states = m.putObject("States");
        states.set(SINGLE, state);
        for (String t : targets) {
            states.putObject(t).put("Type", "Succeed");
        }
        AslParser.Checked c = AslParser.check(Json.write(m));
        if (!c.errors().isEmpty()) {
            List<String> errors = new ArrayList<>();
            for (String err : c.errors()) {
                errors.add(err.replace(" at /States/" + SINGLE + "/", " at /").replace(" at /States/" + SINGLE, " at /"));
            }
            throw Asl.invalid(errors);
        }
        return c.machine();
    }

    private static void target(JsonNode n, Set<String> targets) {
        if (n != null && n.isTextual()) {
            targets.add(n.asText());
        }
    }

    /** The input as JSON, or InvalidExecutionInput. */
    static JsonNode json(String text, String field) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null) {
                throw new IllegalArgumentException("empty " + field);
            }
            return n;
        } catch (Exception ex) {
            throw new AwsException("InvalidExecutionInput", 400, "Invalid " + field + ": '"
                    + AslParser.firstLine(ex.getMessage()) + "'");
        }
    }

}
