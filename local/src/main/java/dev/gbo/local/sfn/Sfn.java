package dev.gbo.local.sfn;

import dev.gbo.local.core.SimClock;
import java.util.function.Supplier;

/**
 * What the Step Functions operations work with: the clock, the store, the engine, the status-change events, the mocks,
 * and the EXPRESS executions with the logging configuration's delivery ({@link ExpressExecutions#logging()}).
 */
record Sfn(SimClock clock, StepFunctionsStore store, Interpreter interpreter, StatusChanges statusChanges,
        Supplier<MockConfig> mocks, String region, String accountId, ExpressExecutions express) {
}
