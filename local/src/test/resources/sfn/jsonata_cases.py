# Golden cases for JSONata and workflow variables (issue #10 parts 1 and 2), read by generate_cases.py.
# Expected values are written by hand or computed here (hashes, partitions, ranges), never copied from the engine.
JA = "JSONata"
LAMBDA = "arn:aws:states:::lambda:invoke"


def jm(states, start=None, **kw):
    d = {"QueryLanguage": JA, "StartAt": start or next(iter(states)), "States": states}
    d.update(kw)
    return d


# ---------------------------------------------------------------- JSONata data flow
case("jsonata-pass-output-assign",
     jm({"P1": pas(Assign={"x": "{% $states.input.a %}", "y": "{% $states.input.a * 2 %}"},
                   Output="{% {'sum': $states.input.a + 1} %}", Next="P2"),
         "P2": pas(Assign={"x": "{% $y %}", "y": "{% $x %}"},
                   Output="{% {'x': $x, 'y': $y, 'in': $states.input} %}", Next="P3"),
         "P3": pas(Output="{% {'x': $x, 'y': $y, 'name': $states.context.State.Name} %}", End=True)}),
     {"status": "SUCCEEDED", "output": {"x": 10, "y": 5, "name": "P3"},
      "events": [S, "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "PassStateEntered",
                 "PassStateExited", E],
      "eventDetails": [
          {"type": "PassStateExited", "nth": 0, "details": {"stateExitedEventDetails": {
              "output": {"sum": 6}, "assignedVariables": {"x": "5", "y": "10"}, "assignedVariablesDetails": {"truncated": False}}}},
          {"type": "PassStateExited", "nth": 1, "details": {"stateExitedEventDetails": {
              "output": {"x": 5, "y": 10, "in": {"sum": 6}}, "assignedVariables": {"x": "10", "y": "5"}}}}]},
     input={"a": 5})

case("jsonata-task-arguments-output",
     jm({"Call": {"Type": "Task", "Resource": LAMBDA,
                  "Arguments": {"FunctionName": "echo", "Payload": {"n": "{% $states.input.n %}", "fixed": "x", "list": ["{% $states.input.n + 1 %}", 7]}},
                  "Output": "{% {'payload': $states.result.Payload, 'code': $states.result.StatusCode, 'kept': $states.input.keep} %}",
                  "Assign": {"seen": "{% $states.result.Payload.n %}"},
                  "TimeoutSeconds": "{% $states.input.t %}", "HeartbeatSeconds": 5, "Next": "After"},
         "After": pas(Output="{% $seen %}", End=True)}),
     {"status": "SUCCEEDED", "output": 3,
      "eventDetails": [
          {"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {
              "parameters": {"FunctionName": "echo", "Payload": {"n": 3, "fixed": "x", "list": [4, 7]}}, "timeoutInSeconds": 60, "heartbeatInSeconds": 5}}},
          {"type": "TaskStateExited", "details": {"stateExitedEventDetails": {
              "output": {"payload": {"n": 3, "fixed": "x", "list": [4, 7]}, "code": 200, "kept": True}, "assignedVariables": {"seen": "3"}}}}]},
     input={"n": 3, "t": 60, "keep": True},
     functions={"echo": {"echo": True}})

case("jsonata-task-timeout-expression",
     jm({"T": {"Type": "Task", "Resource": LAMBDA + ".waitForTaskToken",
               "Arguments": {"FunctionName": "worker", "Payload": {"token": "{% $states.context.Task.Token %}"}},
               "TimeoutSeconds": "{% $states.input.timeout * 2 %}", "End": True}}),
     {"status": "FAILED", "error": "States.Timeout", "timeline": {"TaskTimedOut": [20]},
      "eventDetails": [{"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {"timeoutInSeconds": 20}}}]},
     input={"timeout": 10},
     functions={"worker": {"callback": "none"}})

case("jsonata-choice-condition",
     jm({"C": {"Type": "Choice",
               "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Big", "Assign": {"size": "big"}, "Output": "{% {'n': $states.input.n} %}"},
                           {"Condition": "{% $states.input.n > 5 %}", "Next": "Mid", "Assign": {"size": "{% 'mid-' & $states.input.n %}"}}],
               "Default": "Small", "Assign": {"size": "small"}, "Output": "{% 'default' %}"},
         "Big": pas(Output="{% [$size, $states.input] %}", End=True),
         "Mid": pas(Output="{% [$size, $states.input] %}", End=True),
         "Small": pas(Output="{% [$size, $states.input] %}", End=True)}),
     {"status": "SUCCEEDED", "output": ["mid-7", {"n": 7, "other": 1}],
      "events": [S, "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited", E],
      "eventDetails": [{"type": "ChoiceStateExited", "details": {"stateExitedEventDetails": {"assignedVariables": {"size": "\"mid-7\""}}}}]},
     input={"n": 7, "other": 1})

case("jsonata-choice-default",
     jm({"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Big"}],
               "Default": "Small", "Assign": {"size": "small"}, "Output": "{% 'default' %}"},
         "Big": pas(End=True),
         "Small": pas(Output="{% [$size, $states.input] %}", End=True)}),
     {"status": "SUCCEEDED", "output": ["small", "default"]},
     input={"n": 1})

case("jsonata-choice-condition-not-boolean",
     jm({"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n %}", "Next": "P"}]}, "P": pas(End=True)}),
     {"status": "FAILED", "error": "States.QueryEvaluationError", "causeContains": ["Condition", "boolean"]},
     input={"n": 1})

case("jsonata-wait-seconds-timestamp",
     jm({"W1": {"Type": "Wait", "Seconds": "{% $states.input.s * 3 %}", "Assign": {"w": "{% $states.input.s %}"}, "Next": "W2"},
         "W2": {"Type": "Wait", "Timestamp": "{% $states.input.at %}", "Output": "{% $w %}", "Next": "W3"},
         "W3": {"Type": "Wait", "Seconds": 5, "End": True}}),
     {"status": "SUCCEEDED", "output": 4, "timeline": {"WaitStateExited": [12, 100, 105]}},
     input={"s": 4, "at": "2026-11-27T00:01:40Z"})

case("jsonata-fail-error-cause",
     jm({"F": {"Type": "Fail", "Error": "{% 'Order.' & $states.input.code %}", "Cause": "{% 'order ' & $states.input.id & ' failed' %}"}}),
     {"status": "FAILED", "error": "Order.Declined", "cause": "order 42 failed"},
     input={"code": "Declined", "id": "42"})

case("jsonata-fail-literal",
     jm({"F": {"Type": "Fail", "Error": "Plain", "Cause": "no expression"}}),
     {"status": "FAILED", "error": "Plain", "cause": "no expression"})

case("jsonata-succeed-output",
     jm({"S": {"Type": "Succeed", "Output": "{% {'done': true, 'v': $states.input.v} %}"}}),
     {"status": "SUCCEEDED", "output": {"done": True, "v": 1}},
     input={"v": 1})

case("jsonata-map-items-selector",
     jm({"Init": pas(Assign={"k": 100}, Next="M"),
         "M": {"Type": "Map", "Items": "{% $states.input.xs %}", "MaxConcurrency": "{% $states.input.conc %}",
               "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}", "i": "{% $states.context.Map.Item.Index %}", "k": "{% $k %}"},
               "ItemProcessor": {"StartAt": "Inner", "States": {
                   "Inner": pas(Assign={"local": "{% $states.input.v %}"}, Next="Inner2"),
                   "Inner2": pas(Output="{% $local * 10 + $states.input.i + $k %}", End=True)}},
               "Output": "{% {'results': $states.result, 'input': $states.input.conc} %}", "Assign": {"count": "{% $count($states.result) %}"},
               "Next": "After"},
         "After": pas(Output="{% {'count': $count, 'local': $exists($local), 'out': $states.input} %}", End=True)}),
     {"status": "SUCCEEDED", "output": {"count": 3, "local": False, "out": {"results": [110, 121, 132], "input": 1}},
      "eventDetails": [{"type": "MapStateStarted", "details": {"mapStateStartedEventDetails": {"length": 3}}}]},
     input={"xs": [1, 2, 3], "conc": 1})

case("jsonata-map-items-literal-tolerated",
     jm({"M": {"Type": "Map", "Items": [1, 0, 2], "ToleratedFailureCount": "{% 1 %}",
               "ItemProcessor": {"StartAt": "Check", "States": {
                   "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input = 0 %}", "Next": "Bad"}], "Default": "Good"},
                   "Bad": {"Type": "Fail", "Error": "Zero", "Cause": "{% 'item ' & $string($states.input) %}"},
                   "Good": pas(Output="{% $states.input * 2 %}", End=True)}},
               "End": True}}),
     {"status": "SUCCEEDED", "output": [2, {"Error": "Zero", "Cause": "item 0"}, 4]})

case("jsonata-map-items-not-array",
     jm({"M": {"Type": "Map", "Items": "{% $states.input.xs %}", "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}),
     {"status": "FAILED", "error": "States.QueryEvaluationError", "causeContains": ["Items", "JSON array"]},
     input={"xs": {"a": 1}})

case("jsonata-parallel-arguments-scope",
     jm({"Init": pas(Assign={"outer": "{% $states.input.base %}"}, Next="Par"),
         "Par": {"Type": "Parallel", "Arguments": {"b": "{% $states.input.base + 1 %}"},
                 "Branches": [
                     {"StartAt": "B1", "States": {"B1": pas(Assign={"mine": "{% $outer * 10 %}"}, Next="B1b"),
                                                  "B1b": pas(Output="{% {'mine': $mine, 'arg': $states.input.b} %}", End=True)}},
                     {"StartAt": "B2", "States": {"B2": pas(Output="{% {'mine': $exists($mine), 'outer': $outer} %}", End=True)}}],
                 "Output": "{% $states.result %}", "Assign": {"first": "{% $states.result[0].mine %}"}, "Next": "After"},
         "After": pas(Output="{% {'first': $first, 'outer': $outer, 'mine': $exists($mine), 'r': $states.input} %}", End=True)}),
     {"status": "SUCCEEDED", "output": {"first": 20, "outer": 2, "mine": False,
                                        "r": [{"mine": 20, "arg": 3}, {"mine": False, "outer": 2}]}},
     input={"base": 2})

case("jsonata-catch-output-assign",
     jm({"Call": {"Type": "Task", "Resource": LAMBDA, "Arguments": {"FunctionName": "boom"},
                  "Catch": [{"ErrorEquals": ["Nope"], "Next": "Unused"},
                            {"ErrorEquals": ["States.ALL"], "Next": "Handle",
                             "Output": "{% {'err': $states.errorOutput.Error, 'in': $states.input.id} %}",
                             "Assign": {"caught": "{% $states.errorOutput.Error %}"}}],
                  "Assign": {"caught": "never"}, "End": True},
         "Unused": pas(End=True),
         "Handle": pas(Output="{% {'caught': $caught, 'out': $states.input} %}", End=True)}),
     {"status": "SUCCEEDED", "output": {"caught": "Oops", "out": {"err": "Oops", "in": 9}},
      "eventDetails": [{"type": "TaskStateExited", "details": {"stateExitedEventDetails": {"assignedVariables": {"caught": "\"Oops\""}}}}]},
     input={"id": 9},
     functions={"boom": {"error": "Oops", "message": "it broke"}})

case("jsonata-catch-default-error-output",
     jm({"Call": {"Type": "Task", "Resource": LAMBDA, "Arguments": {"FunctionName": "boom"},
                  "Retry": [{"ErrorEquals": ["Oops"], "MaxAttempts": 1, "IntervalSeconds": 2}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}], "End": True},
         "Handle": pas(Output="{% $states.input.Error %}", End=True)}),
     {"status": "SUCCEEDED", "output": "Oops", "timeline": {"TaskScheduled": [0, 2]}},
     functions={"boom": {"error": "Oops", "message": "it broke"}})

# ---------------------------------------------------------------- AWS's JSONata functions
case("jsonata-functions",
     jm({"F": pas(Output={
         "partition": "{% $partition([1, 2, 3, 4, 5, 6, 7], 3) %}",
         "range": "{% $range(0, 10, 2) %}",
         "rangeDown": "{% $range(5, 1, -2) %}",
         "hash": "{% $hash('hello', 'SHA-256') %}",
         "md5": "{% $hash($states.input.text, 'MD5') %}",
         "parse": "{% $parse($states.input.json) %}",
         "seeded": "{% $random(7) = $random(7) %}",
         "inRange": "{% $random() >= 0 and $random() < 1 %}",
         "uuid": "{% $contains($uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) %}",
         "twoUuids": "{% $uuid() != $uuid() %}",
         "builtin": "{% $uppercase($states.input.text) & '-' & $string($sum([1, 2, 3])) %}"}, End=True)}),
     {"status": "SUCCEEDED", "output": {
         "partition": [[1, 2, 3], [4, 5, 6], [7]], "range": [0, 2, 4, 6, 8, 10], "rangeDown": [5, 3, 1],
         "hash": hashlib.sha256(b"hello").hexdigest(), "md5": hashlib.md5(b"abc").hexdigest(),
         "parse": {"a": [1, {"b": None}]}, "seeded": True, "inRange": True, "uuid": True, "twoUuids": True,
         "builtin": "ABC-6"}},
     input={"text": "abc", "json": "{\"a\": [1, {\"b\": null}]}"})

case("jsonata-function-bad-argument",
     jm({"F": pas(Output="{% $hash('x', 'SHA-3') %}", End=True)}),
     {"status": "FAILED", "error": "States.QueryEvaluationError", "causeContains": ["$hash('x', 'SHA-3')", "'Output'", "threw an error"]})

refused("jsonata-eval-refused", jm({"P": pas(Output="{% $eval('1 + 1') %}", End=True)}), "$eval", "/States/P/Output")
refused("jsonata-syntax-error", jm({"P": pas(Output="{% 1 + %}", End=True)}), "not a valid JSONata expression", "/States/P/Output")

# ---------------------------------------------------------------- JSONata errors
case("jsonata-undefined-output",
     jm({"P": pas(Output="{% $states.input.missing %}", End=True)}),
     {"status": "FAILED", "error": "States.QueryEvaluationError",
      "cause": err_prefix("P") + "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).",
      "events": [S, "PassStateEntered", "EvaluationFailed", "ExecutionFailed"],
      "eventDetails": [{"type": "EvaluationFailed", "details": {"evaluationFailedEventDetails": {
          "error": "States.QueryEvaluationError", "location": "Output", "state": "P",
          "cause": err_prefix("P") + "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined)."}}}]})

case("jsonata-undefined-argument-member",
     jm({"T": {"Type": "Task", "Resource": LAMBDA, "Arguments": {"FunctionName": "echo", "Payload": {"where": "{% $states.input.pushLocation %}"}}, "End": True}}),
     {"status": "FAILED", "error": "States.QueryEvaluationError",
      "cause": err_prefix("T") + "The JSONata expression '$states.input.pushLocation' specified for the field 'Arguments/Payload/where' returned nothing (undefined)."},
     functions={"echo": {"echo": True}})

case("jsonata-type-error-caught",
     jm({"Par": {"Type": "Parallel", "Arguments": "{% $states.input.s + 1 %}",
                 "Branches": [{"StartAt": "B", "States": {"B": pas(End=True)}}],
                 "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "H"}], "End": True},
         "H": pas(Output="{% $states.input %}", End=True)}),
     {"status": "SUCCEEDED", "events": [S, "ParallelStateEntered", "EvaluationFailed", "ParallelStateExited", "PassStateEntered", "PassStateExited", E],
      "eventDetails": [{"type": "EvaluationFailed", "details": {"evaluationFailedEventDetails": {"location": "Arguments", "state": "Par"}}}],
      "output": {"Error": "States.QueryEvaluationError",
                                        "Cause": err_prefix("Par") + "The JSONata expression '$states.input.s + 1' specified for the field 'Arguments' threw an error during evaluation. The left side of the \"+\" operator must evaluate to a number"}},
     input={"s": "text"})

case("jsonata-null-vs-undefined",
     jm({"P": pas(Output={"n": "{% $states.input.n %}", "obj": "{% {'gone': $states.input.missing, 'kept': null} %}"}, End=True)}),
     {"status": "SUCCEEDED", "output": {"n": None, "obj": {"kept": None}}},
     input={"n": None})

case("jsonata-function-result",
     jm({"P": pas(Output="{% function($x) { $x } %}", End=True)}),
     {"status": "FAILED", "error": "States.QueryEvaluationError", "causeContains": ["returned an unexpected result type"]})

# ---------------------------------------------------------------- query languages
case("jsonata-state-in-jsonpath-machine",
     {"StartAt": "Old", "States": {
         "Old": pas(Parameters={"v.$": "$.v"}, Assign={"fromPath.$": "$.v", "lit": "text"}, Next="New"),
         "New": pas(QueryLanguage=JA, Output="{% {'fromPath': $fromPath, 'lit': $lit, 'in': $states.input} %}", End=True)}},
     {"status": "SUCCEEDED", "output": {"fromPath": 8, "lit": "text", "in": {"v": 8}}},
     input={"v": 8})

refused("invalid-jsonata-jsonpath-field", jm({"P": pas(InputPath="$.a", End=True)}), "'InputPath' is not supported", "JSONata", "/States/P/InputPath")
refused("invalid-jsonata-result-path-in-catch", jm({"T": {"Type": "Task", "Resource": LAMBDA, "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "T"}], "End": True}}),
        "'ResultPath' is not supported", "/States/T/Catch[0]/ResultPath")
refused("invalid-jsonpath-state-in-jsonata-machine", jm({"P": pas(QueryLanguage="JSONPath", End=True)}), "cannot use the JSONPath query language", "/States/P/QueryLanguage")
refused("invalid-output-in-jsonpath-state", {"StartAt": "P", "States": {"P": pas(Output="{% 1 %}", End=True)}},
        "'Output' is supported only in states whose QueryLanguage is JSONata", "/States/P/Output")
refused("invalid-query-language", {"QueryLanguage": "XPath", "StartAt": "P", "States": {"P": pas(End=True)}}, "QueryLanguage must be one of JSONPath, JSONata")

# ---------------------------------------------------------------- variables in JSONPath states
case("variables-jsonpath",
     {"StartAt": "Set", "States": {
         "Set": pas(Assign={"n.$": "$.a", "s": "lit", "f.$": "States.Format('v{}', $.a)", "obj": {"k.$": "$.o"}, "ctx.$": "$$.State.Name"}, Next="Use"),
         "Use": pas(Parameters={"n.$": "$n", "f.$": "$f", "deep.$": "$obj.k.x", "sum.$": "States.MathAdd($n, 1)", "ctx.$": "$ctx"},
                    Assign={"n.$": "States.MathAdd($n, 10)", "old.$": "$n"}, Next="Check"),
         "Check": {"Type": "Choice", "Choices": [{"Variable": "$n", "NumericEquals": 13, "Next": "Items", "Assign": {"branch": "thirteen"}}],
                   "Default": "Bad"},
         "Bad": {"Type": "Fail", "Error": "Bad"},
         "Items": {"Type": "Map", "ItemsPath": "$list", "ItemSelector": {"x.$": "$$.Map.Item.Value", "n.$": "$n"},
                   "ItemProcessor": {"StartAt": "I", "States": {"I": pas(Parameters={"v.$": "States.MathAdd($.x, $.n)", "b.$": "$branch"}, End=True)}},
                   "ResultPath": "$.mapped", "Assign": {"list": [9]}, "Next": "Done"},
         "Done": pas(Parameters={"all.$": "$", "list.$": "$list", "old.$": "$old"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"all": {"n": 3, "f": "v3", "deep": 1, "sum": 4, "ctx": "Set",
                                                "mapped": [{"v": 14, "b": "thirteen"}, {"v": 15, "b": "thirteen"}]},
                                        "list": [9], "old": 3},
      "eventDetails": [{"type": "PassStateExited", "nth": 0, "details": {"stateExitedEventDetails": {"assignedVariables": {
          "n": "3", "s": "\"lit\"", "f": "\"v3\"", "obj": "{\"k\":{\"x\":1}}", "ctx": "\"Set\""}}}}]},
     input={"a": 3, "o": {"x": 1}, "list": [1, 2]})
# JSONPath Assign in a Pass reads the Pass's result (its Parameters): the list comes from the context object
CASES["variables-jsonpath"]["definition"]["States"]["Use"]["Assign"]["list.$"] = "$$.Execution.Input.list"

case("variables-jsonpath-undefined",
     {"StartAt": "P", "States": {"P": pas(Parameters={"x.$": "$nope"}, End=True)}},
     {"status": "FAILED", "error": "States.Runtime", "causeContains": ["$nope"]})

case("variables-catch-assign-jsonpath",
     {"StartAt": "Call", "States": {
         "Call": {"Type": "Task", "Resource": LAMBDA, "Parameters": {"FunctionName": "boom"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Assign": {"err.$": "$.Error"}, "Next": "H"}], "End": True},
         "H": pas(Parameters={"err.$": "$err", "e.$": "$.e.Error"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"err": "Oops", "e": "Oops"}},
     functions={"boom": {"error": "Oops"}})

case("variables-size-limit",
     jm({"P": pas(Assign={"big": "{% $states.input.s & $states.input.s & $states.input.s %}"}, End=True)}),
     {"status": "FAILED", "error": "States.Runtime", "causeContains": ["'big'", "300002 bytes", "262144"]},
     input={"s": "x" * 100000})

case("variables-assign-limit",
     jm({"P": pas(Assign={"a": "{% $states.input.s & $states.input.s %}", "b": "{% $states.input.s %}"}, End=True)}),
     {"status": "FAILED", "error": "States.Runtime", "causeContains": ["'Assign'", "300004 bytes", "262144"]},
     input={"s": "x" * 100000})

refused("invalid-assign", {"StartAt": "Init", "States": {
    "Init": pas(Assign={"x": 1}, Next="M"),
    "M": {"Type": "Map", "ItemProcessor": {"StartAt": "In", "States": {"In": pas(Assign={"x": 2}, End=True)}}, "End": True}}},
        "The variable 'x' is assigned in an outer scope", "/States/M/ItemProcessor/States/In/Assign")
refused("invalid-assign-parallel-outer", jm({
    "Par": {"Type": "Parallel", "Assign": {"y": 1}, "Branches": [{"StartAt": "B", "States": {"B": pas(Assign={"y": 2}, End=True)}}], "End": True}}),
        "The variable 'y' is assigned in an outer scope", "/States/Par/Branches[0]/States/B/Assign")
refused("invalid-variable-name", {"StartAt": "P", "States": {"P": pas(Assign={"1x": 1, "states": 2}, End=True)}},
        "The variable name '1x' is invalid", "The variable name 'states' is invalid")
refused("invalid-assign-in-succeed", jm({"S": {"Type": "Succeed", "Assign": {"x": 1}}}), "'Assign' is not supported for state type 'Succeed'")

case("jsonata-runaway-recursion",
     jm({"P": pas(Output="{% ($f := function($n) { $f($n + 1) }; $f(0)) %}", End=True)}),
     {"status": "FAILED", "error": "States.QueryEvaluationError", "causeContains": ["specified for the field 'Output' threw an error during evaluation"]})

case("jsonata-map-tolerated-percentage-exceeded",
     jm({"M": {"Type": "Map", "Items": [0, 0, 1], "ToleratedFailurePercentage": "{% $states.input.pct %}", "MaxConcurrency": 1,
               "ItemProcessor": {"StartAt": "Check", "States": {
                   "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input = 0 %}", "Next": "Bad"}], "Default": "Good"},
                   "Bad": {"Type": "Fail", "Error": "Zero"},
                   "Good": pas(End=True)}},
               "End": True}}),
     {"status": "FAILED", "error": "States.ExceedToleratedFailureThreshold"},
     input={"pct": 50})

case("variables-choice-jsonpath-default-assign",
     {"StartAt": "C", "States": {
         "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big", "Assign": {"size": "big"}}],
               "Default": "Small", "Assign": {"size": "small", "seen.$": "$.n"}},
         "Big": pas(End=True),
         "Small": pas(Parameters={"size.$": "$size", "seen.$": "$seen"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"size": "small", "seen": 3}},
     input={"n": 3})

case("variables-choice-ispresent",
     {"StartAt": "C", "States": {
         "C": {"Type": "Choice", "Choices": [{"Variable": "$maybe", "IsPresent": True, "Next": "Yes"}], "Default": "Set"},
         "Set": pas(Assign={"maybe": 1}, Next="C"),
         "Yes": pas(Parameters={"maybe.$": "$maybe"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"maybe": 1},
      "events": [S, "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited", "ChoiceStateEntered",
                 "ChoiceStateExited", "PassStateEntered", "PassStateExited", E]})
