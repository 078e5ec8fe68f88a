#!/usr/bin/env python3
"""Runs schemathesis (every check) over Generated/openapi.yaml against a live nxserver, bounded in time.

Starts `nxserver` on a free loopback port with a fresh temporary `--data` directory, waits until it answers, runs
`schemathesis run` with Basic auth Administrator/Administrator, stops the server and exits with schemathesis's exit
code (0 only when no check failed). Only 127.0.0.1 is ever contacted.

Environment:
  SCHEMATHESIS          the schemathesis executable (default .build/schemathesis/bin/schemathesis)
  NXSERVER              the server binary (default .build/debug/nxserver)
  SCHEMATHESIS_SECONDS  time budget of the run (--max-time; default 60)
  SCHEMATHESIS_EXAMPLES examples per operation and phase (--max-examples; default 10)
  SCHEMATHESIS_SEED     hypothesis seed (default: a fixed one, so `make test` is reproducible; `random` for a new one)
  SCHEMATHESIS_BASELINE accepted known failures, each with its reason (default tools/schemathesis-baseline.json; empty for
                        none): a failure listed there is reported but does not fail the run; any other one does
  SCHEMATHESIS_ARGS     extra arguments, appended (e.g. `--include-path-regex /config`)
Reports (JUnit XML, NDJSON events) and the server log go to .build/schemathesis-report/. tools/schemathesis_hooks.py
generates values for the NXQL string formats the document declares.
"""
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    """A TCP port nothing listens on now (bound then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, process, timeout=120):
    """Polls `url` until the server answers any HTTP status; fails if the process exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"nxserver exited with status {process.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nxserver did not answer {url} within {timeout}s")


def main():
    env = os.environ
    schemathesis = os.path.abspath(env.get("SCHEMATHESIS", os.path.join(ROOT, ".build/schemathesis/bin/schemathesis")))
    server = os.path.abspath(env.get("NXSERVER", os.path.join(ROOT, ".build/debug/nxserver")))
    seconds = env.get("SCHEMATHESIS_SECONDS", "60")
    examples = env.get("SCHEMATHESIS_EXAMPLES", "10")
    seed = env.get("SCHEMATHESIS_SEED", "20240601")
    # One worker by default: with two threads, hypothesis's lambda descriptions call ast.parse concurrently, which
    # CPython 3.11 can fail with "SystemError: AST constructor recursion depth mismatch" (seen here), a tool error.
    reports = os.path.join(ROOT, ".build/schemathesis-report")
    os.makedirs(reports, exist_ok=True)
    port = free_port()
    data = tempfile.mkdtemp(prefix="nx-schemathesis-")
    log = open(os.path.join(reports, "nxserver.log"), "w")
    # Failed-login throttling is per client address: the one fuzzing client trips it on purpose (ignored_auth sends
    # wrong credentials), after which every request would be 429 for a minute. It has its own tests; off here.
    process = subprocess.Popen([server, "--data", data, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                                "--max-failed-logins", "0"],
                               stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}/nuxeo/api/v1"
    try:
        wait_until_up(base + "/me", process)
        command = [schemathesis, "run", os.path.join(ROOT, "Generated/openapi.yaml"), "--url", base,
                   "--auth", "Administrator:Administrator", "--checks", "all", "--max-time", seconds,
                   "--max-examples", examples, "--request-timeout", "30", "--workers", env.get("SCHEMATHESIS_WORKERS", "1"),
                   "--report", "junit,ndjson", "--report-dir", reports, "--no-color",
                   "--generation-database", "none",
                   # --auth sends the credentials on every request, so a generated "missing Authorization" case would
                   # claim a mutation that never reaches the server; ignored_auth tests requests without credentials.
                   "--generation-with-security-parameters", "false",
                   # The server answers 400 to U+0000 anywhere (as the document's description says); JSON Schema
                   # cannot say "no NUL" short of a pattern on every string, so no NUL is generated.
                   "--generation-allow-x00", "false"]
        baseline = env.get("SCHEMATHESIS_BASELINE", os.path.join(ROOT, "tools/schemathesis-baseline.json"))
        if baseline:
            command += ["--baseline", os.path.abspath(baseline)]
        if seed != "random":
            command += ["--seed", seed]
        command += shlex.split(env.get("SCHEMATHESIS_ARGS", ""))
        print("+ " + " ".join(shlex.quote(c) for c in command), flush=True)
        started = time.monotonic()
        hooks_env = dict(env, SCHEMATHESIS_HOOKS="schemathesis_hooks",
                         PYTHONPATH=os.pathsep.join(filter(None, [os.path.join(ROOT, "tools"), env.get("PYTHONPATH")])))
        status = subprocess.call(command, cwd=reports, env=hooks_env)  # its replay store (.schemathesis/) stays out of the tree
        print(f"schemathesis: exit {status} after {time.monotonic() - started:.0f}s", flush=True)
        if process.poll() is not None:
            print(f"nxserver died during the run (status {process.returncode}); see {reports}/nxserver.log", flush=True)
            status = status or 1
        return status
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
