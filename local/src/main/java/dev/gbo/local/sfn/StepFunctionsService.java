package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.ExecutionStarter;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Step Functions API (AWS JSON 1.0, signing name {@code states}) of the local cloud, with an
 * Amazon States Language engine running on the cloud's {@link SimClock}. It replaces Step Functions
 * Local, including its mock configuration ({@code SFN_MOCK_CONFIG}, executions started on
 * {@code <stateMachineArn>#<TestCase>}). See docs/sfn-engine.md.
 *
 * <p>The service is the registry of its operations (one class each, named as AWS names them); their
 * state lives in the {@link StepFunctionsStore}, under its one lock. API calls arrive on HTTP threads
 * and only validate, record and schedule; every execution step runs on the clock's driver thread.
 * Executions guard their own status and history. No lock is held while another service or the
 * interpreter is called: events are collected under the store's lock and emitted after.
 */
public final class StepFunctionsService extends OperationRegistry implements ExecutionStarter {

    private final StepFunctionsStore store;
    private final StatusChanges statusChanges;
    private final StartExecution startExecution;
    private volatile MockConfig mocks;
    private final Interpreter interpreter;
    private final ExpressExecutions express;
    private final MapRunStore mapRuns = new MapRunStore();
    private final SimClock clock;
    private java.util.List<Execution> restoredOpen = java.util.List.of();

    /**
     * Installs the engine and registers it as the registry's {@link ExecutionStarter}. The mock
     * configuration comes from the file named by the {@code SFN_MOCK_CONFIG} environment variable,
     * when set.
     */
    public StepFunctionsService(SimClock clock, ServiceRegistry registry, String region, String accountId) {
        this(clock, registry, region, accountId, envMockConfig());
    }

    /** As above with an explicit mock configuration file ({@code null}: none). */
    public StepFunctionsService(SimClock clock, ServiceRegistry registry, String region, String accountId, Path mockConfig) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(registry, "registry");
        this.store = new StepFunctionsStore(clock.random().nextLong());
        this.statusChanges = new StatusChanges(clock, registry, store::machineGone);
        this.mocks = mockConfig == null ? MockConfig.EMPTY : MockConfig.load(mockConfig);
        Integrations integrations = new Integrations(registry, clock, region, accountId);
        this.interpreter = new Interpreter(clock, integrations, store.tokens(),
                () -> this.mocks, region, this::closed);
        this.express = new ExpressExecutions(clock, interpreter, new ExecutionLogging(clock, registry));
        integrations.expressRuns(express::done);
        this.clock = clock;
        interpreter.distributed = new DistributedMap(interpreter, store, mapRuns, new MapRunS3(registry, region, accountId),
                statusChanges, region, accountId);
        Sfn sfn = new Sfn(clock, store, interpreter, statusChanges, () -> this.mocks, region, accountId, express);
        this.startExecution = new StartExecution(sfn);
        register(new CreateStateMachine(sfn), new UpdateStateMachine(sfn), new DescribeStateMachine(sfn),
                new DescribeStateMachineForExecution(sfn), new ListStateMachines(sfn), new DeleteStateMachine(sfn),
                startExecution, new DescribeExecution(sfn), new ListExecutions(sfn, mapRuns), new StopExecution(sfn),
                new GetExecutionHistory(sfn), new SendTaskSuccess(sfn), new SendTaskFailure(sfn), new SendTaskHeartbeat(sfn),
                new TagResource(sfn), new UntagResource(sfn), new ListTagsForResource(sfn), new TestState(sfn),
                new ValidateStateMachineDefinition(), new StartSyncExecution(sfn), new DescribeMapRun(mapRuns),
                new ListMapRuns(sfn, mapRuns), new UpdateMapRun(mapRuns), new RedriveExecution(sfn));
        register(new PublishStateMachineVersion(sfn), new ListStateMachineVersions(sfn), new DeleteStateMachineVersion(sfn),
                new CreateStateMachineAlias(sfn), new DescribeStateMachineAlias(sfn), new UpdateStateMachineAlias(sfn),
                new ListStateMachineAliases(sfn), new DeleteStateMachineAlias(sfn));
        declareInputs();
        registry.executions(this);
    }

    /** Member types and limits as the Step Functions API model declares them. */
    private void declareInputs() {
        String arn = "string[1..256]";
        String tags = "list<{key: string[1..128]; value: string[0..256]}>";
        String machine = "loggingConfiguration: {level: enum(ALL|ERROR|FATAL|OFF); includeExecutionData: boolean;"
                + " destinations: list<{cloudWatchLogsLogGroup: {logGroupArn: string[1..256]}}>};"
                + " tracingConfiguration: {enabled: boolean}; publish: boolean; versionDescription#: string[..256];"
                + " encryptionConfiguration: {kmsKeyId: string[1..2048]; kmsDataKeyReusePeriodSeconds: int[60..900];"
                + " type!: enum(AWS_OWNED_KEY|CUSTOMER_MANAGED_KMS_KEY)};";
        String page = "maxResults: int[0..1000]; nextToken: string[1..1024]";
        shape("CreateStateMachine", "name!: string[1..80]; definition!#: string[1..1048576]; roleArn!: " + arn
                + "; type: enum(STANDARD|EXPRESS); tags: " + tags + "; " + machine);
        shape("UpdateStateMachine", "stateMachineArn!: " + arn + "; definition#: string[1..1048576]; roleArn: " + arn + "; " + machine);
        shape("DescribeStateMachine", "stateMachineArn!: " + arn + "; includedData: enum(ALL_DATA|METADATA_ONLY)");
        shape("DescribeStateMachineForExecution", "executionArn!: " + arn + "; includedData: enum(ALL_DATA|METADATA_ONLY)");
        shape("ListStateMachines", page);
        shape("DeleteStateMachine", "stateMachineArn!: " + arn);
        shape("StartExecution", "stateMachineArn!: " + arn + "; name: string[1..80]; input#: string[..262144]; traceHeader: string[..256]");
        shape("StartSyncExecution", "stateMachineArn!: " + arn + "; name: string[1..80]; input#: string[..262144];"
                + " traceHeader: string[..256]; includedData: enum(ALL_DATA|METADATA_ONLY)");
        shape("DescribeExecution", "executionArn!: " + arn + "; includedData: enum(ALL_DATA|METADATA_ONLY)");
        shape("ListExecutions", "stateMachineArn: " + arn + "; statusFilter: enum(RUNNING|SUCCEEDED|FAILED|TIMED_OUT|ABORTED"
                + "|PENDING_REDRIVE); " + page + "; mapRunArn: string[1..2000]; redriveFilter: enum(REDRIVEN|NOT_REDRIVEN)");
        shape("RedriveExecution", "executionArn!: " + arn + "; clientToken: string[1..64]");
        shape("StopExecution", "executionArn!: " + arn + "; error#: string[..256]; cause#: string[..32768]");
        shape("GetExecutionHistory", "executionArn!: " + arn + "; " + page + "; reverseOrder: boolean; includeExecutionData: boolean");
        shape("SendTaskSuccess", "taskToken!: string[1..2048]; output!#: string[..262144]");
        shape("SendTaskFailure", "taskToken!: string[1..2048]; error#: string[..256]; cause#: string[..32768]");
        shape("SendTaskHeartbeat", "taskToken!: string[1..2048]");
        shape("TagResource", "resourceArn!: " + arn + "; tags!: " + tags);
        shape("UntagResource", "resourceArn!: " + arn + "; tagKeys!: list<string[1..128]>");
        shape("ListTagsForResource", "resourceArn!: " + arn);
        shape("TestState", "definition!#: string[1..1048576]; roleArn: " + arn + "; input#: string[..262144];"
                + " inspectionLevel: enum(INFO|DEBUG|TRACE); revealSecrets: boolean; variables#: string[..262144];"
                + " stateName: string[1..80]; context#: string[..262144];"
                + " mock: {result#: string[..262144]; errorOutput: {error#: string[..256]; cause#: string[..32768]};"
                + " fieldValidationMode: enum(STRICT|PRESENT|NONE)};"
                + " stateConfiguration: {retrierRetryCount: int[0..]; errorCausedByState: string[1..80];"
                + " mapIterationFailureCount: int[0..]; mapItemReaderData#: string[..262144]}");
        String routing = "list[1..2]<{stateMachineVersionArn!: " + arn + "; weight!: int[0..100]}>";
        shape("PublishStateMachineVersion", "stateMachineArn!: " + arn + "; revisionId: string; description#: string[..256]");
        shape("ListStateMachineVersions", "stateMachineArn!: " + arn + "; " + page);
        shape("DeleteStateMachineVersion", "stateMachineVersionArn!: string[1..2000]");
        shape("CreateStateMachineAlias", "description#: string[..256]; name!: string[1..80]/^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$/;"
                + " routingConfiguration!: " + routing);
        shape("DescribeStateMachineAlias", "stateMachineAliasArn!: " + arn);
        shape("UpdateStateMachineAlias", "stateMachineAliasArn!: " + arn + "; description#: string[..256]; routingConfiguration: " + routing);
        shape("ListStateMachineAliases", "stateMachineArn!: " + arn + "; " + page);
        shape("DeleteStateMachineAlias", "stateMachineAliasArn!: " + arn);
        shape("DescribeMapRun", "mapRunArn!: string[1..2000]");
        shape("ListMapRuns", "executionArn!: " + arn + "; maxResults: int[0..1000]; nextToken: string[1..1024]");
        shape("UpdateMapRun", "mapRunArn!: string[1..2000]; maxConcurrency: int[0..]; toleratedFailurePercentage: double[0..100];"
                + " toleratedFailureCount: long[0..]");
        shape("ValidateStateMachineDefinition", "definition!#: string[1..1048576]; type: enum(STANDARD|EXPRESS);"
                + " severity: enum(ERROR|WARNING); maxResults: int[0..100]");
    }

    private static Path envMockConfig() {
        String f = System.getenv("SFN_MOCK_CONFIG");
        return f == null || f.isBlank() ? null : Path.of(f);
    }

    /** Replaces the mock configuration (Step Functions Local reads it at start; tests may swap it). */
    public void mockConfig(Path file) {
        this.mocks = file == null ? MockConfig.EMPTY : MockConfig.load(file);
    }

    /** The mock configuration as JSON text (same format as the file). */
    public void mockConfigJson(String json) {
        this.mocks = json == null ? MockConfig.EMPTY : MockConfig.parse(json, "the given mock config");
    }

    @Override
    public String signingName() {
        return "states";
    }

    @Override
    public String targetPrefix() {
        return "AWSStepFunctions";
    }

    /** Executions with EXPRESS semantics (StartExecution/StartSyncExecution of EXPRESS machines; reusable for child executions). */
    ExpressExecutions express() {
        return express;
    }

    /** Executions not yet closed (for benchmarks and diagnostics). */
    public int openExecutions() {
        return store.openExecutions();
    }

    @Override
    public String startExecution(String stateMachineArn, String input) {
        ObjectNode in = Json.object();
        in.put("stateMachineArn", stateMachineArn);
        if (input != null) {
            in.put("input", input);
        }
        return startExecution.call(in, null).get("executionArn").asText();
    }

    /**
     * Restores the state machines, executions (with their histories) and waiting task tokens a durable
     * cloud recorded, and records every change from now on (see {@link dev.gbo.local.core.StateLog}); the
     * executions still RUNNING wait for {@link #resume}.
     */
    public void durable(dev.gbo.local.core.StateLog log, dev.gbo.local.core.StateLog.Restored restored) {
        restoredOpen = store.durable(log, restored);
        mapRuns.durable(log, restored, clock.now());
    }

    /** Goes on with every execution that was RUNNING when the earlier run stopped ({@link ExecutionResume}); returns how many. */
    public int resume() {
        java.util.List<Execution> open = restoredOpen;
        restoredOpen = java.util.List.of();
        open.forEach(interpreter::resume);
        return open.size();
    }

    /**
     * Called by the interpreter when an execution closes: puts its last log events; for a STANDARD one emits its status
     * change and finishes a pending deletion of its state machine.
     */
    private void closed(Execution e) {
        DistributedMap.childClosed(e);
        if (express.closed(e)) {
            return; // EXPRESS: no status-change events (as on AWS), not in the store
        }
        if (e.mapRun == null || "STANDARD".equals(e.mapRun.executionType)) {
            statusChanges.emit(statusChanges.of(e));
        }
        store.executionClosed(e.machine.arn());
    }
}
