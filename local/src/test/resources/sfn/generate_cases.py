#!/usr/bin/env python3
"""Writes the golden cases of SfnConformanceTest (one directory per case).

Expected values are written by hand here, or computed by an independent oracle in this script
(Choice truth tables, hashes, glob matching), never copied from the engine, except the few values
drawn from the seeded random (UUID, MathRandom, jitter, EventBridge ids), which were recorded once
and checked for shape. Run: python3 generate_cases.py (from this directory).
"""
import base64, hashlib, json, os, re, shutil, datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = "arn:aws:iam::123456789012:role/sfn"
CASES = {}


def case(name, definition, expected, input=None, functions=None, batch=None, mocks=None):
    CASES[name] = dict(definition=definition, expected=expected, input=input, functions=functions, batch=batch, mocks=mocks)


def pas(**kw):
    d = {"Type": "Pass"}
    d.update(kw)
    return d


def cb(**kw):
    d = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
         "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token", "v.$": "$.v"}}}
    d.update(kw)
    return d


def err_prefix(state, event_id=2):
    return f"An error occurred while executing the state '{state}' (entered at the event id #{event_id}). "


S, E = "ExecutionStarted", "ExecutionSucceeded"

# ---------------------------------------------------------------- data flow and JSONPath
case("pass-result-resultpath",
     {"StartAt": "A", "States": {"A": pas(Result={"x": 1}, ResultPath="$.a.b.c", Next="B"), "B": pas(OutputPath="$.a", End=True)}},
     {"status": "SUCCEEDED", "output": {"other": 2, "b": {"c": {"x": 1}}},
      "events": [S, "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", E]},
     input={"keep": True, "a": {"other": 2}})

case("pass-parameters-context",
     {"StartAt": "P", "States": {"P": pas(Parameters={
         "literal": "v", "fromInput.$": "$.user.name",
         "nested": {"deep.$": "$.user.tags[1]", "arr": [{"x.$": "$.n"}, 5]},
         "all.$": "$.items[*].id", "filtered.$": "$.items[?(@.price > 10)].id",
         "cheapOrDear.$": "$.items[?(@.price < 10 || @.price >= 25)].id",
         "slice.$": "$.items[0:2].id", "last.$": "$.items[-1:].id", "quoted.$": "$['user']['name']",
         "execName.$": "$$.Execution.Name", "stateName.$": "$$.State.Name", "smName.$": "$$.StateMachine.Name",
         "start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime",
         "input.$": "$$.Execution.Input.n", "role.$": "$$.Execution.RoleArn",
         "execId.$": "$$.Execution.Id"}, End=True)}},
     {"status": "SUCCEEDED", "output": {
         "literal": "v", "fromInput": "ann", "nested": {"deep": "b", "arr": [{"x": 7}, 5]},
         "all": [1, 2, 3], "filtered": [2, 3], "cheapOrDear": [1, 3], "slice": [1, 2], "last": [3], "quoted": "ann",
         "execName": "golden", "stateName": "P", "smName": "pass-parameters-context",
         "start": "2026-11-27T00:00:00.000Z", "entered": "2026-11-27T00:00:00.000Z", "input": 7,
         "role": ROLE,
         "execId": "arn:aws:states:us-east-1:123456789012:execution:pass-parameters-context:golden"}},
     input={"user": {"name": "ann", "tags": ["a", "b"]}, "n": 7,
            "items": [{"id": 1, "price": 5}, {"id": 2, "price": 15}, {"id": 3, "price": 25}]})

# The context object as AWS gives it to a Pass state (recorded on AWS: LocalStack's
# tests/aws/services/stepfunctions/v2/context_object/test_context_object.snapshot.json, InputPath/OutputPath "$$"):
# Execution {Id, Input, StartTime, Name, RoleArn, RedriveCount}, StateMachine {Id, Name}, State {Name, EnteredTime};
# State.RetryCount only where a Retrier can run the state again (Task, Parallel, Map).
CTX_EXEC = "arn:aws:states:us-east-1:123456789012:execution:{0}:golden"
CTX_SM = "arn:aws:states:us-east-1:123456789012:stateMachine:{0}"


def whole_context(case_name, state, entered="2026-11-27T00:00:00.000Z", retry=None, inp=None):
    st = {"Name": state, "EnteredTime": entered}
    if retry is not None:
        st["RetryCount"] = retry
    return {"Execution": {"Id": CTX_EXEC.format(case_name), "Input": inp if inp is not None else {"input-value": 0},
                          "StartTime": "2026-11-27T00:00:00.000Z", "Name": "golden", "RoleArn": ROLE, "RedriveCount": 0},
            "StateMachine": {"Id": CTX_SM.format(case_name), "Name": case_name}, "State": st}


case("context-inputpath-whole",
     {"StartAt": "TestState", "States": {"TestState": pas(InputPath="$$", End=True)}},
     {"status": "SUCCEEDED", "output": whole_context("context-inputpath-whole", "TestState")}, input={"input-value": 0})

case("context-outputpath-execution-input",
     {"StartAt": "TestState", "States": {"TestState": pas(OutputPath="$$.Execution.Input", Result={"x": 1}, End=True)}},
     {"status": "SUCCEEDED", "output": {"input-value": 0}}, input={"input-value": 0})

case("context-parameters-each-field",
     {"StartAt": "W", "States": {
         "W": {"Type": "Wait", "Seconds": 5, "Next": "P"},
         "P": pas(Parameters={"t.$": "$$.State.EnteredTime", "e.$": "$$.Execution.Id", "i.$": "$$.Execution.Input",
                              "n.$": "$$.StateMachine.Name", "id.$": "$$.StateMachine.Id", "s.$": "$$.Execution.StartTime",
                              "name.$": "$$.Execution.Name", "role.$": "$$.Execution.RoleArn", "rc.$": "$$.Execution.RedriveCount",
                              "state.$": "$$.State.Name", "all.$": "$$"}, End=True)}},
     {"status": "SUCCEEDED", "output": {
         "t": "2026-11-27T00:00:05.000Z", "e": CTX_EXEC.format("context-parameters-each-field"), "i": {"input-value": 0},
         "n": "context-parameters-each-field", "id": CTX_SM.format("context-parameters-each-field"),
         "s": "2026-11-27T00:00:00.000Z", "name": "golden", "role": ROLE, "rc": 0, "state": "P",
         "all": whole_context("context-parameters-each-field", "P", entered="2026-11-27T00:00:05.000Z")}},
     input={"input-value": 0})

case("context-retry-count-task",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
                                       "ResultSelector": {"retry.$": "$$.State.RetryCount", "state.$": "$$.State"},
                                       "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1}],
                                       "End": True}}},
     {"status": "SUCCEEDED", "output": {"retry": 2, "state": {"Name": "T", "EnteredTime": "2026-11-27T00:00:00.000Z", "RetryCount": 2}}},
     functions={"f": [{"error": "Boom", "message": "boom"}, {"error": "Boom", "message": "boom"}, {"return": "ok"}]})

case("context-retry-count-absent-in-pass",
     {"StartAt": "P", "States": {"P": pas(Parameters={"r.$": "$$.State.RetryCount"}, End=True)}},
     {"status": "FAILED", "error": "States.Runtime",
      "causeContains": ["The JSONPath '$$.State.RetryCount' specified for the field 'r.$' could not be found in the input"]})

case("context-map-item-value",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
                                       "ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index", "s.$": "$$.State.Name"},
                                       "ItemProcessor": {"StartAt": "P", "States": {"P": pas(Parameters={"got.$": "$", "in.$": "$$.State.Name"}, End=True)}},
                                       "End": True}}},
     {"status": "SUCCEEDED", "output": [{"got": {"v": {"k": "a"}, "i": 0, "s": "M"}, "in": "P"}, {"got": {"v": {"k": "b"}, "i": 1, "s": "M"}, "in": "P"}]},
     input={"items": [{"k": "a"}, {"k": "b"}]})

case("context-in-intrinsics-and-choice",
     {"StartAt": "P", "States": {
         "P": pas(Parameters={"f.$": "States.Format('{} in {}', $$.State.Name, $$.Execution.Name)",
                              "j.$": "States.JsonToString($$.Execution.Input)", "a.$": "States.Array($$.Execution.Input.list[0], $$.State.Name)",
                              "k.$": "$$.Execution.Input['odd key']", "l.$": "$$.Execution.Input.list[1:]"}, Next="C"),
         "C": {"Type": "Choice", "Choices": [{"Variable": "$$.Execution.Input.list[0]", "NumericEquals": 1, "Next": "Yes"}], "Default": "No"},
         "Yes": pas(End=True), "No": {"Type": "Fail", "Error": "No"}}},
     {"status": "SUCCEEDED", "output": {"f": "P in golden", "j": "{\"list\":[1,2,3],\"odd key\":\"v\"}", "a": [1, "P"], "k": "v", "l": [2, 3]}},
     input={"list": [1, 2, 3], "odd key": "v"})

case("jsonpath-null-paths-and-operators",
     {"StartAt": "A", "States": {
         "A": pas(InputPath=None, ResultPath="$.fromA", Next="B"),
         "B": pas(Result={"big": 1}, ResultPath=None, Next="C"),
         "C": pas(Parameters={"deep.$": "$..id", "union.$": "$.m['a','b']", "idx.$": "$.list[0,2]",
                              "len.$": "$.list.length()", "neg.$": "$.list[-1]", "wild.$": "$.m.*",
                              "dotWild.$": "$.list[*]"}, Next="D"),
         "D": pas(ResultPath="$.copy", OutputPath="$.copy.len", End=True)}},
     {"status": "SUCCEEDED", "output": 3,
      "eventDetails": [
          {"type": "PassStateExited", "nth": 0, "details": {"stateExitedEventDetails": {"output": {
              "m": {"a": 1, "b": 2, "c": {"id": "x"}}, "list": [10, 20, 30], "id": "top", "fromA": {}}}}},
          {"type": "PassStateExited", "nth": 2, "details": {"stateExitedEventDetails": {"output": {
              "deep": ["top", "x"], "union": {"a": 1, "b": 2}, "idx": [10, 30], "len": 3, "neg": 30,
              "wild": [1, 2, {"id": "x"}], "dotWild": [10, 20, 30]}}}}]},
     input={"m": {"a": 1, "b": 2, "c": {"id": "x"}}, "list": [10, 20, 30], "id": "top"})

# Jayway's grammar and results (AWS's JSONPath is Jayway's): the forms issue #10 lists ('.' before a
# bracket, a filter or union straight after '$.'), filter operators, functions and deep scan. A union of
# names (['b','c']) is definite in Jayway and gives an object of those members.
JAYWAY_ITEMS = [{"id": 1, "tags": ["a", "b"], "name": "alpha", "price": 5},
                {"id": 2, "tags": [], "name": "beta", "price": 15},
                {"id": 3, "tags": ["c"], "name": "Gamma", "price": 25}]
case("jsonpath-jayway-dot-bracket-forms",
     {"StartAt": "Nested", "States": {
         "Nested": pas(Parameters={"nested.$": "$.a.[0].b", "pick.$": "$.a.[*].['b','c']", "quoted.$": "$.['n']"},
                       ResultPath="$.p", Next="Root"),
         "Root": pas(InputPath="$.a", Parameters={"first.$": "$.[0]", "pick.$": "$.[*].['b','c']",
                                                   "filtered.$": "$.[?(@.b > 1)].c", "last.$": "$.[-1].b"}, End=True)}},
     {"status": "SUCCEEDED",
      "output": {"first": {"b": 1, "c": "x", "d": True}, "pick": [{"b": 1, "c": "x"}, {"b": 2, "c": "y"}],
                 "filtered": ["y"], "last": 2},
      "eventDetails": [{"type": "PassStateExited", "nth": 0, "details": {"stateExitedEventDetails": {"output": {
          "a": [{"b": 1, "c": "x", "d": True}, {"b": 2, "c": "y"}], "n": 3,
          "p": {"nested": 1, "pick": [{"b": 1, "c": "x"}, {"b": 2, "c": "y"}], "quoted": 3}}}}}]},
     input={"a": [{"b": 1, "c": "x", "d": True}, {"b": 2, "c": "y"}], "n": 3})

case("jsonpath-jayway-filter-operators",
     {"StartAt": "F", "States": {"F": pas(Parameters={
         "in.$": "$.items[?(@.id in [1,3])].id", "nin.$": "$.items[?(@.id nin [1,3])].id",
         "regex.$": "$.items[?(@.name =~ /^[ab].*/)].id", "regexIgnoreCase.$": "$.items[?(@.name =~ /^g.*/i)].id",
         "subsetof.$": "$.items[?(@.tags subsetof ['a','b'])].id", "anyof.$": "$.items[?(@.tags anyof ['b','c'])].id",
         "noneof.$": "$.items[?(@.tags noneof ['a'])].id", "size.$": "$.items[?(@.tags size 2)].id",
         "stringSize.$": "$.items[?(@.name size 4)].id", "empty.$": "$.items[?(@.tags empty true)].id",
         "rootRef.$": "$.items[?(@.price > $.limit)].id", "not.$": "$.items[?(!(@.price > 10))].id",
         "andOr.$": "$.items[?(@.price >= 5 && @.price < 20 || @.name == 'Gamma')].id",
         "inStrings.$": "$.items[?(@.name in ['beta','Gamma'])].name",
         "none.$": "$.items[?(@.missing > 1)]"}, End=True)}},
     {"status": "SUCCEEDED", "output": {
         "in": [1, 3], "nin": [2], "regex": [1, 2], "regexIgnoreCase": [3], "subsetof": [1, 2], "anyof": [1, 3],
         "noneof": [2, 3], "size": [1], "stringSize": [2], "empty": [2], "rootRef": [2, 3], "not": [1],
         "andOr": [1, 2, 3], "inStrings": ["beta", "Gamma"], "none": []}},
     input={"items": JAYWAY_ITEMS, "limit": 10})

case("jsonpath-jayway-functions-deep-scan-slices",
     {"StartAt": "F", "States": {"F": pas(Parameters={
         "length.$": "$.nums.length()", "objectLength.$": "$.obj.length()", "sum.$": "$.nums.sum()",
         "min.$": "$.nums.min()", "max.$": "$.nums.max()", "avg.$": "$.nums.avg()", "keys.$": "$.obj.keys()",
         "first.$": "$.nums.first()", "last.$": "$.nums.last()", "append.$": "$.nums.append(4)",
         "deep.$": "$..p", "deepFilter.$": "$..book[?(@.p > 10)].t", "deepLength.$": "$..book.length()",
         "from.$": "$.nums[1:]", "lastTwo.$": "$.nums[-2:]", "to.$": "$.nums[:2]", "indices.$": "$.nums[2,0]",
         "wildProperty.$": "$.store.*.p"}, End=True)}},
     {"status": "SUCCEEDED", "output": {
         "length": 3, "objectLength": 2, "sum": 6.0, "min": 1.0, "max": 3.0, "avg": 2.0, "keys": ["x", "y"],
         "first": 3, "last": 2, "append": [3, 1, 2, 4],
         "deep": [8, 12, 20], "deepFilter": ["b"], "deepLength": 2,
         "from": [1, 2], "lastTwo": [1, 2], "to": [3, 1], "indices": [2, 3], "wildProperty": [20]}},
     input={"nums": [3, 1, 2], "store": {"book": [{"p": 8, "t": "a"}, {"p": 12, "t": "b"}], "bike": {"p": 20}},
            "obj": {"x": 1, "y": 2}})

# Jayway's messages for a definite path that selects nothing: a missing leaf, a missing property on the
# way, an index past the end.
for name, path, why in [("jsonpath-missing-property-on-the-way", "$.x.y", "Missing property in path $['x']"),
                        ("jsonpath-index-past-end", "$.list[5]", "No results for path: $['list'][5]")]:
    case(name, {"StartAt": "P", "States": {"P": pas(InputPath=path, End=True)}},
         {"status": "FAILED", "error": "States.Runtime",
          "cause": err_prefix("P") + f"Invalid path '{path}' : {why}", "events": [S, "PassStateEntered", "ExecutionFailed"]},
         input={"list": [1, 2]})

case("outputpath-null",
     {"StartAt": "P", "States": {"P": pas(OutputPath=None, End=True)}},
     {"status": "SUCCEEDED", "output": {}}, input={"a": 1})

case("inputpath-missing",
     {"StartAt": "P", "States": {"P": pas(InputPath="$.nope", End=True)}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("P") + "Invalid path '$.nope' : No results for path: $['nope']",
      "events": [S, "PassStateEntered", "ExecutionFailed"]}, input={"a": 1})

case("parameters-path-missing-is-runtime",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                       "Parameters": {"FunctionName": "f", "Payload": {"x.$": "$.missing"}},
                                       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": True},
                                 "Caught": pas(End=True)}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("T") + "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{\"a\":1}'",
      "events": [S, "TaskStateEntered", "ExecutionFailed"], "invocations": 0},
     input={"a": 1}, functions={"f": {"return": {}}})

case("resultpath-match-failure",
     {"StartAt": "P", "States": {"P": pas(Result=1, ResultPath="$.x", End=True)}},
     {"status": "FAILED", "error": "States.ResultPathMatchFailure",
      "cause": err_prefix("P") + "Unable to apply ResultPath '$.x' to input '\"str\"': the input is not a JSON object",
      "events": [S, "PassStateEntered", "ExecutionFailed"]}, input="str")

case("resultpath-match-failure-caught",
     {"StartAt": "T", "States": {
         "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
               "ResultPath": "$.a.b", "Catch": [{"ErrorEquals": ["States.ResultPathMatchFailure"], "ResultPath": "$.err", "Next": "H"}],
               "End": True},
         "H": pas(OutputPath="$.err.Error", End=True)}},
     {"status": "SUCCEEDED", "output": "States.ResultPathMatchFailure",
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited",
                 "PassStateEntered", "PassStateExited", E]},
     input={"a": "text"}, functions={"f": {"return": 1}})

case("data-limit-exceeded",
     {"StartAt": "P", "States": {"P": pas(Parameters={"a.$": "$.s", "b.$": "$.s"}, End=True)}},
     {"status": "FAILED", "error": "States.DataLimitExceeded", "events": [S, "PassStateEntered", "ExecutionFailed"]},
     input={"s": "x" * 150000})

# ---------------------------------------------------------------- intrinsics
h = lambda alg, s: hashlib.new(alg, s.encode()).hexdigest()
obj = {"b": 1, "a": [True, None]}
case("intrinsics-all",
     {"StartAt": "P", "States": {"P": pas(Parameters={
         "format.$": "States.Format('Hello, {}! You are {} and {}. \\{literal\\} it\\'s', $.name, $.age, $.ok)",
         "fmtNull.$": "States.Format('{}-{}', null, 1.5)",
         "toJson.$": "States.StringToJson($.jsonText)",
         "toString.$": "States.JsonToString($.obj)",
         "array.$": "States.Array($.name, 1, 'two', true, null, $.obj)",
         "emptyArray.$": "States.Array()",
         "partition.$": "States.ArrayPartition($.nums, 4)",
         "contains.$": "States.ArrayContains($.nums, 5)",
         "containsNot.$": "States.ArrayContains($.nums, '5')",
         "range.$": "States.ArrayRange(1, 9, 2)",
         "rangeDown.$": "States.ArrayRange(5, 1, -2)",
         "item.$": "States.ArrayGetItem($.nums, 2)",
         "length.$": "States.ArrayLength($.nums)",
         "unique.$": "States.ArrayUnique($.dups)",
         "b64.$": "States.Base64Encode('Data to encode')",
         "b64d.$": "States.Base64Decode('RGVjb2RlZCBkYXRh')",
         "md5.$": "States.Hash('input data', 'MD5')",
         "sha1.$": "States.Hash('input data', 'SHA-1')",
         "sha256.$": "States.Hash($.name, 'SHA-256')",
         "sha384.$": "States.Hash('input data', 'SHA-384')",
         "sha512.$": "States.Hash('input data', 'SHA-512')",
         "merge.$": "States.JsonMerge($.obj, $.obj2, false)",
         "add.$": "States.MathAdd($.age, -2)",
         "split.$": "States.StringSplit('This.is+a,test=string', '.+,=')",
         "split2.$": "States.StringSplit($.csv, ',')",
         "nested.$": "States.Format('{} items', States.ArrayLength(States.ArrayRange(1, 10, 1)))",
         "hashOfJson.$": "States.Hash(States.JsonToString($.obj), 'SHA-256')",
         "fromContext.$": "States.Format('{}/{}', $$.StateMachine.Name, $$.Execution.Name)",
         "randSeeded.$": "States.MathRandom(1, 100, 1234)",
         "rand.$": "States.MathRandom(0, 10)",
         "uuid.$": "States.UUID()"}, End=True)}},
     {"status": "SUCCEEDED", "output": {
         "format": "Hello, ann! You are 42 and true. {literal} it's", "fmtNull": "null-1.5",
         "toJson": {"k": [1, 2]}, "toString": json.dumps(obj, separators=(",", ":")),
         "array": ["ann", 1, "two", True, None, obj], "emptyArray": [],
         "partition": [[1, 2, 3, 4], [5, 6, 7, 8], [9]], "contains": True, "containsNot": False,
         "range": [1, 3, 5, 7, 9], "rangeDown": [5, 3, 1], "item": 3, "length": 9,
         "unique": [1, 2, "a", {"x": 1}],
         "b64": base64.b64encode(b"Data to encode").decode(), "b64d": "Decoded data",
         "md5": h("md5", "input data"), "sha1": h("sha1", "input data"), "sha256": h("sha256", "ann"),
         "sha384": h("sha384", "input data"), "sha512": h("sha512", "input data"),
         "merge": {"b": 1, "a": "over", "c": 3}, "add": 40,
         "split": ["This", "is", "a", "test", "string"], "split2": ["1", "2", "3"], "nested": "10 items",
         "hashOfJson": h("sha256", json.dumps(obj, separators=(",", ":"))),
         "fromContext": "intrinsics-all/golden",
         # recorded from the seeded random (java.util.Random(1234) / clock seed 42):
         "randSeeded": "RECORD", "rand": "RECORD", "uuid": "RECORD"}},
     input={"name": "ann", "age": 42, "ok": True, "jsonText": "{\"k\":[1,2]}", "obj": obj,
            "obj2": {"a": "over", "c": 3}, "nums": list(range(1, 10)), "dups": [1, 2, 2, "a", "a", {"x": 1}, {"x": 1}],
            "csv": "1,2,,3"})

for fn, expr, why in [
        ("ArrayGetItem", "States.ArrayGetItem($.a, 5)", "Invalid arguments in States.ArrayGetItem: the index 5 is out of bounds for an array of length 1"),
        ("StringToJson", "States.StringToJson('{not json')", "Invalid arguments in States.StringToJson: the argument is not a JSON text: {not json"),
        ("ArrayPartition", "States.ArrayPartition($.a, 0)", "Invalid arguments in States.ArrayPartition: the chunk size must be a positive integer, got 0"),
        ("JsonMerge", "States.JsonMerge($.o, $.o, true)", "Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false"),
        ("MathAdd", "States.MathAdd(1.5, 1)", "Invalid arguments in States.MathAdd: the argument 1 must be an integer, got 1.5"),
        ("Format", "States.Format('{} {}', 1)", "Invalid arguments in States.Format: the template has more placeholders '{}' than arguments (1)")]:
    case("intrinsic-failure-caught-" + fn.lower(),
         {"StartAt": "T", "States": {
             "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "f", "Payload": {"x.$": expr}},
                   "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "ResultPath": "$.error", "Next": "Handled"}], "End": True},
             "Handled": pas(End=True)}},
         {"status": "SUCCEEDED", "output": {"a": [1], "o": {}, "error": {"Error": "States.IntrinsicFailure", "Cause": err_prefix("T") + why}},
          "events": [S, "TaskStateEntered", "TaskStateExited", "PassStateEntered", "PassStateExited", E], "invocations": 0},
         input={"a": [1], "o": {}}, functions={"f": {"return": {}}})

# ---------------------------------------------------------------- Choice: truth tables from an independent oracle

def ts(s):
    try:
        if "T" not in s:
            return None
        return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except Exception:
        return None


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def glob(p, s):
    rx, i = "", 0
    while i < len(p):
        c = p[i]
        if c == "\\" and i + 1 < len(p):
            rx += re.escape(p[i + 1]); i += 2; continue
        rx += ".*" if c == "*" else re.escape(c); i += 1
    return re.fullmatch(rx, s, re.S) is not None


def cmp(kind, a, b):
    if kind == "String":
        return (a > b) - (a < b) if isinstance(a, str) and isinstance(b, str) else None
    if kind == "Numeric":
        return (a > b) - (a < b) if is_num(a) and is_num(b) else None
    if kind == "Timestamp":
        ta, tb = (ts(a) if isinstance(a, str) else None), (ts(b) if isinstance(b, str) else None)
        return None if ta is None or tb is None else (ta > tb) - (ta < tb)


def oracle(rule, doc, ctx):
    if "And" in rule: return all(oracle(r, doc, ctx) for r in rule["And"])
    if "Or" in rule: return any(oracle(r, doc, ctx) for r in rule["Or"])
    if "Not" in rule: return not oracle(rule["Not"], doc, ctx)
    (op, val), = [(k, v) for k, v in rule.items() if k not in ("Variable", "Next")]
    def get(path):
        src = ctx if path.startswith("$$") else doc
        cur = src
        for part in [p for p in path.lstrip("$").split(".") if p]:
            if not isinstance(cur, dict) or part not in cur: return KeyError
            cur = cur[part]
        return cur
    v = get(rule["Variable"])
    if op == "IsPresent": return (v is not KeyError) == val
    assert v is not KeyError
    if op.endswith("Path"):
        val, op = get(val), op[:-4]
    if op == "IsNull": return (v is None) == val
    if op == "IsString": return isinstance(v, str) == val
    if op == "IsNumeric": return is_num(v) == val
    if op == "IsBoolean": return isinstance(v, bool) == val
    if op == "IsTimestamp": return (isinstance(v, str) and ts(v) is not None) == val
    if op == "BooleanEquals": return isinstance(v, bool) and isinstance(val, bool) and v == val
    if op == "StringMatches": return isinstance(v, str) and glob(val, v)
    for kind in ("String", "Numeric", "Timestamp"):
        if op.startswith(kind):
            c = cmp(kind, v, val)
            if c is None: return False
            rel = op[len(kind):]
            return {"Equals": c == 0, "LessThan": c < 0, "GreaterThan": c > 0, "LessThanEquals": c <= 0, "GreaterThanEquals": c >= 0}[rel]
    raise ValueError(op)


def choice_table(name, items, rules, wrap=False):
    branches = []
    for r in rules:
        rule = dict(r); rule["Next"] = "T"
        branches.append({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [rule], "Default": "F"},
                                                    "T": pas(Result=True, End=True), "F": pas(Result=False, End=True)}})
    definition = {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {
        "StartAt": "Par", "States": {"Par": {"Type": "Parallel", "Branches": branches, "End": True}}}, "End": True}}}
    ctx = {"Execution": {"Name": "golden"}}
    expected = [[oracle(r, it, ctx) for r in rules] for it in items]
    case(name, definition, {"status": "SUCCEEDED", "output": expected}, input={"items": items})


V = lambda op, val, var="$": {"Variable": var, op: val}
choice_table("choice-string", ["apple", "banana", "b", "", 5, "B"],
             [V(op, arg) for op, arg in [("StringEquals", "banana"), ("StringLessThan", "b"), ("StringGreaterThan", "b"),
                                         ("StringLessThanEquals", "b"), ("StringGreaterThanEquals", "b")]])
choice_table("choice-string-matches", ["log-2026.txt", "log-.txt", "LOG-1.txt", "star*lit", "starXlit", "back\\slash", "x", 3],
             [V("StringMatches", p) for p in ["log-*.txt", "*.txt", "star\\*lit", "*\\\\*", "*", "x", "l*g*"]])
choice_table("choice-numeric", [1, 1.0, 2.5, -3, "1", 10, 2.4999, True],
             [V(op, arg) for op, arg in [("NumericEquals", 1), ("NumericLessThan", 2.5), ("NumericGreaterThan", 2.5),
                                         ("NumericLessThanEquals", 2.5), ("NumericGreaterThanEquals", 2.5), ("NumericEquals", -3)]])
choice_table("choice-boolean-timestamp",
             [True, False, "true", "2026-11-27T00:00:00Z", "2026-11-27T01:00:00+01:00", "2026-11-26T23:59:59.500Z",
              "2026-11-27T00:00:01Z", "not a time", "2026-11-27"],
             [V("BooleanEquals", True), V("BooleanEquals", False)] +
             [V(op, "2026-11-27T00:00:00Z") for op in ["TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
                                                        "TimestampLessThanEquals", "TimestampGreaterThanEquals"]])
choice_table("choice-type-tests",
             [{"v": None}, {"v": 1}, {"v": "s"}, {"v": True}, {"v": "2026-11-27T00:00:00Z"}, {"v": {"a": 1}}, {"v": [1]}, {}],
             [V("IsPresent", True, "$.v"), V("IsPresent", False, "$.v")] +
             [{"And": [V("IsPresent", True, "$.v"), V(op, True, "$.v")]} for op in
              ["IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"]] +
             [{"And": [V("IsPresent", True, "$.v"), V("IsNull", False, "$.v")]}])
choice_table("choice-path-variants",
             [{"a": "x", "b": "x"}, {"a": 1, "b": 2}, {"a": True, "b": True}, {"a": "2026-01-02T00:00:00Z", "b": "2026-01-01T00:00:00Z"},
              {"a": "golden", "b": "zzz"}, {"a": 2, "b": 2}],
             [V(op, "$.b", "$.a") for op in ["StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath",
                                             "StringLessThanEqualsPath", "StringGreaterThanEqualsPath",
                                             "NumericEqualsPath", "NumericLessThanPath", "NumericGreaterThanPath",
                                             "NumericLessThanEqualsPath", "NumericGreaterThanEqualsPath", "BooleanEqualsPath",
                                             "TimestampEqualsPath", "TimestampLessThanPath", "TimestampGreaterThanPath",
                                             "TimestampLessThanEqualsPath", "TimestampGreaterThanEqualsPath"]] +
             [V("StringEqualsPath", "$$.Execution.Name", "$.a")])
choice_table("choice-and-or-not", [-5, 0, 5, 10, 15, 20, 150, "x"],
             [{"And": [V("NumericGreaterThanEquals", 10), V("NumericLessThan", 20)]},
              {"Or": [V("NumericLessThan", 0), V("NumericGreaterThan", 100)]},
              {"Not": V("NumericEquals", 5)},
              {"Not": {"And": [{"Or": [V("NumericEquals", 0), V("NumericEquals", 20)]}, V("IsNumeric", True)]}},
              {"Or": [V("IsString", True), {"And": [V("NumericGreaterThan", 1), {"Not": V("NumericGreaterThan", 10)}]}]}])

case("choice-no-match",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "Done"}]},
                                 "Done": {"Type": "Succeed"}}},
     {"status": "FAILED", "error": "States.NoChoiceMatched",
      "cause": err_prefix("C") + "No Choice Rule matched and no Default is specified in the Choice state 'C'.",
      "events": [S, "ChoiceStateEntered", "ExecutionFailed"]}, input={"x": 2})

case("choice-missing-variable",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.missing", "StringEquals": "a", "Next": "Done"}],
                                       "Default": "Done"}, "Done": {"Type": "Succeed"}}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("C") + "Invalid path '$.missing': The choice state's condition path references an invalid value.",
      "events": [S, "ChoiceStateEntered", "ExecutionFailed"]}, input={"x": 2})

case("choice-default-inputpath-outputpath",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "InputPath": "$.in", "OutputPath": "$.val",
                                       "Choices": [{"Variable": "$.val", "StringEquals": "nope", "Next": "Bad"}], "Default": "Good"},
                                 "Bad": {"Type": "Fail", "Error": "Bad"},
                                 "Good": {"Type": "Succeed", "InputPath": "$.v2", "OutputPath": "$.x"}}},
     {"status": "SUCCEEDED", "output": 1,
      "events": [S, "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", E]},
     input={"in": {"val": {"v2": {"x": 1}}}})

case("choice-loop-counter",
     {"StartAt": "Init", "States": {
         "Init": pas(Result=0, ResultPath="$.i", Next="Check"),
         "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEquals": 5, "Next": "Done"}], "Default": "Inc"},
         "Inc": pas(Parameters={"i.$": "States.MathAdd($.i, 1)"}, Next="Check"),
         "Done": {"Type": "Succeed"}}},
     {"status": "SUCCEEDED", "output": {"i": 5},
      "events": [S, "PassStateEntered", "PassStateExited"] + ["ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited"] * 5
                + ["ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", E]},
     input={})

# ---------------------------------------------------------------- Wait
case("wait-all-forms",
     {"StartAt": "W1", "States": {
         "W1": {"Type": "Wait", "Seconds": 10, "Next": "W2"},
         "W2": {"Type": "Wait", "SecondsPath": "$.secs", "Next": "W3"},
         "W3": {"Type": "Wait", "Timestamp": "2026-11-27T00:01:00Z", "Next": "W4"},
         "W4": {"Type": "Wait", "TimestampPath": "$.until", "Next": "W5"},
         "W5": {"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "OutputPath": "$.secs", "End": True}}},
     {"status": "SUCCEEDED", "output": 5,
      "timeline": {"WaitStateEntered": [0, 10, 15, 60, 150], "WaitStateExited": [10, 15, 60, 150, 150], E: [150]}},
     input={"secs": 5, "until": "2026-11-27T00:02:30Z"})

case("wait-secondspath-invalid",
     {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.secs", "End": True}}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("W") + "The SecondsPath parameter references a negative value: $.secs == -1"},
     input={"secs": -1})

# AWS's causes (recorded on AWS: LocalStack's tests/aws/services/stepfunctions/v2/base/test_wait.snapshot.json): the
# field, then "path == value" with a string value as it is; a timestamp without an offset is not a timestamp.
case("wait-timestamppath-invalid",
     {"StartAt": "State_1", "States": {"State_1": {"Type": "Wait", "TimestampPath": "$.start_at", "End": True}}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("State_1") + "The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
               "date-time format string: $.start_at == 2026-11-27T00:00:10.000",
      "links": [[1, 0, S], [2, 0, "WaitStateEntered"], [3, 2, "ExecutionFailed"]]},
     input={"start_at": "2026-11-27T00:00:10.000"})

case("wait-timestamppath-fraction-digits",
     {"StartAt": "State_1", "States": {"State_1": {"Type": "Wait", "TimestampPath": "$.start_at", "End": True}}},
     {"status": "SUCCEEDED", "timeline": {"WaitStateExited": [10]}},
     input={"start_at": "2026-11-27T00:00:10.0000000Z"})

case("wait-secondspath-not-long",
     {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.secs", "End": True}}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("W") + "The SecondsPath parameter cannot be parsed as a long value: $.secs == ten"},
     input={"secs": "ten"})

case("timeout-seconds-path-not-integer",
     {"StartAt": "T", "States": {"T": cb(TimeoutSecondsPath="$.t", End=True)}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("T") + "Expected non-negative integer for TimeoutSecondsPath, got '1.5' instead."},
     input={"v": 1, "t": 1.5}, functions={"worker": {"callback": "none"}})

case("heartbeat-seconds-path-zero",
     {"StartAt": "T", "States": {"T": cb(TimeoutSeconds=100, HeartbeatSecondsPath="$.hb", End=True)}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("T") + "Expected non-negative integer for HeartbeatSecondsPath, got '0' instead."},
     input={"v": 1, "hb": 0}, functions={"worker": {"callback": "none"}})

case("map-maxconcurrency-path-negative",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrencyPath": "$.c", "ItemsPath": "$.items",
                                       "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("M") + "Expected non-negative integer for MaxConcurrency, got '-1' instead."},
     input={"c": -1, "items": [1]})

case("map-tolerated-failure-path-invalid",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailurePercentagePath": "$.p", "ToleratedFailureCountPath": "$.c", "ItemsPath": "$.items",
                                       "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
     {"status": "FAILED", "error": "States.Runtime",
      "cause": err_prefix("M") + "The ToleratedFailureCountPath field refers to value \"many\" which is not a valid integer: $.c"},
     input={"c": "many", "p": 10, "items": [1]})

# ---------------------------------------------------------------- Retry / Catch

def lam(fn="flaky", **kw):
    d = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": fn, "Payload": {"retry.$": "$$.State.RetryCount"}}}
    d.update(kw)
    return d


boom = {"error": "Boom", "message": "boom"}
case("retry-backoff",
     {"StartAt": "T", "States": {"T": lam(ResultSelector={"ok.$": "$.Payload.ok"},
                                          Retry=[{"ErrorEquals": ["Boom"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 3}], End=True)}},
     {"status": "SUCCEEDED", "output": {"ok": True},
      "events": [S, "TaskStateEntered"] + ["TaskScheduled", "TaskStarted", "TaskFailed"] * 3 +
                ["TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", E],
      "timeline": {"TaskScheduled": [0, 1, 3, 7], "TaskFailed": [0, 1, 3], "TaskSucceeded": [7]},
      "eventDetails": [{"type": "TaskScheduled", "nth": 3, "details": {"taskScheduledEventDetails": {
          "resourceType": "lambda", "resource": "invoke", "region": "us-east-1",
          "parameters": {"FunctionName": "flaky", "Payload": {"retry": 3}}}}},
          {"type": "TaskFailed", "nth": 0, "details": {"taskFailedEventDetails": {"error": "Boom", "resourceType": "lambda", "resource": "invoke"}}}]},
     functions={"flaky": [boom, boom, boom, {"return": {"ok": True}}]})

case("retry-maxdelay-then-catch",
     {"StartAt": "T", "States": {"T": lam(Retry=[{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 4, "MaxDelaySeconds": 5}],
                                          Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Fallback"}], End=True),
                                 "Fallback": pas(OutputPath="$.err.Error", End=True)}},
     {"status": "SUCCEEDED", "output": "Boom", "timeline": {"TaskScheduled": [0, 2, 7, 12, 17], "TaskStateExited": [17]}},
     functions={"flaky": boom})

case("retry-jitter-full",
     {"StartAt": "T", "States": {"T": lam(Retry=[{"ErrorEquals": ["Boom"], "IntervalSeconds": 10, "BackoffRate": 2, "MaxAttempts": 3,
                                                  "JitterStrategy": "FULL"}], End=True)}},
     {"status": "FAILED", "error": "Boom", "timeline": {"TaskScheduled": "RECORD"}},
     functions={"flaky": boom})

case("retry-maxattempts-zero-stops-at-first-match",
     {"StartAt": "T", "States": {"T": lam(Retry=[{"ErrorEquals": ["Boom"], "MaxAttempts": 0},
                                                 {"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                                          Catch=[{"ErrorEquals": ["Boom"], "Next": "Caught"}], End=True),
                                 "Caught": pas(End=True)}},
     {"status": "SUCCEEDED", "output": {"Error": "Boom", "Cause": json.dumps({"errorMessage": "boom", "errorType": "Boom", "stackTrace": []}, separators=(",", ":"))},
      "timeline": {"TaskScheduled": [0]}},
     functions={"flaky": boom})

case("retry-multiple-retriers",
     {"StartAt": "T", "States": {"T": lam(Retry=[{"ErrorEquals": ["A"], "MaxAttempts": 2, "IntervalSeconds": 1, "BackoffRate": 1},
                                                 {"ErrorEquals": ["B"], "MaxAttempts": 1, "IntervalSeconds": 5}],
                                          ResultSelector={"retries.$": "$.Payload"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"retries": 3}, "timeline": {"TaskScheduled": [0, 1, 6, 7]}},
     functions={"flaky": [{"error": "A"}, {"error": "B"}, {"error": "A"}, {"return": 3}]})

case("catch-order-first-match",
     {"StartAt": "T", "States": {"T": lam(Catch=[{"ErrorEquals": ["Other"], "Next": "X"},
                                                 {"ErrorEquals": ["Another", "Specific"], "ResultPath": "$.e", "Next": "Y"},
                                                 {"ErrorEquals": ["States.ALL"], "Next": "Z"}], End=True),
                                 "X": {"Type": "Fail", "Error": "X"}, "Y": pas(End=True), "Z": {"Type": "Fail", "Error": "Z"}}},
     {"status": "SUCCEEDED", "output": {"keep": 1, "e": {"Error": "Specific", "Cause": json.dumps({"errorMessage": "failed", "errorType": "Specific", "stackTrace": []}, separators=(",", ":"))}},
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", E]},
     input={"keep": 1}, functions={"flaky": {"error": "Specific"}})

# ---------------------------------------------------------------- callbacks, timeouts, heartbeats


case("callback-success-token-works-once",
     {"StartAt": "T", "States": {"T": cb(ResultPath="$.cb", End=True)}},
     {"status": "SUCCEEDED", "output": {"v": 1, "cb": {"done": True}},
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", E],
      "timeline": {"TaskSubmitted": [0], "TaskSucceeded": [30]},
      "eventDetails": [{"type": "TaskSubmitted", "details": {"taskSubmittedEventDetails": {"resource": "invoke.waitForTaskToken",
                                                                                           "output": {"StatusCode": 200, "Payload": {"accepted": True}}}}}],
      "callbackErrors": ["SendTaskSuccess: TaskTimedOut"]},
     input={"v": 1}, functions={"worker": {"callback": "success", "afterSeconds": 30, "times": 2, "output": {"done": True}, "return": {"accepted": True}}})

case("callback-failure-caught",
     {"StartAt": "T", "States": {"T": cb(Catch=[{"ErrorEquals": ["Rejected"], "Next": "H"}], End=True), "H": pas(End=True)}},
     {"status": "SUCCEEDED", "output": {"Error": "Rejected", "Cause": "nope"}, "timeline": {"TaskFailed": [4]}},
     input={"v": 1}, functions={"worker": {"callback": "failure", "afterSeconds": 4, "errorName": "Rejected", "cause": "nope"}})

case("task-timeout-is-not-taskfailed",
     {"StartAt": "T", "States": {"T": cb(TimeoutSeconds=5, Catch=[{"ErrorEquals": ["States.TaskFailed"], "Next": "A"},
                                                                   {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.t", "Next": "B"}], End=True),
                                 "A": {"Type": "Fail", "Error": "WrongCatcher"}, "B": pas(OutputPath="$.t.Error", End=True)}},
     {"status": "SUCCEEDED", "output": "States.Timeout",
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskTimedOut", "TaskStateExited", "PassStateEntered", "PassStateExited", E],
      "timeline": {"TaskTimedOut": [5]},
      "eventDetails": [{"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {"timeoutInSeconds": 5}}},
                       {"type": "TaskTimedOut", "details": {"taskTimedOutEventDetails": {"error": "States.Timeout"}}}],
      "callbackErrors": ["SendTaskSuccess: TaskTimedOut"]},
     input={"v": 1}, functions={"worker": {"callback": "success", "afterSeconds": 8, "output": {}}})

case("timeout-seconds-path",
     {"StartAt": "T", "States": {"T": cb(TimeoutSecondsPath="$.t", End=True)}},
     {"status": "FAILED", "error": "States.Timeout", "timeline": {"TaskTimedOut": [3], "ExecutionFailed": [3]},
      "eventDetails": [{"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {"timeoutInSeconds": 3}}}]},
     input={"v": 1, "t": 3}, functions={"worker": {"callback": "none"}})

case("heartbeat-timeout",
     {"StartAt": "T", "States": {"T": cb(TimeoutSeconds=100, HeartbeatSeconds=5, End=True)}},
     {"status": "FAILED", "error": "States.HeartbeatTimeout", "timeline": {"TaskTimedOut": [5]},
      "eventDetails": [{"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {"timeoutInSeconds": 100, "heartbeatInSeconds": 5}}}]},
     input={"v": 1}, functions={"worker": {"callback": "none"}})

case("heartbeat-keeps-task-alive",
     {"StartAt": "T", "States": {"T": cb(TimeoutSeconds=100, HeartbeatSecondsPath="$.hb", End=True)}},
     {"status": "SUCCEEDED", "output": {"fine": True}, "timeline": {"TaskSucceeded": [12]}},
     input={"v": 1, "hb": 5}, functions={"worker": {"callback": "success", "heartbeats": [3, 6, 9], "afterSeconds": 12, "output": {"fine": True}}})

case("heartbeat-does-not-extend-timeout",
     {"StartAt": "T", "States": {"T": cb(TimeoutSeconds=10, HeartbeatSeconds=5, End=True)}},
     {"status": "FAILED", "error": "States.Timeout", "timeline": {"TaskTimedOut": [10]}},
     input={"v": 1}, functions={"worker": {"callback": "none", "heartbeats": [3, 6, 9]}})

case("execution-timeout",
     {"StartAt": "W", "TimeoutSeconds": 5, "States": {"W": {"Type": "Wait", "Seconds": 10, "End": True}}},
     {"status": "TIMED_OUT", "error": "States.Timeout", "events": [S, "WaitStateEntered", "ExecutionTimedOut"],
      "timeline": {"ExecutionTimedOut": [5]}})

# ---------------------------------------------------------------- Lambda
case("lambda-invoke-result-shape",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                       "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultPath": "$.res", "Next": "P"},
                                 "P": pas(Parameters={"payload.$": "$.res.Payload", "status.$": "$.res.StatusCode", "version.$": "$.res.ExecutedVersion",
                                                      "http.$": "$.res.SdkHttpMetadata.HttpStatusCode"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"payload": {"r": 1}, "status": 200, "version": "$LATEST", "http": 200}},
     functions={"f": {"return": {"r": 1}}})

case("lambda-invoke-function-error",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": True}}},
     {"status": "FAILED", "error": "dev.gbo.Boom",
      "cause": json.dumps({"errorMessage": "bad", "errorType": "dev.gbo.Boom", "stackTrace": []}, separators=(",", ":")),
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed"]},
     functions={"f": {"error": "dev.gbo.Boom", "message": "bad"}})

case("lambda-plain-arn",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo",
                                       "Parameters": {"a.$": "$.a"}, "End": True}}},
     {"status": "SUCCEEDED", "output": {"a": 1},
      "events": [S, "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", E],
      "eventDetails": [{"type": "LambdaFunctionScheduled", "details": {"lambdaFunctionScheduledEventDetails": {
          "resource": "arn:aws:lambda:us-east-1:123456789012:function:echo", "input": {"a": 1}}}}]},
     input={"a": 1, "b": 2}, functions={"echo": {"echo": True}})

case("lambda-plain-arn-error",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": True}}},
     {"status": "FAILED", "error": "Oops", "events": [S, "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed"]},
     functions={"f": {"error": "Oops"}})

case("lambda-unknown-function",
     {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "missing"}, "End": True}}},
     {"status": "FAILED", "error": "Lambda.ResourceNotFoundException", "causeContains": ["Function not found"]}, functions={})

# ---------------------------------------------------------------- Parallel and Map
case("parallel-success",
     {"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "Parameters": {"base.$": "$.base"},
                                           "Branches": [{"StartAt": "B1", "States": {"B1": pas(OutputPath="$.base", End=True)}},
                                                        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "Next": "B2"},
                                                                                    "B2": pas(Result=2, End=True)}}],
                                           "ResultSelector": {"sum.$": "States.MathAdd($[0], $[1])"}, "ResultPath": "$.out", "End": True}}},
     {"status": "SUCCEEDED", "output": {"base": 1, "out": {"sum": 3}},
      "events": [S, "ParallelStateEntered", "ParallelStateStarted", "PassStateEntered", "PassStateExited", "WaitStateEntered",
                 "WaitStateExited", "PassStateEntered", "PassStateExited", "ParallelStateSucceeded", "ParallelStateExited", E],
      "timeline": {"ParallelStateSucceeded": [5]}},
     input={"base": 1})

case("parallel-branch-failure-caught",
     {"StartAt": "Par", "States": {"Par": {"Type": "Parallel",
                                           "Branches": [{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "Next": "Never"},
                                                                                    "Never": pas(End=True)}},
                                                        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "BranchBoom", "Cause": "b2"}}}],
                                           "Catch": [{"ErrorEquals": ["BranchBoom"], "ResultPath": "$.err", "Next": "H"}], "End": True},
                                   "H": pas(End=True)}},
     {"status": "SUCCEEDED", "output": {"x": 1, "err": {"Error": "BranchBoom", "Cause": "b2"}},
      "events": [S, "ParallelStateEntered", "ParallelStateStarted", "WaitStateEntered", "FailStateEntered", "ParallelStateFailed",
                 "ParallelStateExited", "PassStateEntered", "PassStateExited", E],
      "timeline": {E: [0]}},
     input={"x": 1})

case("parallel-retry-reruns-branches",
     {"StartAt": "Par", "States": {"Par": {"Type": "Parallel",
                                           "Branches": [{"StartAt": "T", "States": {"T": lam(fn="f", End=True, ResultSelector={"v.$": "$.Payload"})}}],
                                           "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 3, "MaxAttempts": 1}], "End": True}}},
     {"status": "SUCCEEDED", "output": [{"v": "second"}], "timeline": {"ParallelStateStarted": [0, 3], "ParallelStateFailed": [0]}},
     functions={"f": [boom, {"return": "second"}]})

case("map-itemselector-context",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
                                       "ItemSelector": {"idx.$": "$$.Map.Item.Index", "val.$": "$$.Map.Item.Value", "shared.$": "$.shared"},
                                       "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P", "States": {"P": pas(End=True)}},
                                       "ResultPath": "$.out", "OutputPath": "$.out", "End": True}}},
     {"status": "SUCCEEDED", "output": [{"idx": 0, "val": "a", "shared": 1}, {"idx": 1, "val": "b", "shared": 1}],
      "events": [S, "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited",
                 "MapIterationSucceeded", "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                 "MapStateSucceeded", "MapStateExited", E],
      "eventDetails": [{"type": "MapStateStarted", "details": {"mapStateStartedEventDetails": {"length": 2}}},
                       {"type": "MapIterationStarted", "nth": 1, "details": {"mapIterationStartedEventDetails": {"name": "M", "index": 1}}}]},
     input={"items": ["a", "b"], "shared": 1})

case("map-legacy-iterator-parameters",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
                                       "Iterator": {"StartAt": "P", "States": {"P": pas(OutputPath="$.v", End=True)}}, "End": True}}},
     {"status": "SUCCEEDED", "output": [10, 20, 30]}, input=[10, 20, 30])

case("map-empty",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
     {"status": "SUCCEEDED", "output": [], "events": [S, "MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateExited", E]}, input=[])

for conc, starts, ends in [(1, [0, 3, 4], [3, 4, 6]), (2, [0, 0, 1], [1, 3, 3]), (0, [0, 0, 0], [1, 2, 3])]:
    case(f"map-maxconcurrency-{conc}",
         {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": conc,
                                           "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": True}}},
                                           "End": True}}},
         {"status": "SUCCEEDED", "output": [3, 1, 2],
          "timeline": {"MapIterationStarted": starts, "MapIterationSucceeded": sorted(ends), "MapStateSucceeded": [max(ends)]}},
         input=[3, 1, 2])

two = {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "F"},
                                                                       {"Variable": "$", "NumericEquals": 4, "Next": "F"}], "Default": "P"},
                                  "F": {"Type": "Fail", "Error": "Even", "CausePath": "States.Format('item {}', $)"}, "P": pas(End=True)}}
case("map-iteration-failure-caught",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": two, "Catch": [{"ErrorEquals": ["Even"], "Next": "H"}], "End": True},
                                 "H": pas(End=True)}},
     {"status": "SUCCEEDED", "output": {"Error": "Even", "Cause": "item 2"},
      # AWS's order: an iteration runs until it waits before the next starts; iteration 2 never starts
      "events": [S, "MapStateEntered", "MapStateStarted", "MapIterationStarted", "ChoiceStateEntered", "ChoiceStateExited",
                 "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapIterationStarted", "ChoiceStateEntered",
                 "ChoiceStateExited", "FailStateEntered", "MapIterationFailed", "MapStateFailed", "MapStateExited",
                 "PassStateEntered", "PassStateExited", E]},
     input=[1, 2, 3])

case("map-tolerated-failure-count",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1, "ItemProcessor": two, "End": True}}},
     {"status": "SUCCEEDED", "output": [1, {"Error": "Even", "Cause": "item 2"}, 3]}, input=[1, 2, 3])

case("map-tolerated-failure-percentage-exceeded",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailurePercentage": 25, "MaxConcurrency": 1, "ItemProcessor": two, "End": True}}},
     {"status": "FAILED", "error": "States.ExceedToleratedFailureThreshold",
      "causeContains": ["tolerated failure threshold was exceeded", "2 of 4"]}, input=[1, 2, 3, 4])

case("map-items-not-array",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.x", "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
     {"status": "FAILED", "error": "States.Runtime", "causeContains": ["ItemsPath"]}, input={"x": {"not": "array"}})

# ---------------------------------------------------------------- Fail
case("fail-state-paths-with-intrinsics",
     {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code", "CausePath": "States.Format('Job {} failed with {}', $.job, $.code)"}}},
     {"status": "FAILED", "error": "E42", "cause": "Job j-1 failed with E42", "events": [S, "FailStateEntered", "ExecutionFailed"]},
     input={"code": "E42", "job": "j-1"})

case("fail-state-static",
     {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Nope", "Cause": "static cause"}}},
     {"status": "FAILED", "error": "Nope", "cause": "static cause"})

# ---------------------------------------------------------------- other integrations
case("events-put-events",
     {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                                           "Parameters": {"Entries": [{"Source": "gbo.orchestrator", "DetailType": "Batch Orchestration Succeeded",
                                                                       "Detail": {"id.$": "$.id"}, "EventBusName": "gbo-bus"}]},
                                           "ResultSelector": {"failed.$": "$.FailedEntryCount", "n.$": "States.ArrayLength($.Entries)"},
                                           "ResultPath": "$.put", "End": True}}},
     {"status": "SUCCEEDED", "output": {"id": "r1", "put": {"failed": 0, "n": 1}},
      "eventDetails": [{"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {"resourceType": "events", "resource": "putEvents"}}}]},
     input={"id": "r1"})

batch_jobs = {"job-a": {"runSeconds": 30, "status": "SUCCEEDED"},
              "job-f": {"runSeconds": 20, "status": "FAILED", "reason": "Essential container in task exited"},
              "job-long": {"runSeconds": 100}}
submit = lambda name, sync=True, **kw: dict({"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob" + (".sync" if sync else ""),
                                             "Parameters": {"JobName": name, "JobQueue": "q", "JobDefinition": "jd", "Parameters": {"gboTaskToken": "x", "Mixed": "y"}}}, **kw)
case("batch-submit-sync-success",
     {"StartAt": "J", "States": {"J": submit("job-a", ResultSelector={"status.$": "$.Status", "id.$": "$.JobId", "params.$": "$.Parameters"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"status": "SUCCEEDED", "id": "job-1", "params": {"gboTaskToken": "x", "Mixed": "y"}},
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", E],
      "timeline": {"TaskSubmitted": [0], "TaskSucceeded": [30]},
      "eventDetails": [{"type": "TaskSubmitted", "details": {"taskSubmittedEventDetails": {"output": {"JobArn": "arn:aws:batch:us-east-1:123456789012:job/job-1", "JobName": "job-a", "JobId": "job-1"}}}}]},
     batch=batch_jobs)

case("batch-submit-sync-failure",
     {"StartAt": "J", "States": {"J": submit("job-f", End=True)}},
     {"status": "FAILED", "error": "States.TaskFailed", "timeline": {"TaskFailed": [20]},
      "causeContains": ["\"Status\":\"FAILED\"", "\"StatusReason\":\"Essential container in task exited\"", "\"JobId\":\"job-1\"", "\"Container\":{\"ExitCode\":1}"]},
     batch=batch_jobs)

case("batch-submit-sync-timeout-terminates-job",
     {"StartAt": "J", "States": {"J": submit("job-long", TimeoutSeconds=10, End=True)}},
     {"status": "FAILED", "error": "States.Timeout", "timeline": {"TaskTimedOut": [10]}, "batchTerminated": 1},
     batch=batch_jobs)

case("batch-submit-no-sync",
     {"StartAt": "J", "States": {"J": submit("job-a", sync=False, End=True)}},
     # AWS: the SubmitJob response with the SDK's response metadata
     {"status": "SUCCEEDED", "timeline": {E: [0]},
      "eventDetails": [{"type": "TaskSucceeded", "details": {"taskSucceededEventDetails": {"output": {
          "JobArn": "arn:aws:batch:us-east-1:123456789012:job/job-1", "JobName": "job-a", "JobId": "job-1",
          "SdkHttpMetadata": {"HttpStatusCode": 200, "HttpHeaders": {"Content-Type": "application/json", "Content-Length": "93"}}}}}}]},
     batch=batch_jobs)

case("aws-sdk-batch-casing-and-errors",
     {"StartAt": "D", "States": {
         "D": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:batch:describeJobs", "Parameters": {"Jobs": ["job-9"]}, "ResultPath": "$.d", "Next": "S"},
         "S": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:batch:submitJob", "Parameters": {"JobName": "n", "JobDefinition": "jd"},
               "Catch": [{"ErrorEquals": ["Batch.ClientException"], "ResultPath": "$.err", "Next": "H"}], "End": True},
         "H": pas(Parameters={"d.$": "$.d", "error.$": "$.err.Error"}, End=True)}},
     {"status": "SUCCEEDED", "output": {"d": {"Jobs": []}, "error": "Batch.ClientException"},
      "eventDetails": [{"type": "TaskScheduled", "details": {"taskScheduledEventDetails": {"resourceType": "aws-sdk:batch", "resource": "describeJobs"}}}]},
     batch={})

case("unmocked-unserved-integration-fails-at-run",
     {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                                           "Parameters": {"TableName": "t", "Item": {}}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": True},
                                   "H": pas(End=True)}},
     {"status": "FAILED", "error": "States.Runtime", "causeContains": ["does not serve the integration 'arn:aws:states:::dynamodb:putItem'", "mock"],
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed"]})

def nested(resource, leaf, parent_extra):
    return {"StartAt": "Depth", "States": {
        "Depth": {"Type": "Choice", "Choices": [{"Variable": "$.depth", "NumericGreaterThanEquals": 1, "Next": "Leaf"}], "Default": "Child"},
        "Leaf": leaf,
        "Child": dict({"Type": "Task", "Resource": resource,
                       "Parameters": {"StateMachineArn.$": "$$.StateMachine.Id", "Input": {"depth": 1},
                                      "Name.$": "States.Format('{}-child', $$.Execution.Name)"}, "End": True}, **parent_extra)}}


case("states-start-execution-sync2",
     nested("arn:aws:states:::states:startExecution.sync:2", {"Type": "Succeed"},
            {"ResultSelector": {"status.$": "$.Status", "out.$": "$.Output", "name.$": "$.Name", "start.$": "$.StartDate",
                                "stop.$": "$.StopDate", "in.$": "$.InputDetails", "outd.$": "$.OutputDetails"}}),
     # AWS: DescribeExecution in PascalCase, dates in epoch milliseconds, InputDetails/OutputDetails {Included: true}
     {"status": "SUCCEEDED", "output": {"status": "SUCCEEDED", "out": {"depth": 1}, "name": "golden-child", "start": 1795737600000,
                                        "stop": 1795737600000, "in": {"Included": True}, "outd": {"Included": True}},
      "timeline": {"TaskSubmitted": [0], "TaskSucceeded": [1]}},
     input={"depth": 0})

case("states-start-execution-sync-child-fails",
     nested("arn:aws:states:::states:startExecution.sync", {"Type": "Fail", "Error": "ChildBoom", "Cause": "deep"}, {}),
     {"status": "FAILED", "error": "States.TaskFailed", "causeContains": ["\"Status\":\"FAILED\"", "\"Error\":\"ChildBoom\"", "golden-child"]},
     input={"depth": 0})

case("states-start-execution-async",
     nested("arn:aws:states:::states:startExecution", {"Type": "Succeed"},
            {"ResultSelector": {"arn.$": "$.ExecutionArn", "start.$": "$.StartDate", "http.$": "$.SdkHttpMetadata.HttpStatusCode",
                                "type.$": "$.SdkHttpMetadata.HttpHeaders.Content-Type",
                                "sameId.$": "States.ArrayContains(States.Array($.SdkResponseMetadata.RequestId), $.SdkHttpMetadata.HttpHeaders.x-amzn-RequestId)"}}),
     # AWS (recorded): {ExecutionArn, SdkHttpMetadata, SdkResponseMetadata, StartDate}, StartDate in epoch milliseconds
     {"status": "SUCCEEDED", "output": {"arn": "arn:aws:states:us-east-1:123456789012:execution:states-start-execution-async:golden-child",
                                        "start": 1795737600000, "http": 200, "type": "application/x-amz-json-1.0", "sameId": True},
      "timeline": {E: [0]}},
     input={"depth": 0})

# ---------------------------------------------------------------- Step Functions Local mock config
case("mock-config-attempt-ranges",
     {"StartAt": "Charge", "States": {
         "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                    "ResultSelector": {"charged.$": "$.Payload.charged"}, "ResultPath": "$.charge",
                    "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}], "Next": "Store"},
         "Store": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem", "Parameters": {"TableName": "t", "Item": {}},
                   "ResultPath": None, "Next": "Wait"},
         "Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}}, "ResultPath": "$.approval", "Next": "Notify"},
         "Notify": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents", "Parameters": {"Entries": [{"Source": "s", "DetailType": "d", "Detail": {}}]},
                    "ResultPath": None, "End": True}}},
     {"status": "SUCCEEDED", "testCase": "HappyPath", "output": {"order": 1, "charge": {"charged": True}, "approval": {"approved": True}},
      "timeline": {"TaskScheduled": [0, 2, 6, 6, 6, 6]},
      "eventDetails": [{"type": "TaskFailed", "nth": 1, "details": {"taskFailedEventDetails": {"error": "Lambda.TooManyRequestsException", "cause": "slow down"}}}]},
     input={"order": 1},
     mocks={"StateMachines": {"mock-config-attempt-ranges": {"TestCases": {"HappyPath": {"Charge": "ChargeFlaky", "Store": "Stored", "Wait": "Approved", "Notify": "Sent"}}}},
            "MockedResponses": {"ChargeFlaky": {"0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                                                "2": {"Return": {"StatusCode": 200, "Payload": {"charged": True}}}},
                                "Stored": {"0": {"Return": {}}},
                                "Approved": {"0": {"Return": {"approved": True}}},
                                "Sent": {"0": {"Return": {"Entries": [{"EventId": "e-1"}], "FailedEntryCount": 0}}}}})

case("mock-config-throw-caught",
     {"StartAt": "Charge", "States": {
         "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "charge"},
                    "Catch": [{"ErrorEquals": ["PaymentDeclined"], "ResultPath": "$.err", "Next": "Declined"}], "End": True},
         "Declined": {"Type": "Fail", "ErrorPath": "$.err.Error", "CausePath": "$.err.Cause"}}},
     {"status": "FAILED", "testCase": "Declined", "error": "PaymentDeclined", "cause": "card expired",
      "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", "FailStateEntered", "ExecutionFailed"]},
     mocks={"StateMachines": {"mock-config-throw-caught": {"TestCases": {"Declined": {"Charge": "Decline"}}}},
            "MockedResponses": {"Decline": {"0": {"Throw": {"Error": "PaymentDeclined", "Cause": "card expired"}}}}})

# ---------------------------------------------------------------- definitions that CreateStateMachine refuses
def refused(name, definition, *contains):
    case(name, definition, {"createError": {"code": "InvalidDefinition", "messageContains": list(contains)}})


ok_pass = {"StartAt": "P", "States": {"P": pas(End=True)}}
refused("invalid-distributed-map", {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                                                                     "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                                                                       "StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
        "The field 'Parameters' (an object with Bucket and Key) is required in ItemReader", "ReaderConfig.InputType",
        "/States/M/ItemReader")
refused("invalid-result-writer", {"StartAt": "M", "States": {"M": {"Type": "Map", "ResultWriter": {}, "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
        "The field 'ResultWriter' is only supported for a Map state in DISTRIBUTED mode", "/States/M/ResultWriter")
# the distributed Map cases (dmap-*, with s3.json) are written by hand; this script leaves them alone
refused("invalid-missing-next", {"StartAt": "P", "States": {"P": pas(Next="Nope")}}, "MISSING_TRANSITION_TARGET", "Nope")
refused("invalid-no-end", {"StartAt": "P", "States": {"P": pas()}}, "neither 'Next' nor 'End")
refused("invalid-start-at", {"StartAt": "X", "States": {"P": pas(End=True)}}, "\"X\" is not found")
refused("invalid-catch-all-not-last", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True,
                                                                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}, {"ErrorEquals": ["X"], "Next": "H"}]},
                                                                  "H": pas(End=True)}}, "States.ALL must be the last Catcher")
refused("invalid-retry-all-not-alone", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True,
                                                                         "Retry": [{"ErrorEquals": ["States.ALL", "X"]}]}}}, "must appear alone")
refused("invalid-unknown-field", {"StartAt": "P", "States": {"P": pas(End=True, Foo=1)}}, "'Foo' is not supported")
refused("invalid-unreachable-state", {"StartAt": "P", "States": {"P": pas(End=True), "Q": pas(End=True)}}, "\"Q\" is not reachable")
refused("invalid-activity", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a", "End": True}}}, "activities")
refused("invalid-intrinsic", {"StartAt": "P", "States": {"P": pas(Parameters={"x.$": "States.Nope(1)"}, End=True)}}, "unknown intrinsic function 'States.Nope'")
refused("invalid-intrinsic-arity", {"StartAt": "P", "States": {"P": pas(Parameters={"x.$": "States.ArrayLength(1, 2)"}, End=True)}}, "takes 1 arguments, got 2")
refused("invalid-wait-two-fields", {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Timestamp": "2026-01-01T00:00:00Z", "End": True}}}, "exactly one of")
refused("invalid-choice-rule-without-next", {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "x"}], "Default": "P"}, "P": pas(End=True)}},
        "'Next' is required in a top-level Choice rule")
refused("invalid-choice-operator-type", {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": "x", "Next": "P"}]}, "P": pas(End=True)}},
        "NumericEquals must be a number")
refused("invalid-resultpath-not-reference", {"StartAt": "P", "States": {"P": pas(ResultPath="$.a[*]", End=True)}},
        "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: ", "at /States/P/ResultPath")
refused("invalid-json-path-syntax", {"StartAt": "P", "States": {"P": pas(InputPath="$.a[", End=True)}},
        "SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath. at /States/P/InputPath")
# Jayway's compiler ignores one character after the last token ($.a[0]b reads $.a[0]); AWS refuses the path
refused("invalid-json-path-trailing-character", {"StartAt": "P", "States": {"P": pas(OutputPath="$.a[0]b", End=True)}},
        "SCHEMA_VALIDATION_FAILED: Value must be a valid JSONPath. at /States/P/OutputPath")
refused("invalid-choice-variable-not-reference", {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
    {"Variable": "$.a[?(@.b)]", "IsPresent": True, "Next": "P"}], "Default": "P"}, "P": pas(End=True)}},
        "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: ", "at /States/C/Choices[0]/Variable")
refused("invalid-choice-variable-no-dollar", {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
    {"Variable": "a.b", "StringEqualsPath": "$.c..d", "Next": "P"}], "Default": "P"}, "P": pas(End=True)}},
        "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: Reference path didn't start with '$' at /States/C/Choices[0]/Variable",
        "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: ", "at /States/C/Choices[0]/StringEqualsPath")
refused("invalid-itemspath-not-reference", {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items[*]", "ItemProcessor": {
    "StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
        "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: ", "at /States/M/ItemsPath")
refused("invalid-heartbeat-not-below-timeout", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                                                "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": True}}}, "HeartbeatSeconds must be smaller")
refused("invalid-sdk-sync", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject.sync", "End": True}}}, ".sync")
refused("invalid-credentials", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {"RoleArn": "r"}, "End": True}}}, "Credentials")
refused("invalid-fail-with-next", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "x", "Next": "F"}}},
        "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/F'")
case("invalid-json", "{ not json", {"createError": {"code": "InvalidDefinition", "messageContains": ["INVALID_JSON_DESCRIPTION"]}})

# ---------------------------------------------------------------- EXPRESS (StartSyncExecution; events read from CloudWatch Logs)
EXPRESS_TIMEOUT = "The execution timed out after 300 seconds, the maximum duration of an EXPRESS workflow."


def express(name, definition, expected, **kw):
    case(name, definition, dict(expected, type="EXPRESS"), **kw)


express("express-sync-succeeded",
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3, "Next": "C"},
                                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}],
                                          "Default": "Small"},
                                    "Big": pas(Result="big", ResultPath="$.size", End=True),
                                    "Small": pas(Result="small", ResultPath="$.size", End=True)}},
        {"status": "SUCCEEDED", "output": {"n": 2, "size": "big"},
         "events": [S, "WaitStateEntered", "WaitStateExited", "ChoiceStateEntered", "ChoiceStateExited",
                    "PassStateEntered", "PassStateExited", E],
         "timeline": {"WaitStateExited": [3], E: [3]}, "billedDurationMs": 3000,
         "eventDetails": [{"type": S, "details": {"id": "1", "redrive_count": "0", "details": {"input": {"n": 2}, "roleArn": ROLE}}},
                          {"type": E, "details": {"details": {"output": {"n": 2, "size": "big"}}}}]},
        input={"n": 2})
express("express-sync-failed",
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Order.Rejected", "Cause": "no stock"}}},
        {"status": "FAILED", "error": "Order.Rejected", "cause": "no stock", "events": [S, "FailStateEntered", "ExecutionFailed"],
         "billedDurationMs": 100,
         "eventDetails": [{"type": "ExecutionFailed", "details": {"details": {"error": "Order.Rejected", "cause": "no stock"}}}]})
express("express-timeout-five-minutes",
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}},
        {"status": "TIMED_OUT", "error": "States.Timeout", "cause": EXPRESS_TIMEOUT,
         "events": [S, "WaitStateEntered", "ExecutionTimedOut"], "timeline": {"ExecutionTimedOut": [300]}, "billedDurationMs": 300000})
express("express-definition-timeout",
        {"TimeoutSeconds": 20, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": True}}},
        {"status": "TIMED_OUT", "error": "States.Timeout", "events": [S, "WaitStateEntered", "ExecutionTimedOut"],
         "timeline": {"ExecutionTimedOut": [20]}, "billedDurationMs": 20000})
express("express-lambda-retry",
        {"StartAt": "T", "States": {"T": lam(ResultSelector={"ok.$": "$.Payload.ok"},
                                             Retry=[{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "MaxAttempts": 2}], End=True)}},
        {"status": "SUCCEEDED", "output": {"ok": True},
         "events": [S, "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted",
                    "TaskSucceeded", "TaskStateExited", E],
         "timeline": {"TaskScheduled": [0, 2]}, "billedDurationMs": 2000,
         "eventDetails": [{"type": "TaskFailed", "details": {"details": {"error": "Boom", "resourceType": "lambda", "resource": "invoke"}}}]},
        functions={"flaky": [boom, {"return": {"ok": True}}]})
express("express-map-parallel",
        {"StartAt": "M", "States": {
            "M": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "D", "States": {
                "D": pas(Parameters={"v.$": "$"}, End=True)}}, "ResultPath": "$.mapped", "Next": "P"},
            "P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": pas(Result=1, End=True)}},
                                                   {"StartAt": "B", "States": {"B": pas(Result=2, End=True)}}],
                  "ResultPath": "$.both", "End": True}}},
        {"status": "SUCCEEDED", "output": {"items": [1, 2], "mapped": [{"v": 1}, {"v": 2}], "both": [1, 2]}, "billedDurationMs": 100},
        input={"items": [1, 2]})

express("express-mock-config-test-case",
        {"StartAt": "Charge", "States": {
            "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                       "ResultSelector": {"charged.$": "$.Payload.charged"}, "ResultPath": "$.charge",
                       "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1, "MaxAttempts": 2}], "Next": "Store"},
            "Store": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem", "Parameters": {"TableName": "t", "Item": {}},
                      "ResultPath": None, "End": True}}},
        {"status": "SUCCEEDED", "testCase": "HappyPath", "output": {"order": 1, "charge": {"charged": True}},
         "timeline": {"TaskScheduled": [0, 1, 1]}, "billedDurationMs": 1000},
        input={"order": 1},
        mocks={"StateMachines": {"express-mock-config-test-case": {"TestCases": {"HappyPath": {"Charge": "ChargeFlaky", "Store": "Stored"}}}},
               "MockedResponses": {"ChargeFlaky": {"0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                                                   "1": {"Return": {"StatusCode": 200, "Payload": {"charged": True}}}},
                                   "Stored": {"0": {"Return": {}}}}})


def refused_express(name, definition, *contains):
    case(name, definition, {"type": "EXPRESS", "createError": {"code": "InvalidDefinition", "messageContains": list(contains)}})


XV = "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support "
refused_express("express-refused-sync",
                {"StartAt": "Job", "States": {"Job": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "End": True}}},
                XV + "'.sync' service integration at /States/Job/Resource")
refused_express("express-refused-wait-for-task-token",
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True, "Branches": [{"StartAt": "Cb", "States": {
                    "Cb": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "End": True}}}]}}},
                "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration "
                "at /States/P/Branches/0/States/Cb/Resource")
refused_express("express-refused-activity",
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:work", "End": True}}},
                XV + "Activity ARN at /States/A/Resource")
refused_express("express-refused-nested-sync-in-map",
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": True, "Iterator": {"StartAt": "S", "States": {
                    "S": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": True}}}}}},
                XV + "'.sync' service integration at /States/M/Iterator/States/S/Resource")
refused_express("express-refused-distributed-map",
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": True, "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "S", "States": {"S": pas(End=True)}}}}},
                "SCHEMA_VALIDATION_FAILED: The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state "
                "machines at /States/M/ItemProcessor/ProcessorConfig/Mode")
# AWS's diagnostics, whole, in AWS's envelope (the wording AWS returns: ValidateStateMachineDefinition recorded on AWS in
# LocalStack's test_sfn_api_validation.snapshot.json; the RFC3339 and Type messages as AWS reports them to users)
refused("invalid-wait-timestamp", {"StartAt": "WaitUntil", "States": {"WaitUntil": {"Type": "Wait", "Timestamp": "tomorrow", "End": True}}},
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'")
refused("invalid-choice-timestamp-operator",
        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampEquals": "2026-01-01", "Next": "P"}],
                                          "Default": "P"}, "P": pas(End=True)}},
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/C/Choices[0]/TimestampEquals'")
refused("invalid-required-fields", {}, "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /'")
refused("invalid-required-startat", {"States": {"P": pas(End=True)}},
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /'")
refused("invalid-state-type", {"StartAt": "X", "States": {"X": {"Type": "TypeThatDoesNotExist", "End": True}}},
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: "
        "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/X/Type'")
refused("invalid-resource-arn", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "not-an-arn", "End": True}}},
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided not-an-arn is not recognized. The value is "
        "not a valid resource ARN, or the resource is not available in this region. at /States/T/Resource'")
refused("invalid-two-diagnostics", {"StartAt": "A", "States": {"A": pas(Next="B"), "W": {"Type": "Wait", "Timestamp": "x", "End": True}}},
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next", "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/W/Timestamp")
case("invalid-json-location", "not a definition",
     {"createError": {"code": "InvalidDefinition", "messageContains": [
         "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token 'not': was expecting (JSON String, Number, "
         "Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]'"]}})
# JSONata and variables
exec(open(os.path.join(HERE, "jsonata_cases.py")).read())

# ---------------------------------------------------------------- write
# ---------------------------------------------------------------- history linkage (previousEventId) as AWS records it
# The links are AWS's histories of these state machines, as recorded on AWS (GetExecutionHistory; LocalStack keeps
# the recordings as snapshots: tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json,
# test_map_state, test_map_state_catch, test_map_state_retry). Each link is [id, previousEventId, type].
MAP_ITEMS = [1, "Hello", {}, None, 3.3, 3, 4, 5]


def map_links(n):
    links = [[1, 0, S], [2, 0, "PassStateEntered"], [3, 2, "PassStateExited"], [4, 3, "MapStateEntered"], [5, 4, "MapStateStarted"]]
    for k in range(n):
        b = 6 + 4 * k
        links += [[b, 5 if k == 0 else b - 2, "MapIterationStarted"], [b + 1, b, "PassStateEntered"],
                  [b + 2, b + 1, "PassStateExited"], [b + 3, b + 2, "MapIterationSucceeded"]]
    last = 5 + 4 * n
    return links + [[last + 1, last, "MapStateSucceeded"], [last + 2, last, "MapStateExited"],
                    [last + 3, last + 2, "PassStateEntered"], [last + 4, last + 3, "PassStateExited"], [last + 5, last + 4, E]]


case("history-links-map",
     {"StartAt": "StartState", "States": {
         "StartState": pas(Result={"arr": MAP_ITEMS}, Next="MapState"),
         "MapState": {"Type": "Map", "ItemsPath": "$.arr", "ResultPath": None,
                      "ItemProcessor": {"StartAt": "HandleItem", "States": {"HandleItem": pas(End=True)}}, "Next": "Final"},
         "Final": pas(End=True)}},
     {"status": "SUCCEEDED", "output": {"arr": MAP_ITEMS}, "links": map_links(len(MAP_ITEMS))})

case("history-links-map-catch",
     {"StartAt": "StartState", "States": {
         "StartState": pas(Result={"arr": [1]}, Next="MapState"),
         "MapState": {"Type": "Map", "ItemsPath": "$.arr",
                      "ItemProcessor": {"StartAt": "HandleItemFail", "States": {
                          "HandleItemFail": {"Type": "Fail", "Error": "HandleItemFailError", "Cause": "HandleItemFailCause"}}},
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "FinalCaught"}], "Next": "Final"},
         "FinalCaught": pas(End=True), "Final": pas(End=True)}},
     {"status": "SUCCEEDED", "output": {"Error": "HandleItemFailError", "Cause": "HandleItemFailCause"},
      "links": [[1, 0, S], [2, 0, "PassStateEntered"], [3, 2, "PassStateExited"], [4, 3, "MapStateEntered"], [5, 4, "MapStateStarted"],
                [6, 5, "MapIterationStarted"], [7, 6, "FailStateEntered"], [8, 7, "MapIterationFailed"], [9, 7, "MapStateFailed"],
                [10, 9, "MapStateExited"], [11, 10, "PassStateEntered"], [12, 11, "PassStateExited"], [13, 12, E]]})

case("history-links-map-retry",
     {"StartAt": "StartState", "States": {
         "StartState": pas(Result={"arr": [1]}, Next="MapState"),
         "MapState": {"Type": "Map", "ItemsPath": "$.arr",
                      "ItemProcessor": {"StartAt": "HandleItemFail", "States": {
                          "HandleItemFail": {"Type": "Fail", "Error": "HandleItemFailError", "Cause": "HandleItemFailCause"}}},
                      "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1}],
                      "End": True}}},
     {"status": "FAILED", "error": "HandleItemFailError", "cause": "HandleItemFailCause",
      # no MapStateFailed while a Retrier runs the state again; the new MapStateStarted links to the failed iteration
      "links": [[1, 0, S], [2, 0, "PassStateEntered"], [3, 2, "PassStateExited"], [4, 3, "MapStateEntered"], [5, 4, "MapStateStarted"],
                [6, 5, "MapIterationStarted"], [7, 6, "FailStateEntered"], [8, 7, "MapIterationFailed"],
                [9, 7, "MapStateStarted"], [10, 9, "MapIterationStarted"], [11, 10, "FailStateEntered"], [12, 11, "MapIterationFailed"],
                [13, 11, "MapStateStarted"], [14, 13, "MapIterationStarted"], [15, 14, "FailStateEntered"], [16, 15, "MapIterationFailed"],
                [17, 15, "MapStateFailed"], [18, 17, "ExecutionFailed"]],
      "timeline": {"MapStateStarted": [0, 1, 2]}})

# Parallel: AWS's recording (test_parallel_state) pins ParallelStateStarted <- ParallelStateEntered and ParallelStateExited
# <- the last branch event; the branches run one after the other until they wait, like Map iterations (the rule in
# docs/sfn-engine.md), each branch's first state links to ParallelStateStarted.
case("history-links-parallel",
     {"StartAt": "LoadInput", "States": {
         "LoadInput": pas(Result=[1, 2, 3, 4], Next="ParallelState"),
         "ParallelState": {"Type": "Parallel", "End": True, "Branches": [
             {"StartAt": "Branch1", "States": {"Branch1": pas(End=True)}},
             {"StartAt": "Branch21", "States": {"Branch21": pas(Next="Branch22"), "Branch22": pas(End=True)}},
             {"StartAt": "Branch31", "States": {"Branch31": pas(Next="Branch32"), "Branch32": pas(Next="Branch33"),
                                                "Branch33": pas(End=True)}}]}}},
     {"status": "SUCCEEDED", "output": [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]],
      "links": [[1, 0, S], [2, 0, "PassStateEntered"], [3, 2, "PassStateExited"], [4, 3, "ParallelStateEntered"],
                [5, 4, "ParallelStateStarted"],
                [6, 5, "PassStateEntered"], [7, 6, "PassStateExited"],
                [8, 5, "PassStateEntered"], [9, 8, "PassStateExited"], [10, 9, "PassStateEntered"], [11, 10, "PassStateExited"],
                [12, 5, "PassStateEntered"], [13, 12, "PassStateExited"], [14, 13, "PassStateEntered"], [15, 14, "PassStateExited"],
                [16, 15, "PassStateEntered"], [17, 16, "PassStateExited"],
                [18, 17, "ParallelStateSucceeded"], [19, 17, "ParallelStateExited"], [20, 19, E]]})

# Task events chain from the TaskStateEntered (AWS's histories in the Step Functions developer guide)
case("history-links-task-retry-catch",
     {"StartAt": "T", "States": {
         "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
               "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 1, "MaxAttempts": 1}],
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": True},
         "H": pas(End=True)}},
     {"status": "SUCCEEDED",
      "links": [[1, 0, S], [2, 0, "TaskStateEntered"], [3, 2, "TaskScheduled"], [4, 3, "TaskStarted"], [5, 4, "TaskFailed"],
                [6, 5, "TaskScheduled"], [7, 6, "TaskStarted"], [8, 7, "TaskFailed"], [9, 8, "TaskStateExited"],
                [10, 9, "PassStateEntered"], [11, 10, "PassStateExited"], [12, 11, E]]},
     functions={"f": [boom, boom]})

RECORDED = {}
rec_path = os.path.join(HERE, "recorded.json")
if os.path.exists(rec_path):
    RECORDED = json.load(open(rec_path))


def fill(name, node, path=""):
    if node == "RECORD":
        return RECORDED[name + path]
    if isinstance(node, dict):
        return {k: fill(name, v, path + "/" + k) for k, v in node.items()}
    return node


for name, c in CASES.items():
    d = os.path.join(HERE, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    with open(os.path.join(d, "definition.asl.json"), "w") as f:
        f.write(c["definition"] if isinstance(c["definition"], str) else json.dumps(c["definition"], indent=2))
    exp = fill(name, c["expected"])
    with open(os.path.join(d, "expected.json"), "w") as f:
        json.dump(exp, f, indent=2)
    if c["input"] is not None:
        with open(os.path.join(d, "input.json"), "w") as f:
            json.dump(c["input"], f)
    for key in ("functions", "batch", "mocks"):
        if c[key] is not None:
            with open(os.path.join(d, key + ".json"), "w") as f:
                json.dump(c[key], f, indent=2)
print(len(CASES), "cases")
