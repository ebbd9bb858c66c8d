#!/usr/bin/env python3
"""Cross-checks golden cases against moto 5.2.1's Step Functions interpreter.

Runs every golden case that needs no scripted neighbour (no functions.json, batch.json, mocks.json),
has no long Wait, and is not a refused definition, on a ThreadedMotoServer with
execute_state_machine on; compares status, output, error and cause with expected.json and prints one
line per case. AWS documentation wins where moto differs: differences are listed in
docs/sfn-engine.md ("Cross-check with moto"). Usage: python3 moto_check.py [case ...]
"""
import json, os, sys, time

from moto.core.config import default_user_config
default_user_config["stepfunctions"] = {"execute_state_machine": True}
from moto.server import ThreadedMotoServer
import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP_WAIT = {"wait-all-forms", "execution-timeout", "parallel-success", "parallel-branch-failure-caught",
             "map-maxconcurrency-0", "map-maxconcurrency-1", "map-maxconcurrency-2"}


def cases(selected):
    for name in sorted(os.listdir(HERE)):
        d = os.path.join(HERE, name)
        if not os.path.exists(os.path.join(d, "definition.asl.json")):
            continue
        if selected and name not in selected:
            continue
        if any(os.path.exists(os.path.join(d, f)) for f in ("functions.json", "batch.json", "mocks.json")):
            continue
        expected = json.load(open(os.path.join(d, "expected.json")))
        if "createError" in expected or name in SKIP_WAIT:
            continue
        yield name, d, expected


def main():
    same = differ = 0
    for name, d, expected in cases(set(sys.argv[1:])):
        server = ThreadedMotoServer(port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        sfn = boto3.client("stepfunctions", region_name="us-east-1", endpoint_url=f"http://{host}:{port}",
                           aws_access_key_id="test", aws_secret_access_key="test")
        definition = open(os.path.join(d, "definition.asl.json")).read()
        inp = open(os.path.join(d, "input.json")).read() if os.path.exists(os.path.join(d, "input.json")) else "{}"
        try:
            arn = sfn.create_state_machine(name=name, definition=definition, roleArn="arn:aws:iam::123456789012:role/sfn")["stateMachineArn"]
            ex = sfn.start_execution(stateMachineArn=arn, name="golden", input=inp)["executionArn"]
            deadline = time.time() + 20
            while True:
                desc = sfn.describe_execution(executionArn=ex)
                if desc["status"] != "RUNNING" or time.time() > deadline:
                    break
                time.sleep(0.05)
        except Exception as e:  # moto refuses or crashes
            print(f"DIFF {name}: moto error {type(e).__name__}: {str(e)[:200]}")
            differ += 1
            server.stop()
            continue
        problems = []
        if desc["status"] != expected["status"]:
            problems.append(f"status {desc['status']} (expected {expected['status']})")
        if "output" in expected and desc.get("output") is not None and json.loads(desc["output"]) != expected["output"]:
            problems.append(f"output {desc['output'][:200]}")
        if "error" in expected and desc.get("error") != expected["error"]:
            problems.append(f"error {desc.get('error')} (expected {expected['error']})")
        if "cause" in expected and desc.get("cause") != expected["cause"]:
            problems.append(f"cause {str(desc.get('cause'))[:160]}")
        if problems:
            differ += 1
            print(f"DIFF {name}: " + "; ".join(problems))
        else:
            same += 1
            print(f"SAME {name}")
        server.stop()
    print(f"{same} same, {differ} different")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] != "--all":
        main()
    else:
        # one process per case: moto keeps its backends in module state, and 5.2.1 fails (deepcopy of an
        # RLock) on the second execution it interprets in a process
        import subprocess
        names = [n for n, _, _ in cases(set())]
        same = 0
        for n in names:
            out = subprocess.run([sys.executable, __file__, n], capture_output=True, text=True).stdout
            line = next((l for l in out.splitlines() if l.startswith(("SAME", "DIFF"))), f"DIFF {n}: no result")
            same += line.startswith("SAME")
            print(line)
        print(f"{same} same, {len(names) - same} different")
