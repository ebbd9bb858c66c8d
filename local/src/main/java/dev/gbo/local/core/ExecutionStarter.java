package dev.gbo.local.core;

/** How EventBridge targets start a state machine execution. Implemented by the Step Functions service. */
public interface ExecutionStarter {

    /** Starts an execution with a generated name; returns its ARN. */
    String startExecution(String stateMachineArn, String input);
}
