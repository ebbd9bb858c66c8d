#!/usr/bin/env python3
"""Writes the RedriveExecution golden cases of SfnConformanceTest (expected.redrive: see its javadoc).

Kept apart from generate_cases.py (same format, same rules: expected values written by hand from
AWS's documented redrive behaviour, never copied from the engine). Run: python3 generate_redrive_cases.py
"""
import json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:"
DAYS_14 = 14 * 24 * 3600
CASES = {}


def case(name, definition, expected, input=None, functions=None):
    CASES[name] = dict(definition=definition, expected=expected, input=input, functions=functions)


def task(fn, **kw):
    d = {"Type": "Task", "Resource": LAMBDA + fn}
    d.update(kw)
    return d


LF_OK = ["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"]
LF_ERR = ["LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed"]
NOT_SUCCEEDED = {"code": "ExecutionNotRedrivable", "message": "Execution is SUCCEEDED and cannot be redriven"}

# A Task that failed after its Retrier's attempts is scheduled again by a redrive, its Retrier counting
# from 0 again (a second failure is retried); the Pass state before it is not run again. The same
# clientToken answers the same redrive; a SUCCEEDED execution cannot be redriven.
case("redrive-task-retry-counts-reset",
     {"StartAt": "Prepare", "States": {
         "Prepare": {"Type": "Pass", "Result": {"n": 1}, "ResultPath": "$.prep", "Next": "Call"},
         "Call": task("f", ResultPath="$.call", End=True,
                      Retry=[{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "MaxAttempts": 1, "BackoffRate": 1}])}},
     {"redrive": [
         {"afterSeconds": 60, "before": {"status": "FAILED", "error": "Boom", "redriveCount": 0, "redriveStatus": "REDRIVABLE"},
          "clientToken": "fix-1", "again": True},
         {"before": {"status": "SUCCEEDED", "redriveCount": 1, "redriveStatus": "NOT_REDRIVABLE",
                     "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven"},
          "clientToken": "fix-2", "error": NOT_SUCCEEDED}],
      "status": "SUCCEEDED",
      "output": {"prep": {"n": 1}, "call": {"ok": True}},
      "events": ["ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered"] + LF_ERR + LF_ERR
                + ["ExecutionFailed", "ExecutionRedriven"] + LF_ERR + LF_OK + ["TaskStateExited", "ExecutionSucceeded"],
      "timeline": {"ExecutionFailed": [2], "ExecutionRedriven": [62], "LambdaFunctionScheduled": [0, 2, 62, 64],
                   "ExecutionSucceeded": [64]},
      "eventDetails": [{"type": "ExecutionRedriven", "details": {"previousEventId": 11,
                                                                "executionRedrivenEventDetails": {"redriveCount": 1}}},
                       {"type": "LambdaFunctionScheduled", "nth": 2, "details": {"previousEventId": 10}}],
      "invocations": 4},
     functions={"f": [{"error": "Boom"}, {"error": "Boom"}, {"error": "Boom"}, {"return": {"ok": True}}]})

# Parallel: the branch that finished (A) keeps its output and is not run again; the branch that failed
# (B) goes on from its failed Task (its Wait had exited); the branch aborted in its Wait (C) enters
# the Wait again. TimeoutSeconds-free; times in seconds on the virtual clock.
case("redrive-parallel-failed-branch",
     {"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "End": True, "Branches": [
         {"StartAt": "A1", "States": {"A1": task("fa", End=True)}},
         {"StartAt": "BW", "States": {"BW": {"Type": "Wait", "Seconds": 1, "Next": "B1"}, "B1": task("fb", End=True)}},
         {"StartAt": "CW", "States": {"CW": {"Type": "Wait", "Seconds": 10, "Next": "C1"},
                                      "C1": {"Type": "Pass", "Result": "c", "End": True}}}]}}},
     {"redrive": [{"afterSeconds": 10, "before": {"status": "FAILED", "error": "Boom", "redriveStatus": "REDRIVABLE"}}],
      "status": "SUCCEEDED",
      "output": [{"a": 1}, {"b": 2}, "c"],
      "timeline": {"ParallelStateEntered": [0], "ParallelStateStarted": [0], "ParallelStateFailed": [1],
                   "TaskStateEntered": [0, 1], "LambdaFunctionScheduled": [0, 1, 11], "LambdaFunctionFailed": [1],
                   "WaitStateEntered": [0, 0, 11], "WaitStateExited": [1, 21], "PassStateEntered": [21],
                   "ExecutionFailed": [1], "ExecutionRedriven": [11], "ParallelStateSucceeded": [21],
                   "ParallelStateExited": [21], "ExecutionSucceeded": [21]},
      "invocations": 3},
     functions={"fa": {"return": {"a": 1}}, "fb": [{"error": "Boom"}, {"return": {"b": 2}}]})

# Inline Map, one iteration at a time: item 0 succeeded and is not run again, item 1 failed and runs
# again (MapIterationStarted recorded again), items 2 and 3 never started and run now.
iteration = lambda i, ok=True: (["MapIterationStarted", "TaskStateEntered"] + (LF_OK + ["TaskStateExited", "MapIterationSucceeded"] if ok else LF_ERR + ["MapIterationFailed"]))
case("redrive-map-failed-iterations",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": True,
                                       "ItemProcessor": {"StartAt": "T", "States": {"T": task("f", End=True)}}}}},
     {"redrive": [{"afterSeconds": 5, "before": {"status": "FAILED", "error": "Boom", "redriveStatus": "REDRIVABLE"}}],
      "status": "SUCCEEDED",
      "output": [1, 2, 3, 4],
      "events": ["ExecutionStarted", "MapStateEntered", "MapStateStarted"] + iteration(0) + iteration(1, False)
                + ["MapStateFailed", "ExecutionFailed", "ExecutionRedriven",
                   "MapIterationStarted"] + LF_OK + ["TaskStateExited", "MapIterationSucceeded"]
                + iteration(2) + iteration(3) + ["MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"],
      "eventDetails": [{"type": "MapIterationStarted", "nth": 2, "details": {"mapIterationStartedEventDetails": {"name": "M", "index": 1}}},
                       {"type": "MapIterationStarted", "nth": 3, "details": {"mapIterationStartedEventDetails": {"name": "M", "index": 2}}},
                       {"type": "ExecutionRedriven", "details": {"executionRedrivenEventDetails": {"redriveCount": 1}}}],
      "timeline": {"ExecutionRedriven": [5], "ExecutionSucceeded": [5]},
      "invocations": 5},
     input={"items": [1, 2, 3, 4]},
     functions={"f": [{"echo": True}, {"error": "Boom"}, {"echo": True}]})

# Inline Map, all iterations at once: iteration 0 fails in its Task at t=1, which aborts iterations 1
# and 2 in their Waits. The redrive runs all three again, each from where it stood: 0 from its Task,
# 1 and 2 from their Waits (their Pass states are not run again).
case("redrive-map-aborted-iterations",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 0, "End": True, "ItemProcessor": {
         "StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "W"},
                                    "W": {"Type": "Wait", "SecondsPath": "$", "Next": "T"},
                                    "T": task("f", End=True)}}}}},
     {"redrive": [{"afterSeconds": 19, "before": {"status": "FAILED", "error": "Boom", "redriveStatus": "REDRIVABLE"}}],
      "status": "SUCCEEDED",
      "output": [1, 5, 9],
      "timeline": {"MapIterationStarted": [0, 0, 0, 20, 20, 20], "MapIterationFailed": [1], "MapIterationAborted": [1, 1],
                   "MapStateFailed": [1], "ExecutionRedriven": [20], "PassStateEntered": [0, 0, 0],
                   "WaitStateEntered": [0, 0, 0, 20, 20], "TaskStateEntered": [1, 25, 29],
                   "LambdaFunctionScheduled": [1, 20, 25, 29], "MapIterationSucceeded": [20, 25, 29],
                   "MapStateSucceeded": [29], "ExecutionSucceeded": [29]},
      "invocations": 4},
     input=[1, 5, 9],
     functions={"f": [{"error": "Boom"}, {"echo": True}]})

# TIMED_OUT: the redrive reschedules the callback Task, and the state machine's TimeoutSeconds counts
# from the redrive (from the start it would be long over); $$.Execution.RedriveCount is 1.
case("redrive-timed-out-callback",
     {"TimeoutSeconds": 5, "StartAt": "T", "States": {"T": {
         "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
         "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token"}},
         "ResultSelector": {"done.$": "$.done", "redriveCount.$": "$$.Execution.RedriveCount"}, "End": True}}},
     {"redrive": [{"afterSeconds": 10, "before": {"status": "TIMED_OUT", "error": "States.Timeout", "redriveStatus": "REDRIVABLE"}}],
      "status": "SUCCEEDED",
      "output": {"done": True, "redriveCount": 1},
      "timeline": {"TaskScheduled": [0, 15], "ExecutionTimedOut": [5], "ExecutionRedriven": [15], "TaskSucceeded": [16],
                   "ExecutionSucceeded": [16]},
      "invocations": 2},
     functions={"worker": [{"callback": "none", "return": {}}, {"callback": "success", "afterSeconds": 1, "output": {"done": True}}]})

# Redrivable for 14 days after the execution closed, then not: ExecutionNotRedrivable.
case("redrive-refused-after-redrivable-period",
     {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Bad", "Cause": "bad input"}}},
     {"redrive": [{"afterSeconds": DAYS_14 + 1,
                   "before": {"status": "FAILED", "redriveStatus": "NOT_REDRIVABLE",
                              "redriveStatusReason": "Execution redrivable period exceeded"},
                   "error": {"code": "ExecutionNotRedrivable", "message": "Execution redrivable period exceeded"}}],
      "status": "FAILED", "error": "Bad", "cause": "bad input",
      "events": ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]})

for name, c in CASES.items():
    d = os.path.join(HERE, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    with open(os.path.join(d, "definition.asl.json"), "w") as f:
        json.dump(c["definition"], f, indent=2)
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(c["expected"], f, indent=2)
    if c["input"] is not None:
        with open(os.path.join(d, "input.json"), "w") as f:
            json.dump(c["input"], f)
    if c["functions"] is not None:
        with open(os.path.join(d, "functions.json"), "w") as f:
            json.dump(c["functions"], f, indent=2)
print(len(CASES), "cases")
