package dev.gbo.cli;

import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** One line of progress for a Step Functions history event, or null for events not worth a line. */
final class Progress {
    private Progress() {
    }

    static String describe(HistoryEvent e) {
        return switch (e.typeAsString()) {
            case "ExecutionStarted" -> "execution started";
            case "TaskStateEntered", "ChoiceStateEntered", "WaitStateEntered", "PassStateEntered", "ParallelStateEntered",
                 "MapStateEntered", "FailStateEntered", "SucceedStateEntered" ->
                    "  > " + e.stateEnteredEventDetails().name();
            case "TaskSubmitted" -> "    submitted " + e.taskSubmittedEventDetails().resource();
            case "TaskFailed" -> "    task failed: " + e.taskFailedEventDetails().error() + " - " + clip(e.taskFailedEventDetails().cause());
            case "TaskTimedOut" -> "    task timed out: " + e.taskTimedOutEventDetails().error();
            case "LambdaFunctionFailed" -> "    lambda failed: " + e.lambdaFunctionFailedEventDetails().error();
            case "ExecutionFailed" -> "execution failed: " + e.executionFailedEventDetails().error() + " - "
                    + clip(e.executionFailedEventDetails().cause());
            case "ExecutionSucceeded" -> "execution succeeded";
            case "ExecutionTimedOut" -> "execution timed out";
            case "ExecutionAborted" -> "execution aborted";
            default -> null;
        };
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 240 ? one.substring(0, 237) + "..." : one;
    }
}
