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
         "start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime", "retry.$": "$$.State.RetryCount",
         "input.$": "$$.Execution.Input.n", "role.$": "$$.Execution.RoleArn",
         "execId.$": "$$.Execution.Id"}, End=True)}},
     {"status": "SUCCEEDED", "output": {
         "literal": "v", "fromInput": "ann", "nested": {"deep": "b", "arr": [{"x": 7}, 5]},
         "all": [1, 2, 3], "filtered": [2, 3], "cheapOrDear": [1, 3], "slice": [1, 2], "last": [3], "quoted": "ann",
         "execName": "golden", "stateName": "P", "smName": "pass-parameters-context",
         "start": "2026-11-27T00:00:00.000Z", "entered": "2026-11-27T00:00:00.000Z", "retry": 0, "input": 7,
         "role": ROLE,
         "execId": "arn:aws:states:us-east-1:123456789012:execution:pass-parameters-context:golden"}},
     input={"user": {"name": "ann", "tags": ["a", "b"]}, "n": 7,
            "items": [{"id": 1, "price": 5}, {"id": 2, "price": 15}, {"id": 3, "price": 25}]})

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
              "deep": ["top", "x"], "union": [1, 2], "idx": [10, 30], "len": 3, "neg": 30,
              "wild": [1, 2, {"id": "x"}], "dotWild": [10, 20, 30]}}}}]},
     input={"m": {"a": 1, "b": 2, "c": {"id": "x"}}, "list": [10, 20, 30], "id": "top"})

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

def cb(**kw):
    d = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
         "Parameters": {"FunctionName": "worker", "Payload": {"token.$": "$$.Task.Token", "v.$": "$.v"}}}
    d.update(kw)
    return d


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
      "events": [S, "MapStateEntered", "MapStateStarted", "MapIterationStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited",
                 "MapIterationSucceeded", "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", E],
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
      "events": [S, "MapStateEntered", "MapStateStarted", "MapIterationStarted", "MapIterationStarted", "MapIterationStarted",
                 "ChoiceStateEntered", "ChoiceStateExited", "ChoiceStateEntered", "ChoiceStateExited", "ChoiceStateEntered", "ChoiceStateExited",
                 "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "FailStateEntered", "MapIterationFailed",
                 "MapIterationAborted", "MapStateFailed", "MapStateExited", "PassStateEntered", "PassStateExited", E]},
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
     {"status": "SUCCEEDED", "output": {"JobArn": "arn:aws:batch:us-east-1:123456789012:job/job-1", "JobName": "job-a", "JobId": "job-1"},
      "timeline": {E: [0]}},
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
            {"ResultSelector": {"status.$": "$.Status", "out.$": "$.Output", "name.$": "$.Name"}}),
     {"status": "SUCCEEDED", "output": {"status": "SUCCEEDED", "out": {"depth": 1}, "name": "golden-child"},
      "timeline": {"TaskSubmitted": [0], "TaskSucceeded": [1]}},
     input={"depth": 0})

case("states-start-execution-sync-child-fails",
     nested("arn:aws:states:::states:startExecution.sync", {"Type": "Fail", "Error": "ChildBoom", "Cause": "deep"}, {}),
     {"status": "FAILED", "error": "States.TaskFailed", "causeContains": ["\"Status\":\"FAILED\"", "\"Error\":\"ChildBoom\"", "golden-child"]},
     input={"depth": 0})

case("states-start-execution-async",
     nested("arn:aws:states:::states:startExecution", {"Type": "Succeed"}, {"ResultSelector": {"arn.$": "$.ExecutionArn"}}),
     {"status": "SUCCEEDED", "output": {"arn": "arn:aws:states:us-east-1:123456789012:execution:states-start-execution-async:golden-child"},
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
        "distributed Map", "ItemReader", "DISTRIBUTED")
refused("invalid-result-writer", {"StartAt": "M", "States": {"M": {"Type": "Map", "ResultWriter": {}, "ItemProcessor": {"StartAt": "P", "States": {"P": pas(End=True)}}, "End": True}}},
        "ResultWriter")
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
refused("invalid-resultpath-not-reference", {"StartAt": "P", "States": {"P": pas(ResultPath="$.a[*]", End=True)}}, "INVALID_JSON_PATH", "reference path")
refused("invalid-json-path-syntax", {"StartAt": "P", "States": {"P": pas(InputPath="$.a[", End=True)}}, "INVALID_JSON_PATH")
refused("invalid-heartbeat-not-below-timeout", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                                                "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": True}}}, "HeartbeatSeconds must be smaller")
refused("invalid-sdk-sync", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject.sync", "End": True}}}, ".sync")
refused("invalid-credentials", {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {"RoleArn": "r"}, "End": True}}}, "Credentials")
refused("invalid-fail-with-next", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "x", "Next": "F"}}}, "'Next' is not supported for state type 'Fail'")
case("invalid-json", "{ not json", {"createError": {"code": "InvalidDefinition", "messageContains": ["INVALID_JSON_DESCRIPTION"]}})

# JSONata and variables
exec(open(os.path.join(HERE, "jsonata_cases.py")).read())

# ---------------------------------------------------------------- write
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
