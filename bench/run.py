#!/usr/bin/env python3
"""`make bench`: release build, loopback only, bounded loops; each workload beside its ceiling in the same run.

Prints one line per workload (`name: figure unit (ratio to ceiling)`), then writes bench/results.json and
bench/RESULTS.md (bench/results-N.json and bench/RESULTS-N.md for another corpus size N). BENCH_DOCS (default 100000) sets the corpus size; BENCH_SECONDS (default 10) the wrk duration.
"""
import json, os, re, shutil, signal, subprocess, sys, time, urllib.request, base64

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TMP = os.path.join(ROOT, "bench", "tmp")
BIN = os.path.join(ROOT, ".build", "release")
DOCS = int(os.environ.get("BENCH_DOCS", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PORT, PLAIN_PORT = 18080, 18081
AUTH = "Basic " + base64.b64encode(b"Administrator:Administrator").decode()
API = f"http://127.0.0.1:{PORT}/nuxeo/api/v1"
results = []


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, **kw).stdout


def report(name, value, unit, ceiling=None, target=None, note=""):
    ratio = None if ceiling in (None, 0) else value / ceiling
    entry = {"name": name, "value": round(value, 3), "unit": unit}
    if ceiling is not None:
        entry["ceiling"] = round(ceiling, 3)
        entry["ratio"] = round(ratio, 3)
    if target:
        entry["target"] = target
    if note:
        entry["note"] = note
    results.append(entry)
    suffix = f" ({ratio:.2f} of ceiling)" if ratio is not None else ""
    print(f"{name}: {value:.2f} {unit}{suffix}", flush=True)


def get(url, headers=None):
    request = urllib.request.Request(url, headers={"Authorization": AUTH, **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def wait_for(url, timeout=60):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except Exception:
            time.sleep(0.005)
    raise RuntimeError(f"{url} did not answer in {timeout}s")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def wrk(url, headers=()):
    cmd = ["wrk", "-t2", "-c64", f"-d{SECONDS}s"]
    for h in headers:
        cmd += ["-H", h]
    out = run(cmd + [url])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if "Non-2xx" in out:
        raise RuntimeError("wrk saw non-2xx responses:\n" + out)
    return rate


def start_server(data, cache=None, flags=()):
    extra = ([] if cache is None else ["--document-cache", str(cache)]) + list(flags)
    proc = subprocess.Popen([os.path.join(BIN, "nxserver"), "--data", data, "--port", str(PORT), "--log-level", "warning"] + extra,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    startup = wait_for(f"http://127.0.0.1:{PORT}/nuxeo/runningstatus")
    return proc, startup


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is required (apt-get install wrk); `make bench` installs it")
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    data = os.path.join(TMP, "data")

    # 1. Corpus, bulk-loaded through the core.
    load = json.loads(run([os.path.join(BIN, "nxbench"), "load", "--data", data, "--docs", str(DOCS)]))
    report("bulk load through the core", load["rate"], "docs/s", note=f"{DOCS} documents in {load['seconds']:.1f}s")

    # 2. Cold start to first successful request (store already loaded).
    server, startup = start_server(data)
    try:
        status, _ = get(f"{API}/path/default-domain")
        report("cold start to first request", startup * 1000, "ms", target="< 1000 ms")
        report("server RSS after loading the corpus", rss_mb(server.pid), "MB", target="< 150 MB at 1,000,000 documents")

        # 3. GET by id with properties: * vs a plain route returning a body of the same size.
        status, body = get(f"{API}/path/default-domain/workspaces/folder3/doc3")
        uid = json.loads(body)["uid"]
        status, full = get(f"{API}/id/{uid}", {"properties": "*"})
        plain = subprocess.Popen([os.path.join(BIN, "nxbench"), "plain", "--port", str(PLAIN_PORT), "--body-size", str(len(full))],
                                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{PLAIN_PORT}/plain")
            ceiling = wrk(f"http://127.0.0.1:{PLAIN_PORT}/plain")
        finally:
            plain.terminate()
            plain.wait()
        rate = wrk(f"{API}/id/{uid}", [f"Authorization: {AUTH}", "properties: *"])
        report(f"GET document by id ({len(full)} bytes, wrk -t2 -c64)", rate, "req/s", ceiling, target=">= 0.50 of ceiling",
               note="one document requested repeatedly: served from the document cache after the first read")

        # 4. NXQL latency.
        queries = json.loads(run([os.path.join(BIN, "nxbench"), "query", "--url", API, "--runs", "200"]))
        for q in queries:
            target = "p50 < 5 ms at 1,000,000 documents" if q["name"] == "indexed equality" else None
            report(f"NXQL {q['name']} p50 ({q['results']} results)", q["p50"], "ms", target=target)
            report(f"NXQL {q['name']} p99", q["p99"], "ms")
        report("server RSS after the query load", rss_mb(server.pid), "MB", target="< 150 MB at 1,000,000 documents")

        # 5. POST create (16 clients) vs raw inserts of the same rows through GRDB.
        created = json.loads(run([os.path.join(BIN, "nxbench"), "create", "--url", API, "--clients", "16", "--count", "2000"]))
        if created["failed"]:
            raise RuntimeError(f"{created['failed']} creates failed")
        raw = json.loads(run([os.path.join(BIN, "nxbench"), "raw-insert", "--data", os.path.join(TMP, "raw"), "--docs", "2000"]))
        report("POST create (16 clients)", created["rate"], "docs/s", raw["rate"], target=">= 0.25 of raw inserts")
    finally:
        server.terminate()
        server.wait()

    # 5b. The same GET with the document cache disabled: every request reads SQLite.
    server, _ = start_server(data, cache=0)
    try:
        rate = wrk(f"{API}/id/{uid}", [f"Authorization: {AUTH}", "properties: *"])
        report("GET document by id, document cache disabled", rate, "req/s", ceiling, note="informational: the uncached read path")
    finally:
        server.terminate()
        server.wait()

    # 5c. Durability: the same creates with `--durability normal` (WAL synced at checkpoints only) against the default
    # `full` (every commit synced) measured in step 5: the cost of surviving a power loss.
    server, _ = start_server(data, flags=["--durability", "normal"])
    try:
        normal = json.loads(run([os.path.join(BIN, "nxbench"), "create", "--url", API, "--clients", "16", "--count", "2000"]))
        if normal["failed"]:
            raise RuntimeError(f"{normal['failed']} creates failed")
        report("POST create (16 clients), --durability normal", normal["rate"], "docs/s",
               note=f"the default durability full reaches {created['rate']:.0f} docs/s: {100 * (1 - created['rate'] / normal['rate']):.0f}% slower")
    finally:
        server.terminate()
        server.wait()

    # 6. nxgen full regeneration (into an empty directory).
    out = os.path.join(TMP, "generated")
    start = time.monotonic()
    run([os.path.join(BIN, "nxgen"), "generate", "--out", out])
    report("nxgen full regeneration", (time.monotonic() - start) * 1000, "ms", target="< 1000 ms")

    # 7. Incremental build after a one-line spec change (debug build, the developer loop), then restore.
    spec = os.path.join(ROOT, "Spec", "entities", "exception.yaml")
    original = open(spec).read()
    run(["swift", "build", "--product", "nxserver"])
    try:
        with open(spec, "w") as f:
            f.write(original.replace("An error, with its HTTP status and message.", "An error, with its HTTP status and its message."))
        start = time.monotonic()
        run([os.path.join(ROOT, ".build", "debug", "nxgen"), "generate"])
        run(["swift", "build", "--product", "nxserver"])
        report("incremental build after a one-line spec change (debug)", time.monotonic() - start, "s")
    finally:
        with open(spec, "w") as f:
            f.write(original)
        run([os.path.join(ROOT, ".build", "debug", "nxgen"), "generate"])

    write_outputs()


def write_outputs():
    meta = {"cores": os.cpu_count(), "documents": DOCS, "wrk_seconds": SECONDS, "command": "make bench" + (f" BENCH_DOCS={DOCS}" if DOCS != 100000 else ""),
            "server_flags": "--log-level warning", "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    suffix = "" if DOCS == 100000 else f"-{DOCS}"
    with open(os.path.join(ROOT, "bench", f"results{suffix}.json"), "w") as f:
        json.dump({"machine": meta, "results": results}, f, indent=2)
    lines = ["# nx benchmark results", "",
             f"Machine: {meta['cores']} cores. Command: `{meta['command']}` ({meta['date']}). Corpus: {DOCS} documents. Loopback only.",
             "Server started with `--log-level warning` (no per-request log lines); ceilings are measured in the same run.", "",
             "| workload | figure | unit | ceiling | ratio | target | note |", "|---|---:|---|---:|---:|---|---|"]
    for r in results:
        lines.append(f"| {r['name']} | {r['value']} | {r['unit']} | {r.get('ceiling', '')} | {r.get('ratio', '')} | {r.get('target', '')} | {r.get('note', '')} |")
    with open(os.path.join(ROOT, "bench", f"RESULTS{suffix}.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
