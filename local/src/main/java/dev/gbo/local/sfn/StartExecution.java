package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.AwsException;
import java.util.UUID;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions StartExecution: on {@code <stateMachineArn>}, a version ({@code :<n>}) or an alias ({@code :<name>}: a version
 * picked by weight), or a mock test case {@code <stateMachineArn>#<TestCase>}; idempotent for a
 * running execution of the same name and input (STANDARD; an EXPRESS state machine's execution is neither idempotent nor
 * stored: {@link ExpressExecutions}). Its RUNNING status change is queued on the clock
 * before its first step, so a rule sees RUNNING before the terminal status. */
final class StartExecution implements Operation {
    private final Sfn sfn;

    StartExecution(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "StartExecution";
    }

    /** The state machine ({@code stateMachine:NAME}; for a version or alias ARN, with its qualifier: {@link StateMachineVersions#access}). */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in == null ? "" : in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(StateMachineVersions.access(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        SfnInput.StartRequest req = SfnInput.startRequest(in);
        String testCase = req.testCase();
        String arn = req.arn();
        SfnInput.ExecutionInput parsed = req.input();
        String input = parsed.text();
        JsonNode inputNode = parsed.json();
        String name = req.name();
        MockConfig mocks = sfn.mocks().get();
        StateMachineVersions.Qualified q = StateMachineVersions.qualified(arn);
        String machineArn = q == null ? arn : q.machineArn();
        StateMachineRecord machine = sfn.store().machine(machineArn);
        StateMachineVersions.Target version = q == null ? null : sfn.store().versions().target(q, arn, sfn.clock().random());
        if (machine.type().equals("EXPRESS")) {
            return startExpress(machineArn, version == null ? machine : version.revision(), name, parsed, testCase, mocks);
        }
        StepFunctionsStore.Started<ObjectNode> s = sfn.store().startExecution(machineArn, rec -> requireCase(mocks, rec, testCase),
                rec -> name != null ? name : new UUID(sfn.clock().random().nextLong(), sfn.clock().random().nextLong()).toString(),
                (current, execArn) -> {
                    String execName = execArn.substring(execArn.lastIndexOf(':') + 1);
                    StateMachineRecord rec = version == null ? current : version.revision();
                    Execution e = new Execution(execArn, execName, rec, input, inputNode, sfn.clock().now(), testCase,
                            version == null ? null : version.versionArn(), version == null ? null : version.aliasArn());
                    sfn.express().logging().attach(e);
                    ObjectNode d = Json.object();
                    d.put("input", input);
                    d.putObject("inputDetails").put("truncated", false);
                    d.put("roleArn", rec.roleArn());
                    if (version != null && version.aliasArn() != null) {
                        d.put("stateMachineAliasArn", version.aliasArn());
                    }
                    if (version != null) {
                        d.put("stateMachineVersionArn", version.versionArn());
                    }
                    e.add(e.startDate, "ExecutionStarted", 0, "executionStartedEventDetails", d);
                    return e;
                }, input, sfn.statusChanges()::of);
        Execution e = s.execution();
        if (s.isNew()) {
            sfn.statusChanges().emit(s.collected());
            sfn.interpreter().start(e);
        }
        ObjectNode out = Json.object();
        out.put("executionArn", e.arn);
        out.put("startDate", Execution.seconds(e.startDate));
        return out;
    }

    /** An EXPRESS state machine's execution ({@link ExpressExecutions}): no idempotency, no reserved name, not stored. */
    private JsonNode startExpress(String arn, StateMachineRecord machine, String name, SfnInput.ExecutionInput input,
            String testCase, MockConfig mocks) {
        ExpressExecutions.Run run = startExpress(sfn, arn, machine, name, input, testCase, mocks);
        ObjectNode out = Json.object();
        out.put("executionArn", run.execution.arn);
        out.put("startDate", Execution.seconds(run.execution.startDate));
        return out;
    }

    /** Starts an EXPRESS execution after StartExecution's checks (deletion, mock test case); StartSyncExecution too. */
    static ExpressExecutions.Run startExpress(Sfn sfn, String arn, StateMachineRecord machine, String name,
            SfnInput.ExecutionInput input, String testCase, MockConfig mocks) {
        if (sfn.store().view(arn).deleting()) {
            throw new AwsException("StateMachineDeleting", 400, "State Machine is being deleted: '" + arn + "'");
        }
        requireCase(mocks, machine, testCase);
        return sfn.express().start(machine, name, input.text(), input.json(), testCase);
    }

    /** A mock test case the execution names must be in the mock config (ValidationException). */
    private static void requireCase(MockConfig mocks, StateMachineRecord rec, String testCase) {
        if (testCase != null && !mocks.hasCase(rec.name(), testCase)) {
            throw AwsException.validation("Test case '" + testCase + "' is not defined for the state machine '"
                    + rec.name() + "' in the mock config (SFN_MOCK_CONFIG): StateMachines." + rec.name() + ".TestCases."
                    + testCase + " is missing.");
        }
    }
}
