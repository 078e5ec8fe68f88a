#!/usr/bin/env python3
"""`make bench`: release build, loopback only, bounded loops; each workload beside its ceiling in the same run.

Prints one line per workload (`name: figure unit (ratio to ceiling)`), then writes bench/results.json and
bench/RESULTS.md (bench/results-N.json and bench/RESULTS-N.md for another corpus size N). BENCH_DOCS (default 100000) sets the corpus size; BENCH_SECONDS (default 10) the wrk duration.
BENCH_ONLY (a comma-separated subset of corpus, traffic, nxgen, build, blobs, workflows, bulk, conversions, postgres; default all) runs some sections only: their rows
replace the same sections' rows of the existing results file, the other rows are kept (the file says which run they
come from). Every server and ceiling listens on a free loopback port. A workload that fails is reported as FAILED (in
the output and the results files) and the run exits non-zero after writing them.
"""
import base64, glob, hashlib, http.client, json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time, traceback, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor
from chart import legacy_section  # bench/chart.py: the history and its chart (standard library at import)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TMP = os.path.join(ROOT, "bench", "tmp")
BIN = os.path.join(ROOT, ".build", "release")
DOCS = int(os.environ.get("BENCH_DOCS", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SECTIONS = ("corpus", "traffic", "nxgen", "build", "blobs", "workflows", "bulk", "conversions", "postgres")
ONLY = [s.strip() for s in os.environ.get("BENCH_ONLY", "").split(",") if s.strip()]
if not ONLY and os.environ.get("BACKEND") == "postgres":
    ONLY = ["postgres"]  # `make bench BACKEND=postgres`: the PostgreSQL section (each figure beside SQLite's)
AUTH = "Basic " + base64.b64encode(b"Administrator:Administrator").decode()
results = []
failures = []
section = None  # the section being run: tagged on each result


def free_port():
    """A loopback port nothing listens on now (bound to port 0, read, closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT, **kw).stdout


def report(name, value, unit, ceiling=None, target=None, note=""):
    ratio = None if ceiling in (None, 0) else value / ceiling
    entry = {"name": name, "value": round(value, 3), "unit": unit, "section": section}
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


def report_failure(name, error):
    """A workload that could not be measured: recorded (not skipped) and the run ends non-zero."""
    message = f"{type(error).__name__}: {error}".strip()
    if isinstance(error, subprocess.CalledProcessError) and error.stderr:
        message += " — " + error.stderr.strip().splitlines()[-1][:300]
    results.append({"name": name, "value": None, "unit": "", "section": section, "error": message})
    failures.append(name)
    print(f"{name}: FAILED: {message}", flush=True)
    traceback.print_exc()


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


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def mapped_database_mb(pid):
    """The resident pages of the memory-mapped database file (`PRAGMA mmap_size`): the kernel's page cache, shared and
    reclaimable, which a read(2) of the same pages would hold outside the process."""
    total, mapped = 0, False
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            fields = line.split()
            if fields and "-" in fields[0] and len(fields) >= 5:  # a mapping's header line: range perms offset dev inode [path]
                mapped = len(fields) >= 6 and fields[5].endswith(".sqlite")
            elif mapped and fields[:1] == ["Rss:"]:
                total += int(fields[1])
    return total / 1024


def server_memory(pid):
    """(VmRSS less the memory-mapped database, a note): the process's memory as before the store read through a memory
    map, with the split."""
    rss, database = rss_mb(pid), mapped_database_mb(pid)
    return rss - database, (f"VmRSS {rss:.1f} MB less {database:.1f} MB of the memory-mapped database file (page cache, shared and "
                            f"reclaimable); RssAnon {rss_mb(pid, 'RssAnon'):.1f} MB")


def wrk(url, headers=()):
    cmd = ["wrk", "-t2", "-c64", f"-d{SECONDS}s"]
    for h in headers:
        cmd += ["-H", h]
    out = run(cmd + [url])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if "Non-2xx" in out:
        raise RuntimeError("wrk saw non-2xx responses:\n" + out)
    return rate


class Server:
    """An nxserver on a free loopback port: `api` is its REST API base URL."""

    def __init__(self, data, cache=None, flags=(), database=None, node=None):
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}/nuxeo/api/v1"
        extra = ([] if cache is None else ["--document-cache", str(cache)]) + list(flags)
        extra += ([] if database is None else ["--database", database])
        env = dict(os.environ, **({} if node is None else {"NX_NODE_ID": node}))
        self.proc = subprocess.Popen([os.path.join(BIN, "nxserver"), "--data", data, "--port", str(self.port), "--log-level", "warning"] + extra,
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            self.startup = wait_for(f"http://127.0.0.1:{self.port}/nuxeo/runningstatus")
        except Exception:
            self.stop()
            raise

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def plain_ceiling(body_size):
    """wrk's rate against `nxbench plain` answering `body_size` bytes: the ceiling of a GET of that size."""
    plain = Plain(body_size)
    try:
        return wrk(plain.url)
    finally:
        plain.stop()


class Plain:
    """The ceiling: `nxbench plain` (a bare Hummingbird route, GET /plain with a fixed body) on a free loopback port."""

    def __init__(self, body_size):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/plain"
        self.proc = subprocess.Popen([os.path.join(BIN, "nxbench"), "plain", "--port", str(self.port), "--body-size", str(body_size)],
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(self.url)
        except Exception:
            self.stop()
            raise

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def corpus_workloads():
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is required (apt-get install wrk); `make bench` installs it")
    data = os.path.join(TMP, "data")

    # 1. Corpus, bulk-loaded through the core.
    load = json.loads(run([os.path.join(BIN, "nxbench"), "load", "--data", data, "--docs", str(DOCS)]))
    report("bulk load through the core", load["rate"], "docs/s", note=f"{DOCS} documents in {load['seconds']:.1f}s")

    # 2. Cold start to first successful request (store already loaded).
    server = Server(data)
    try:
        api = server.api
        status, _ = get(f"{api}/path/default-domain")
        report("cold start to first request", server.startup * 1000, "ms", target="< 1000 ms")
        memory, split = server_memory(server.pid)
        report("server RSS after loading the corpus", memory, "MB", target="< 150 MB at 1,000,000 documents", note=split)

        # 3. GET by id with properties: * vs a plain route returning a body of the same size.
        status, body = get(f"{api}/path/default-domain/workspaces/folder3/doc3")
        uid = json.loads(body)["uid"]
        status, full = get(f"{api}/id/{uid}", {"properties": "*"})
        ceiling = plain_ceiling(len(full))
        rate = wrk(f"{api}/id/{uid}", [f"Authorization: {AUTH}", "properties: *"])
        report(f"GET document by id ({len(full)} bytes, wrk -t2 -c64)", rate, "req/s", ceiling, target=">= 0.50 of ceiling",
               note="one document requested repeatedly: served from the document cache after the first read")

        # 4. NXQL latency.
        queries = json.loads(run([os.path.join(BIN, "nxbench"), "query", "--url", api, "--runs", "200"]))
        for q in queries:
            target = {"indexed equality": "p50 < 5 ms at 1,000,000 documents",
                      "fulltext maxResults=1000": "p50 < 20 ms at 1,000,000 documents (first page)"}.get(q["name"])
            results = "resultsCount -2: more than 1000" if q["results"] == -2 else f"{q['results']} results"
            report(f"NXQL {q['name']} p50 ({results})", q["p50"], "ms", target=target,
                   note="exact count (Nuxeo's default)" if q["name"] == "fulltext" else "")
            report(f"NXQL {q['name']} p99", q["p99"], "ms")
        memory, split = server_memory(server.pid)
        report("server RSS after the query load", memory, "MB", target="< 150 MB at 1,000,000 documents", note=split)

        # 5. POST create (16 clients) vs raw inserts of the same rows through GRDB.
        created = json.loads(run([os.path.join(BIN, "nxbench"), "create", "--url", api, "--clients", "16", "--count", "2000"]))
        if created["failed"]:
            raise RuntimeError(f"{created['failed']} creates failed")
        # Ceiling: rows of the same shape inserted into a copy of this store's documents table (every column, index and
        # row), one transaction each, synchronized as the server (durability full); the old ceiling (an empty table of 7
        # columns, synchronous NORMAL) in the note.
        server.stop()
        raw = json.loads(run([os.path.join(BIN, "nxbench"), "raw-insert", "--data", os.path.join(TMP, "raw"), "--docs", "2000",
                              "--from", os.path.join(data, "nx.sqlite"), "--durability", "full", "--clients", "16"]))
        small = json.loads(run([os.path.join(BIN, "nxbench"), "raw-insert", "--data", os.path.join(TMP, "raw-small"), "--docs", "2000"]))
        report("POST create (16 clients)", created["rate"], "docs/s", raw["rate"], target=">= 0.40 of raw inserts",
               note=f"ceiling: 2000 rows inserted through GRDB by 16 concurrent tasks, one transaction each, into a copy of this store's documents table "
                    f"(same columns and indexes, {DOCS} documents), synchronous FULL as the server; into an empty 7-column table with "
                    f"synchronous NORMAL (the ceiling before): {small['rate']:.0f} rows/s, ratio {created['rate'] / small['rate']:.2f}")
    finally:
        server.stop()

    # 5b. The same GET with the document cache disabled: every request reads SQLite.
    server = Server(data, cache=0)
    try:
        rate = wrk(f"{server.api}/id/{uid}", [f"Authorization: {AUTH}", "properties: *"])
        report("GET document by id, document cache disabled", rate, "req/s", ceiling, note="informational: the uncached read path")
    finally:
        server.stop()

    # 5c. Durability: the same creates with `--durability normal` (WAL synced at checkpoints only) against the default
    # `full` (every commit synced) measured in step 5: the cost of surviving a power loss.
    server = Server(data, flags=["--durability", "normal"])
    try:
        normal = json.loads(run([os.path.join(BIN, "nxbench"), "create", "--url", server.api, "--clients", "16", "--count", "2000"]))
        if normal["failed"]:
            raise RuntimeError(f"{normal['failed']} creates failed")
        report("POST create (16 clients), --durability normal", normal["rate"], "docs/s",
               note=f"the default durability full reaches {created['rate']:.0f} docs/s: {100 * (1 - created['rate'] / normal['rate']):.0f}% slower")
    finally:
        server.stop()


# ---- Traffic: many documents, many users, many ACLs, mixed requests (the secured corpus) ----------------------------
ACL_FOLDERS, ACL_USERS, ACL_GROUPS, BENCH_USERS = 10000, 1000, 100, 100
WRK_SCRIPT = r"""
-- Requests from a file of `path<TAB>Authorization` lines; each thread starts at its own offset.
local paths, auths, n, i = {}, {}, 0, 0
local threads = 0
function setup(thread)
  thread:set("offset", threads * 100003)
  threads = threads + 1
end
function init(args)
  for line in io.lines(args[1]) do
    local path, auth = line:match("([^\t]+)\t(.+)")
    n = n + 1
    paths[n], auths[n] = path, auth
  end
  i = (offset or 0) % n
end
function request()
  i = i % n + 1
  return wrk.format("GET", paths[i], {["Authorization"] = auths[i], ["properties"] = "*"})
end
"""


def basic(user, password="password"):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def wrk_script(url, script, data):
    out = run(["wrk", "-t2", "-c64", f"-d{SECONDS}s", "-s", script, url, "--", data])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if "Non-2xx" in out:
        raise RuntimeError("wrk saw non-2xx responses:\n" + out)
    return rate


def cache_counts(server):
    """(hits, misses) of the server's document cache, from /metrics."""
    _, body = get(f"http://127.0.0.1:{server.port}/metrics")
    values = dict(line.split(" ", 1) for line in body.decode().splitlines() if line.startswith("nx_document_cache_"))
    return float(values.get("nx_document_cache_hits", 0)), float(values.get("nx_document_cache_misses", 0))


def zipf_sampler(n, s, rng):
    """Ranks 0..n-1 drawn with probability proportional to 1/(rank+1)^s (inverse CDF by bisection)."""
    import bisect, itertools
    cdf = list(itertools.accumulate(1 / (k + 1) ** s for k in range(n)))
    total = cdf[-1]
    return lambda: min(n - 1, bisect.bisect_left(cdf, rng.random() * total))


def latency_run(port, requests, runs, rng):
    """p50/p99 in ms of `runs` requests, each drawn by `requests(rng)` -> (path, user); keep-alive, one at a time."""
    conn = connect(port)
    latencies, results = [], None
    for _ in range(runs):
        path, user = requests(rng)
        start = time.monotonic()
        _, body = call(conn, "GET", path, headers={"Authorization": basic(user)})
        latencies.append((time.monotonic() - start) * 1000)
        results = json.loads(body).get("resultsCount", results)
    conn.close()
    latencies.sort()
    return latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)], results


def traffic_workloads():
    """The secured corpus: DOCS documents in 10,000 folders, each folder with a distinct local ACL (inheritance blocked)
    for 1,000 users in 100 groups; user u belongs to group u % 100, folder f lets group f % 100 read and write and users
    f % 1000 and (f / 10) % 1000 read. The first 100 users are the traffic's users: every document is readable (and
    writable) by exactly one of them through its group."""
    import random, sqlite3
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is required (apt-get install wrk); `make bench` installs it")
    data = os.path.join(TMP, "secured")
    load = json.loads(run([os.path.join(BIN, "nxbench"), "load", "--data", data, "--docs", str(DOCS), "--acl-folders", str(ACL_FOLDERS),
                           "--users", str(ACL_USERS), "--groups", str(ACL_GROUPS)]))
    report(f"secured corpus: bulk load through the core ({ACL_FOLDERS} folders with distinct ACLs, {ACL_USERS} users in {ACL_GROUPS} groups)",
           load["rate"], "docs/s", note=f"{DOCS} documents in {load['seconds']:.1f}s, ACLs and users included")
    db = sqlite3.connect(os.path.join(data, "nx.sqlite"))
    workspaces = db.execute("SELECT id FROM documents WHERE path = '/default-domain/workspaces'").fetchone()[0]
    folder_ids = {}
    for uid, name in db.execute("SELECT id, name FROM documents WHERE parent_id = ? AND name LIKE 'folder%'", (workspaces,)):
        folder_ids[int(name[len("folder"):])] = uid
    doc_ids = [None] * DOCS
    for uid, path in db.execute("SELECT id, path FROM documents WHERE path LIKE '/default-domain/workspaces/folder%/doc%'"):
        doc_ids[int(path.rsplit("/doc", 1)[1])] = uid
    db.close()
    if None in doc_ids or len(folder_ids) != ACL_FOLDERS:
        raise RuntimeError("the secured corpus is incomplete")
    owner = lambda j: f"user{(j % ACL_FOLDERS) % BENCH_USERS}"  # the traffic user whose group writes document j's folder
    documents_tsv, folders_tsv = os.path.join(TMP, "documents.tsv"), os.path.join(TMP, "folders.tsv")
    with open(documents_tsv, "w") as f:
        f.writelines(f"{uid}\t{owner(j)}\n" for j, uid in enumerate(doc_ids))
    with open(folders_tsv, "w") as f:
        f.writelines(f"{folder_ids[i]}\tuser{i % BENCH_USERS}\n" for i in range(ACL_FOLDERS))
    script = os.path.join(TMP, "requests.lua")
    with open(script, "w") as f:
        f.write(WRK_SCRIPT)

    server = Server(data)
    try:
        # Ceiling: the plain route answering a body the size of one document's JSON.
        _, full = get(f"{server.api}/id/{doc_ids[0]}", {"properties": "*"})
        ceiling = plain_ceiling(len(full))

        # 1. GET by random id, as the traffic's 100 users, the default document cache.
        rng = random.Random(19)
        permutation = list(range(DOCS))
        rng.shuffle(permutation)  # Zipf ranks spread over the corpus, not the first folders
        zipf = zipf_sampler(DOCS, 1.0, rng)
        count = 400000
        for label, draw, target in [("uniform", lambda: rng.randrange(DOCS), ">= 0.30 of ceiling at 1,000,000 documents"),
                                    ("Zipf s=1.0", lambda: permutation[zipf()], ">= 0.40 of ceiling at 1,000,000 documents")]:
            lines = os.path.join(TMP, "requests.tsv")
            with open(lines, "w") as f:
                for _ in range(count):
                    j = draw()
                    f.write(f"/nuxeo/api/v1/id/{doc_ids[j]}\t{basic(owner(j))}\n")
            hits, misses = cache_counts(server)
            rate = wrk_script(f"http://127.0.0.1:{server.port}", script, lines)
            hits2, misses2 = cache_counts(server)
            ratio = (hits2 - hits) / max(1, (hits2 - hits) + (misses2 - misses))
            report(f"GET by random id ({label}) as {BENCH_USERS} users", rate, "req/s", ceiling, target=target,
                   note=f"document cache hit ratio {ratio:.3f} (default cache of 10,000 documents); {count} drawn requests cycled, "
                        f"wrk -t2 -c64; ceiling: the plain route with a {len(full)}-byte body")

        # 2. Queries under many ACLs, as the 1,000 users: each user's first query (which records its read grants), then
        # an indexed NXQL equality, an NXQL children query and @children pages, p50/p99.
        folders_query = f"{API_PATH}/search/lang/NXQL/execute?pageSize=1&query=" + urllib.parse.quote("SELECT * FROM Folder")
        users = iter(range(ACL_USERS))
        p50, p99, _ = latency_run(server.port, lambda _: (folders_query, f"user{next(users)}"), ACL_USERS, None)
        report(f"first query of a user (records its read grants among {ACL_FOLDERS} read ACLs) p50", p50, "ms",
               note=f"p99 {p99:.2f} ms; one per user, {ACL_USERS} users")
        user_of_folder = lambda i, rng: f"user{[i % ACL_GROUPS + ACL_GROUPS * rng.randrange(ACL_USERS // ACL_GROUPS), i % ACL_USERS][rng.randrange(2)]}"
        quote = urllib.parse.quote
        queries = [
            ("indexed NXQL equality", "p50 < 10 ms at 1,000,000 documents",
             lambda rng: (f"{API_PATH}/search/lang/NXQL/execute?pageSize=20&query="
                          + quote(f"SELECT * FROM Document WHERE dc:source = 'source{rng.randrange(100)}'"), f"user{rng.randrange(ACL_USERS)}")),
            ("NXQL children query", None,
             lambda rng: (lambda i: (f"{API_PATH}/search/lang/NXQL/execute?pageSize=20&query="
                                     + quote(f"SELECT * FROM Document WHERE ecm:parentId = '{folder_ids[i]}' AND ecm:isVersion = 0 ORDER BY dc:title"),
                                     user_of_folder(i, rng)))(rng.randrange(ACL_FOLDERS))),
            ("fulltext (exact count)", None,
             lambda rng: (f"{API_PATH}/search/lang/NXQL/execute?pageSize=20&query="
                          + quote("SELECT * FROM Document WHERE ecm:fulltext = 'quantum physics'"), f"user{rng.randrange(ACL_USERS)}")),
            ("fulltext maxResults=1000", None,
             lambda rng: (f"{API_PATH}/search/lang/NXQL/execute?pageSize=20&maxResults=1000&query="
                          + quote("SELECT * FROM Document WHERE ecm:fulltext = 'quantum physics'"), f"user{rng.randrange(ACL_USERS)}")),
            ("@children page", None,
             lambda rng: (lambda i: (f"{API_PATH}/id/{folder_ids[i]}/@children?pageSize=20", user_of_folder(i, rng)))(rng.randrange(ACL_FOLDERS))),
        ]
        for name, target, requests in queries:
            p50, p99, results = latency_run(server.port, requests, 300, random.Random(7))
            shown = "resultsCount -2: more than counted" if results == -2 else f"e.g. {results} results"
            report(f"many ACLs: {name} p50 ({shown})", p50, "ms", target=target,
                   note=f"as random users among {ACL_USERS}; {ACL_FOLDERS} distinct read ACLs; 300 requests, one at a time")
            report(f"many ACLs: {name} p99", p99, "ms")

        # 3. Mixed traffic: 70% GET by random id, 15% queries, 10% updates with their change token, 5% creates.
        mixed_seconds = int(os.environ.get("BENCH_MIXED_SECONDS", "60"))
        mixed = json.loads(run([os.path.join(BIN, "nxbench"), "mixed", "--url", server.api, "--documents", documents_tsv, "--folders", folders_tsv,
                                "--connections", "64", "--seconds", str(mixed_seconds)]))
        if mixed["errors"]:
            raise RuntimeError(f"mixed traffic: {mixed['errors']} errors; first: {mixed['first_error']}")
        kinds = ", ".join(f"{k} {mixed[k]['requests']} (p50 {mixed[k]['p50']:.2f} ms, p99 {mixed[k]['p99']:.2f} ms)"
                          for k in ("get", "query", "update", "create"))
        report(f"mixed traffic as {BENCH_USERS} users over 64 connections ({mixed_seconds} s)", mixed["rate"], "req/s", ceiling,
               target=">= 5000 req/s and >= 0.15 of ceiling", note=f"0 errors; {kinds}; client: nxbench mixed (AsyncHTTPClient)")
        for kind in ("get", "query", "update", "create"):
            report(f"mixed traffic: {kind} p50", mixed[kind]["p50"], "ms")
            report(f"mixed traffic: {kind} p99", mixed[kind]["p99"], "ms")
        memory, split = server_memory(server.pid)
        report("server RSS after the traffic (random ids over the whole corpus, then mixed)", memory, "MB", note=split)
    finally:
        server.stop()


def nxgen_workloads():
    # 6. nxgen full regeneration (into an empty directory), with the release nxgen `make bench` builds.
    out = os.path.join(TMP, "generated")
    start = time.monotonic()
    run([os.path.join(BIN, "nxgen"), "generate", "--out", out])
    report("nxgen full regeneration", (time.monotonic() - start) * 1000, "ms", target="< 1000 ms")


def build_workloads():
    # 7. Incremental build after a one-line spec change (debug build, the developer loop: `make generate`, which runs
    # .build/debug/nxgen, then `swift build`), then restore. Both debug products are built first, untimed.
    spec = os.path.join(ROOT, "Spec", "entities", "exception.yaml")
    nxgen = os.path.join(ROOT, ".build", "debug", "nxgen")
    original = open(spec).read()
    run(["swift", "build", "--product", "nxgen"])
    run(["swift", "build", "--product", "nxserver"])
    try:
        with open(spec, "w") as f:
            f.write(original.replace("An error, with its HTTP status and message.", "An error, with its HTTP status and its message."))
        start = time.monotonic()
        run([nxgen, "generate"])
        run(["swift", "build", "--product", "nxserver"])
        report("incremental build after a one-line spec change (debug)", time.monotonic() - start, "s")
    finally:
        with open(spec, "w") as f:
            f.write(original)
        run([nxgen, "generate"])


# ---- Blobs: batch upload, download, small uploads ---------------------------------------------------------------

BLOB_MIB = int(os.environ.get("BENCH_BLOB_MIB", "256"))
BLOB_SIZE = BLOB_MIB << 20
CHUNK_MIB = 16
SMALL_COUNT, SMALL_SIZE, SMALL_CLIENTS = 1000, 10 * 1024, 8
API_PATH = "/nuxeo/api/v1"
MiB = float(1 << 20)
REPEAT = int(os.environ.get("BENCH_BLOB_REPEAT", "3"))


class RSSSampler:
    """Peak VmRSS of a process, sampled every `interval` seconds in a thread while the `with` block runs."""

    def __init__(self, pid, interval=0.05):
        self.pid, self.interval = pid, interval
        self.before = self.peak = rss_mb(pid)
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self):
        try:
            self.peak = max(self.peak, rss_mb(self.pid))
            self.samples += 1
        except OSError:
            pass

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def growth(self):
        return self.peak - self.before


def connect(port):
    """A keep-alive HTTP/1.1 connection that sends file bodies in 1 MiB writes (http.client's default is 8 KiB)."""
    return http.client.HTTPConnection("127.0.0.1", port, timeout=600, blocksize=1 << 20)


def call(conn, method, path, body=None, headers=None, expect=(200,)):
    conn.request(method, path, body=body, headers={"Authorization": AUTH, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    if response.status not in expect:
        raise RuntimeError(f"{method} {path} answered {response.status}, expected {expect}: {data[:300]!r}")
    return response.status, data


def new_batch(conn):
    return json.loads(call(conn, "POST", f"{API_PATH}/upload", expect=(201,))[1])["batchId"]


def create_file_document(conn, parent, name, batch, file_idx="0"):
    body = json.dumps({"entity-type": "document", "type": "File", "name": name,
                       "properties": {"dc:title": name, "file:content": {"upload-batch": batch, "upload-fileId": file_idx}}})
    _, data = call(conn, "POST", f"{API_PATH}/path{parent}", body=body, headers={"Content-Type": "application/json", "properties": "file"}, expect=(201,))
    return json.loads(data)


def drop_caches():
    """`sync; echo 3 > /proc/sys/vm/drop_caches` (needs root); True if the kernel took it."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def timed(cmd, shell=False):
    start = time.monotonic()
    subprocess.run(cmd, shell=shell, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.monotonic() - start


def curl_download(url, expected_size):
    """Downloads with curl into /dev/null; curl's own transfer time (connect to last byte)."""
    out = subprocess.run(["curl", "-sS", "-u", "Administrator:Administrator", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}", url],
                         check=True, capture_output=True, text=True).stdout.split()
    status, size, seconds = int(out[0]), int(out[1]), float(out[2])
    if status != 200 or size != expected_size:
        raise RuntimeError(f"GET {url}: status {status}, {size} bytes (expected 200, {expected_size} bytes)")
    return seconds


def python_download(port, path, expected_size):
    """Downloads with http.client on a new connection, reading into one reused 4 MiB buffer (bytes dropped): seconds
    from sending the request to the last byte. Faster than curl -o /dev/null here (curl reads in small pieces)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    buffer = memoryview(bytearray(4 << 20))
    try:
        start = time.monotonic()
        conn.request("GET", path, headers={"Authorization": AUTH})
        response = conn.getresponse()
        size = 0
        while True:
            n = response.readinto(buffer)
            if not n:
                break
            size += n
        seconds = time.monotonic() - start
    finally:
        conn.close()
    if response.status != 200 or size != expected_size:
        raise RuntimeError(f"GET {path}: status {response.status}, {size} bytes (expected 200, {expected_size} bytes)")
    return seconds


def blob_workloads():
    """Batch upload of a 256 MiB file (normal and chunked) vs cp, download through @blob vs cat, 1,000 small uploads.

    One fresh server and store under bench/tmp, the same disk as the source file and the cp/cat baselines. Each figure
    and its ceiling are the best of REPEAT runs, alternated. Each workload is reported separately; one that fails is
    reported as FAILED and the others still run."""
    for tool in ("curl", "cp", "cat", "sync"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is required for the blob workloads")
    work = os.path.join(TMP, "blobs")
    os.makedirs(work, exist_ok=True)
    source = os.path.join(work, f"random-{BLOB_MIB}M.bin")
    md5 = hashlib.md5()
    with open(source, "wb") as f:
        for _ in range(BLOB_SIZE // (4 << 20)):
            block = os.urandom(4 << 20)
            md5.update(block)
            f.write(block)
        f.flush()
        os.fsync(f.fileno())
    source_md5 = md5.hexdigest()
    label = f"{BLOB_MIB} MiB"
    rate = lambda seconds: BLOB_SIZE / MiB / seconds

    # Ceiling for uploads: cp of the same file on the same disk, then fsync of the copy (`sync FILE`): the server's store
    # fsyncs each binary before its atomic rename, so the copy is made as durable. The source is in the page cache for
    # both (just written). The bare cp (page cache only) is given in the note.
    copy = os.path.join(work, "copy.bin")

    def cp(durable):
        os.sync()
        seconds = timed(f"cp '{source}' '{copy}'" + (f" && sync '{copy}'" if durable else ""), shell=True)
        os.remove(copy)
        return seconds

    server = Server(os.path.join(work, "data"))
    try:
        conn = connect(server.port)
        upload_batch = None
        # Normal upload: one POST of the whole file, Python http.client writing 1 MiB blocks from the file; a new
        # batch each time (the last one is attached below).
        name = f"upload {label} through the batch API (normal)"
        try:
            cp_bare = min(cp(False) for _ in range(REPEAT))
            best, cp_best = None, None
            with RSSSampler(server.pid) as rss:
                for _ in range(REPEAT):
                    cp_best = min(cp_best or 1e9, cp(True))
                    batch = new_batch(conn)
                    os.sync()
                    with open(source, "rb") as f:
                        start = time.monotonic()
                        call(conn, "POST", f"{API_PATH}/upload/{batch}/0", body=f, expect=(201,),
                             headers={"X-File-Name": "random.bin", "X-File-Type": "application/octet-stream",
                                      "Content-Type": "application/octet-stream", "Content-Length": str(BLOB_SIZE)})
                        seconds = time.monotonic() - start
                    best = min(best or 1e9, seconds)
                    info = json.loads(call(conn, "GET", f"{API_PATH}/upload/{batch}/0")[1])
                    if int(info["size"]) != BLOB_SIZE:
                        raise RuntimeError(f"the batch file has {info['size']} bytes, expected {BLOB_SIZE}")
            upload_batch = batch
            cp_note = f"ceiling: cp + fsync of the copy {rate(cp_best):.0f} MiB/s (bare cp into the page cache: {rate(cp_bare):.0f} MiB/s)"
            report(name, rate(best), "MiB/s", rate(cp_best), target=">= 0.50 of cp",
                   note=f"best of {REPEAT}: {best:.2f}s; {cp_note}; client: Python http.client, 1 MiB writes, keep-alive")
            report(f"server RSS growth during the {label} uploads", rss.growth, "MB", target="< 64 MB",
                   note=f"VmRSS {rss.before:.1f} MB before, peak {rss.peak:.1f} MB over the {REPEAT} uploads ({rss.samples} samples, every 50 ms)")
        except Exception as error:
            report_failure(name, error)
            conn.close()
            conn = connect(server.port)

        # How fast the upload client itself goes: the same file sent to a bare Hummingbird route (Hummingbird drains the
        # body it does not read; the client sends all of it before reading the answer).
        name = f"upload client check: Python http.client to a bare Hummingbird route ({label}, body discarded)"
        try:
            plain = Plain(1024)
            try:
                sink = connect(plain.port)
                best = None
                for _ in range(REPEAT):
                    with open(source, "rb") as f:
                        start = time.monotonic()
                        call(sink, "GET", "/plain", body=f, headers={"Content-Length": str(BLOB_SIZE)})
                        best = min(best or 1e9, time.monotonic() - start)
                sink.close()
            finally:
                plain.stop()
            report(name, rate(best), "MiB/s", note=f"best of {REPEAT}; the uploads above use this client")
        except Exception as error:
            report_failure(name, error)

        # Chunked upload: 16 MiB chunks, each read from the file and POSTed on the same connection.
        name = f"upload {label} through the batch API (chunked, {CHUNK_MIB} MiB chunks)"
        try:
            count = -(-BLOB_SIZE // (CHUNK_MIB << 20))
            best, cp_best = None, None
            with RSSSampler(server.pid) as rss:
                for _ in range(REPEAT):
                    cp_best = min(cp_best or 1e9, cp(True))
                    batch = new_batch(conn)
                    os.sync()
                    with open(source, "rb") as f:
                        start = time.monotonic()
                        for index in range(count):
                            data = f.read(CHUNK_MIB << 20)
                            call(conn, "POST", f"{API_PATH}/upload/{batch}/0", body=data, expect=(201,) if index == count - 1 else (202,),
                                 headers={"X-File-Name": "random-chunked.bin", "X-File-Type": "application/octet-stream",
                                          "Content-Type": "application/octet-stream", "X-Upload-Type": "chunked",
                                          "X-Upload-Chunk-Index": str(index), "X-Upload-Chunk-Count": str(count), "X-File-Size": str(BLOB_SIZE)})
                        seconds = time.monotonic() - start
                    best = min(best or 1e9, seconds)
                    info = json.loads(call(conn, "GET", f"{API_PATH}/upload/{batch}/0")[1])
                    if len(info.get("uploadedChunkIds", [])) != count or int(info["size"]) != BLOB_SIZE:
                        raise RuntimeError(f"the batch file is {info}, expected {count} chunks and {BLOB_SIZE} bytes")
            report(name, rate(best), "MiB/s", rate(cp_best),
                   note=f"best of {REPEAT}: {count} chunks in {best:.2f}s; server RSS growth {rss.growth:.1f} MB (peak {rss.peak:.1f} MB); "
                        f"ceiling: cp + fsync of the copy")
        except Exception as error:
            report_failure(name, error)
            conn.close()
            conn = connect(server.port)

        # Attach the normal upload to a File document; its digest must be the source's MD5.
        doc = None
        name = f"attach the {label} batch file to a new File document"
        try:
            if upload_batch is None:
                raise RuntimeError("no uploaded batch file (the normal upload failed)")
            start = time.monotonic()
            doc = create_file_document(conn, "/default-domain/workspaces", "big-blob", upload_batch)
            seconds = time.monotonic() - start
            content = doc["properties"]["file:content"]
            if content.get("digest") != source_md5 or int(content.get("length", -1)) != BLOB_SIZE:
                raise RuntimeError(f"file:content is {content}, expected digest {source_md5} and length {BLOB_SIZE}")
            report(name, seconds * 1000, "ms", note="POST document with file:content {upload-batch, upload-fileId}; digest checked")
        except Exception as error:
            report_failure(name, error)
            doc = None
        conn.close()

        # Download through @blob (Python http.client, large reads, bytes dropped) vs cat of the source into /dev/null:
        # page cache as left by the uploads (warm), then with the page cache dropped before each side (cold).
        for cold in (False, True):
            name = f"download {label} through @blob ({'page cache dropped' if cold else 'warm page cache'})"
            try:
                if doc is None:
                    raise RuntimeError("no document with the blob (the upload or the attach failed)")
                path = f"{API_PATH}/id/{doc['uid']}/@blob/file:content"
                if cold and not drop_caches():
                    raise RuntimeError("cannot drop the page cache (writing /proc/sys/vm/drop_caches needs root)")
                best, cat_best = None, None
                with RSSSampler(server.pid) as rss:
                    for _ in range(REPEAT):
                        if cold:
                            drop_caches()
                        cat_best = min(cat_best or 1e9, timed(f"cat '{source}' > /dev/null", shell=True))
                        if cold:
                            drop_caches()
                        best = min(best or 1e9, python_download(server.port, path, BLOB_SIZE))
                extra = ""
                if not cold:
                    extra = f"; curl -o /dev/null on the same URL: {rate(curl_download(server.api + path[len(API_PATH):], BLOB_SIZE)):.0f} MiB/s"
                cache = "sync + echo 3 > /proc/sys/vm/drop_caches before each cat and each download" if cold else "source and stored binary in the page cache"
                report(name, rate(best), "MiB/s", rate(cat_best), target=">= 0.50 of cat",
                       note=f"best of {REPEAT}; ceiling: cat of the source into /dev/null; client: Python http.client, 4 MiB readinto{extra}; "
                            f"{cache}; server RSS growth {rss.growth:.1f} MB")
            except Exception as error:
                report_failure(name, error)

        # How fast the download clients themselves go: the same size from a bare Hummingbird route (from memory).
        name = f"download client check: Python http.client from a bare Hummingbird route ({label} from memory)"
        try:
            plain = Plain(BLOB_SIZE + 2)  # nxbench plain answers {"value":"x…"}, 2 bytes less than --body-size
            try:
                python_download(plain.port, "/plain", BLOB_SIZE)  # warm-up
                seconds = min(python_download(plain.port, "/plain", BLOB_SIZE) for _ in range(REPEAT))
                curl_seconds = min(curl_download(plain.url, BLOB_SIZE) for _ in range(REPEAT))
            finally:
                plain.stop()
            report(name, rate(seconds), "MiB/s",
                   note=f"best of {REPEAT}; the @blob downloads use this client; curl -o /dev/null reaches {rate(curl_seconds):.0f} MiB/s on the same route")
        except Exception as error:
            report_failure(name, error)

        # 1,000 small uploads, each: new batch, upload 10 KiB, create a File document referencing it. 8 clients, each on
        # its own keep-alive connection; every body distinct (the store is content-addressed).
        name = f"{SMALL_COUNT} small uploads + attach ({SMALL_SIZE // 1024} KiB, {SMALL_CLIENTS} clients)"
        try:
            setup = connect(server.port)
            folder = "/default-domain/workspaces/small-uploads"
            call(setup, "POST", f"{API_PATH}/path/default-domain/workspaces", headers={"Content-Type": "application/json"}, expect=(201,),
                 body=json.dumps({"entity-type": "document", "type": "Folder", "name": "small-uploads"}))
            setup.close()
            warmup = 40
            bodies = [os.urandom(SMALL_SIZE) for _ in range(SMALL_COUNT + warmup)]

            def one(conn, i):
                batch = new_batch(conn)
                call(conn, "POST", f"{API_PATH}/upload/{batch}/0", body=bodies[i], expect=(201,),
                     headers={"X-File-Name": f"small{i}.bin", "X-File-Type": "application/octet-stream", "Content-Type": "application/octet-stream"})
                doc = create_file_document(conn, folder, f"small{i}", batch)
                if int(doc["properties"]["file:content"]["length"]) != SMALL_SIZE:
                    raise RuntimeError(f"small{i}: file:content is {doc['properties']['file:content']}")

            def pooled(work, items, port=server.port):
                def client(k):
                    conn = connect(port)
                    try:
                        for i in items[k::SMALL_CLIENTS]:
                            work(conn, i)
                    finally:
                        conn.close()
                with ThreadPoolExecutor(SMALL_CLIENTS) as pool:
                    for future in [pool.submit(client, k) for k in range(SMALL_CLIENTS)]:
                        future.result()

            pooled(one, list(range(SMALL_COUNT, SMALL_COUNT + warmup)))
            start = time.monotonic()
            pooled(one, list(range(SMALL_COUNT)))
            seconds = time.monotonic() - start
            docs_rate = SMALL_COUNT / seconds

            # Ceiling: the same client, pool and request pattern (3 requests, the second with the 10 KiB body) against
            # the bare Hummingbird route (GET /plain answering a 1 KiB body, request bodies ignored).
            ceiling, ceiling_note = None, ""
            try:
                plain = Plain(1024)
                try:
                    def three(conn, i):
                        for body in (None, bodies[i], b"x" * 200):
                            call(conn, "GET", "/plain", body=body)
                    pooled(three, list(range(SMALL_COUNT, SMALL_COUNT + warmup)), plain.port)
                    start = time.monotonic()
                    pooled(three, list(range(SMALL_COUNT)), plain.port)
                    ceiling = SMALL_COUNT / (time.monotonic() - start)
                finally:
                    plain.stop()
                ceiling_note = "; ceiling: the same 8 Python clients doing the same 3 requests against a bare Hummingbird route (GET /plain, 1 KiB answers)"
            except Exception as error:
                ceiling_note = f"; plain-route ceiling failed: {type(error).__name__}: {error}"
            report(name, docs_rate, "docs/s", ceiling,
                   note=f"{SMALL_COUNT} × (POST /upload, POST /upload/{{batch}}/0, POST document) in {seconds:.2f}s after {warmup} untimed; "
                        f"Python http.client, keep-alive{ceiling_note}")
        except Exception as error:
            report_failure(name, error)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def workflow_workloads():
    """Serial reviews end to end over HTTP (16 clients), then GET /task?userId= among 10,000 open tasks."""
    server = Server(os.path.join(TMP, "workflows"))
    try:
        w = json.loads(run([os.path.join(BIN, "nxbench"), "workflows", "--url", server.api, "--reviews", "1000", "--open-tasks", "10000"]))
        report("SerialDocumentReview end to end (16 clients)", w["reviewRate"], "workflows/s",
               note=f"{w['reviews']} reviews of one participant, 5 requests each (start, find task, choose participant, find task, validate): "
                    f"ACL grant and removal, lifecycle approve and check-in per review")
        report("POST /workflow (16 clients)", w["startRate"], "workflows/s", note=f"{w['openTasks']} workflows left on their first task")
        report(f"GET /task?userId=Administrator p50 ({w['adminResults']} open tasks of the user)", w["adminP50"], "ms", target="< 10 ms")
        report("GET /task?userId=Administrator p99", w["adminP99"], "ms")
        report(f"GET /task?userId= as a non-administrator p50 ({w['reviewerResults']} own tasks among {w['openTasks'] + 100} open)", w["reviewerP50"],
               "ms", target="< 10 ms")
        report("GET /task?userId= as a non-administrator p99", w["reviewerP99"], "ms")
    finally:
        server.stop()


def bulk_workloads():
    """A bulk setProperties over the whole corpus against the bulk load rate; GET p50 while it runs against GET p50
    without it; a full fulltext reindex (the `index` bulk action behind POST /management/elasticsearch/reindex)."""
    data = os.path.join(TMP, "bulk")
    load = json.loads(run([os.path.join(BIN, "nxbench"), "load", "--data", data, "--docs", str(DOCS)]))
    folders = max(10, DOCS // 1000)
    server = Server(data)
    try:
        conn = connect(server.port)

        def sample_gets(stop, latencies, seed):
            # GET by path over documents drawn from the whole corpus: mostly document-cache misses.
            c = connect(server.port)
            state = seed
            while not stop():
                state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
                i = (state >> 17) % DOCS
                start = time.perf_counter()
                call(c, "GET", f"/nuxeo/api/v1/path/default-domain/workspaces/folder{i % folders}/doc{i}")
                latencies.append((time.perf_counter() - start) * 1000)

        def p50(values):
            ordered = sorted(values)
            return ordered[len(ordered) // 2] if ordered else float("nan")

        quiet = []
        sample_gets(lambda: len(quiet) >= 2000, quiet, 7)

        def bulk(path, query=None):
            target = path + ("?" + urllib.parse.urlencode({"query": query}) if query else "")
            body = json.dumps({"dc:source": "bulk-bench"}) if "setProperties" in path else None
            _, answer = call(conn, "POST", target, body, {"Content-Type": "application/json"} if body else None, expect=(200, 202))
            command = json.loads(answer)["commandId"]
            start = time.monotonic()
            while True:
                state = json.loads(call(conn, "GET", f"/nuxeo/api/v1/management/bulk/{command}")[1])
                if state["state"] in ("COMPLETED", "ABORTED"):
                    return state, time.monotonic() - start
                time.sleep(0.2)

        busy = []
        done = threading.Event()
        sampler = threading.Thread(target=sample_gets, args=(done.is_set, busy, 11))
        sampler.start()
        try:
            state, seconds = bulk("/nuxeo/api/v1/search/bulk/setProperties", "SELECT * FROM Document WHERE ecm:path STARTSWITH '/default-domain/workspaces'")
        finally:
            done.set()
            sampler.join()
        if state["state"] != "COMPLETED" or state["errorCount"]:
            raise RuntimeError(f"bulk setProperties ended {state['state']} with {state['errorCount']} errors")
        report(f"bulk setProperties over {state['total']} documents", state["processed"] / seconds, "docs/s", load["rate"],
               target=">= 0.3 of the bulk load rate", note=f"{seconds:.1f}s from submission to COMPLETED; ceiling: the core's bulk load")
        report("GET document p50 while the bulk action runs", p50(busy), "ms", target="<= 2x the quiet p50",
               note=f"{len(busy)} GETs by path over random documents; quiet p50 {p50(quiet):.2f} ms ({p50(busy) / p50(quiet):.2f}x)")
        state, seconds = bulk("/nuxeo/api/v1/management/elasticsearch/reindex")
        if state["state"] != "COMPLETED":
            raise RuntimeError(f"reindex ended {state['state']}")
        report(f"full fulltext reindex of {state['total']} documents", state["processed"] / seconds, "docs/s",
               note=f"{seconds:.1f}s from submission to COMPLETED")
    finally:
        server.stop()


# ImageMagick's resource limits, as the converters of Spec/converters/default.yaml pass them.
MAGICK_LIMITS = ["-limit", "memory", "256MiB", "-limit", "map", "512MiB", "-limit", "disk", "1GiB", "-limit", "width", "16KP",
                 "-limit", "height", "16KP", "-limit", "area", "128MP"]
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "conversions")


def conversion_workloads():
    """Thumbnails of a 10-page PDF and of a 12-megapixel JPEG, DOCX to PDF: seconds per conversion through
    GET @convert (each on a file the server has not converted before: a cache miss), against the same tools run directly
    with the converter's arguments, alternated, median of REPEAT each; then the p50 of a repeated conversion (a cache
    hit)."""
    for tool in ("pdftoppm", "convert", "soffice", "qpdf"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is required for the conversion workloads (make tools installs it)")
    work = os.path.join(TMP, "conversions")
    os.makedirs(work, exist_ok=True)
    three = os.path.join(FIXTURES, "three-pages.pdf")
    ten = os.path.join(work, "ten-pages.pdf")
    twelve = os.path.join(work, "twelve-pages.pdf")
    subprocess.run(["qpdf", "--empty", "--pages", three, three, three, three, "--", twelve], check=True)
    subprocess.run(["qpdf", "--empty", "--pages", twelve, "1-10", "--", ten], check=True)
    photo = os.path.join(work, "photo-12mp.jpg")
    subprocess.run(["convert", "-size", "4000x3000", "gradient:navy-orange", "-attenuate", "0.6", "+noise", "Gaussian", "-quality", "90", photo],
                   check=True)
    with open(os.path.join(FIXTURES, "letter.docx"), "rb") as f:
        letter = f.read()
    repeat = 5

    def variant(kind, i):
        """A distinct file (another digest, so no cached result) of the same content: a PDF or JPEG with bytes after its
        end, which readers ignore; a DOCX with an extra unreferenced part."""
        path = os.path.join(work, f"{kind}-{i}")
        if kind == "docx":
            import zipfile, io
            with zipfile.ZipFile(io.BytesIO(letter)) as source, zipfile.ZipFile(path + ".docx", "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    target.writestr(item, source.read(item.filename))
                target.writestr(f"customXml/nx-bench-{i}.txt", f"variant {i}")
            return path + ".docx"
        base, ext = (ten, ".pdf") if kind == "pdf" else (photo, ".jpg")
        with open(base, "rb") as f:
            data = f.read()
        with open(path + ext, "wb") as f:
            f.write(data + (f"\n%nx-bench {i}\n" if kind == "pdf" else f"nx-bench {i}").encode())
        return path + ext

    def direct(kind, source):
        scratch = os.path.join(work, "direct")
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        start = time.monotonic()
        if kind == "pdf":
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to", "1024", source, os.path.join(scratch, "page")], check=True)
            subprocess.run(["convert"] + MAGICK_LIMITS + [os.path.join(scratch, "page.png") + "[0]", "-auto-orient", "-thumbnail", "350x350>",
                            "-background", "white", "-flatten", "png:" + os.path.join(scratch, "thumb.png")], check=True)
        elif kind == "jpg":
            subprocess.run(["convert"] + MAGICK_LIMITS + [source + "[0]", "-auto-orient", "-thumbnail", "350x350>", "-background", "white",
                            "-flatten", "png:" + os.path.join(scratch, "thumb.png")], check=True)
        else:
            subprocess.run(["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{scratch}/profile",
                            "--convert-to", "pdf", "--outdir", os.path.join(scratch, "out"), source],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": scratch})
        return time.monotonic() - start

    server = Server(os.path.join(work, "data"))
    try:
        conn = connect(server.port)
        mimes = {"pdf": "application/pdf", "jpg": "image/jpeg", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

        def document(kind, i, source):
            batch = new_batch(conn)
            with open(source, "rb") as f:
                call(conn, "POST", f"{API_PATH}/upload/{batch}/0", f.read(),
                     {"X-File-Name": os.path.basename(source), "X-File-Type": mimes[kind], "Content-Type": "application/octet-stream"}, expect=(201,))
            return create_file_document(conn, "/default-domain/workspaces", f"conv-{kind}-{i}", batch)["uid"]

        def served(doc, query):
            start = time.monotonic()
            status, data = call(conn, "GET", f"{API_PATH}/id/{doc}/@convert?{query}")
            return time.monotonic() - start, data

        cases = [("pdf", "converter=pdfToThumbnail", "thumbnail of a 10-page PDF"),
                 ("jpg", "converter=imageToThumbnail", "thumbnail of a 12-megapixel JPEG"),
                 ("docx", "converter=any2pdf", "DOCX to PDF")]
        hit = None
        for kind, query, label in cases:
            server_times, direct_times = [], []
            for i in range(repeat):
                source = variant(kind, i)
                doc = document(kind, i, source)
                seconds, data = served(doc, query)
                if kind == "docx" and not data.startswith(b"%PDF"):
                    raise RuntimeError("DOCX to PDF did not answer a PDF")
                if kind != "docx" and not data.startswith(b"\x89PNG"):
                    raise RuntimeError(f"{label} did not answer a PNG")
                server_times.append(seconds)
                direct_times.append(direct(kind, source))
                hit = hit or (doc, query)
            server_median = sorted(server_times)[len(server_times) // 2]
            direct_median = sorted(direct_times)[len(direct_times) // 2]
            report(f"conversion: {label}", 1 / server_median, "conversions/s", 1 / direct_median, target=">= 0.8 of the direct tool run",
                   note=f"{server_median * 1000:.0f} ms per conversion, median of {repeat} cache misses through GET @convert ({query}); "
                        f"ceiling: the same tool(s) with the converter's arguments run directly, {direct_median * 1000:.0f} ms")
        latencies = []
        for _ in range(200):
            seconds, _ = served(*hit)
            latencies.append(seconds * 1000)
        latencies.sort()
        report("conversion cache hit p50", latencies[len(latencies) // 2], "ms", target="< 5 ms",
               note=f"the same GET @convert repeated 200 times (a thumbnail PNG from the on-disk cache); p99 {latencies[int(len(latencies) * 0.99)]:.2f} ms")
    finally:
        server.stop()


class Postgres:
    """A PostgreSQL server of the run's own (Debian's binaries, run as the postgres user when root) on a free loopback
    port, with PostgreSQL's durable defaults (fsync and synchronous commit on), as SQLite runs with durability full."""

    def __init__(self):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not versions:
            raise RuntimeError("PostgreSQL is required (apt-get install postgresql); `make bench` installs it")
        self.bin = os.path.dirname(versions[-1])
        # Under the system's temporary directory, not the checkout: the postgres user must reach it, and a checkout may
        # sit below a directory only its owner can enter (mktemp -d makes them 0700).
        self.dir = tempfile.mkdtemp(prefix="nx-bench-postgres-")
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.port = free_port()
        run(self.prefix + [f"{self.bin}/initdb", "-D", f"{self.dir}/data", "--locale=C.UTF-8", "-E", "UTF8", "-A", "trust", "-U", "postgres"])
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB "
                   "-c work_mem=16MB -c effective_cache_size=4GB -c random_page_cost=1.1")
        run(self.prefix + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log", "-w", "-o", options, "start"])

    def database(self, name):
        run(self.prefix + [f"{self.bin}/createdb", "-h", self.dir, "-p", str(self.port), "-U", "postgres", name])
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self):
        subprocess.run(self.prefix + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def postgres_workloads():
    """The corpus workloads on PostgreSQL, each beside the same workload on SQLite in this run; then two nodes on one
    database: their combined throughput against one node's, and the latency of a read on one node after a write on
    the other (never stale)."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is required (apt-get install wrk); `make bench` installs it")
    pg = Postgres()
    try:
        url = pg.database("nxbench")
        sqlite_data = os.path.join(TMP, "pg-sqlite")
        pg_data = os.path.join(TMP, "pg-binaries")
        figures = {}
        for backend, data, database in (("SQLite", sqlite_data, None), ("PostgreSQL", pg_data, url)):
            load = json.loads(run([os.path.join(BIN, "nxbench"), "load", "--data", data, "--docs", str(DOCS)]
                                  + ([] if database is None else ["--database", database])))
            figures[(backend, "load")] = load["rate"]
            for cache in (None, 0):
                server = Server(data, cache=cache, database=database)
                try:
                    status, body = get(f"{server.api}/path/default-domain/workspaces/folder3/doc3")
                    uid = json.loads(body)["uid"]
                    figures[(backend, "get", cache)] = wrk(f"{server.api}/id/{uid}", [f"Authorization: {AUTH}", "properties: *"])
                    if cache is None:
                        for q in json.loads(run([os.path.join(BIN, "nxbench"), "query", "--url", server.api, "--runs", "200"])):
                            figures[(backend, "query", q["name"])] = (q["p50"], q["p99"], q["results"])
                        created = json.loads(run([os.path.join(BIN, "nxbench"), "create", "--url", server.api, "--clients", "16", "--count", "2000"]))
                        if created["failed"]:
                            raise RuntimeError(f"{backend}: {created['failed']} creates failed")
                        figures[(backend, "create")] = created["rate"]
                finally:
                    server.stop()
        sq = lambda *key: figures[("SQLite",) + key]
        pq = lambda *key: figures[("PostgreSQL",) + key]
        note = "ceiling: the same workload on SQLite in this run"
        report("PostgreSQL: bulk load through the core", pq("load"), "docs/s", sq("load"), note=note + f"; {DOCS} documents")
        report("PostgreSQL: GET document by id (wrk -t2 -c64)", pq("get", None), "req/s", sq("get", None), note=note)
        report("PostgreSQL: GET document by id, document cache disabled", pq("get", 0), "req/s", sq("get", 0), note=note)
        for (backend, kind, *rest), value in sorted(figures.items(), key=lambda item: str(item[0])):
            if backend != "PostgreSQL" or kind != "query":
                continue
            name = rest[0]
            p50, p99, count = value
            target = "p50 < 5 ms at 1,000,000 documents" if name == "indexed equality" else None
            report(f"PostgreSQL: NXQL {name} p50 ({count} results)", p50, "ms", sq("query", name)[0], target=target, note=note)
            report(f"PostgreSQL: NXQL {name} p99", p99, "ms", sq("query", name)[1], note=note)
        report("PostgreSQL: POST create (16 clients)", pq("create"), "docs/s", sq("create"), note=note)

        # Two nodes on the one database.
        a = Server(pg_data, database=url, node="bench-a")
        b = Server(pg_data, database=url, node="bench-b")
        try:
            status, body = get(f"{a.api}/path/default-domain/workspaces/folder3/doc3")
            uid = json.loads(body)["uid"]
            headers = [f"Authorization: {AUTH}", "properties: *"]
            one = wrk(f"{a.api}/id/{uid}", headers)
            rates = {}
            threads = [threading.Thread(target=lambda n, s: rates.__setitem__(n, wrk(f"{s.api}/id/{uid}", headers)), args=(n, s))
                       for n, s in (("a", a), ("b", b))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            report("PostgreSQL: two nodes, GET by id (wrk on each node at once)", rates["a"] + rates["b"], "req/s", one,
                   note=f"ceiling: one node alone in this run; node A {rates['a']:.0f}, node B {rates['b']:.0f} req/s; 2 cores serve both nodes and PostgreSQL")
            conn_a, conn_b = connect(a.port), connect(b.port)
            latencies, stale = [], 0
            for i in range(500):
                call(conn_a, "PUT", f"/nuxeo/api/v1/id/{uid}", json.dumps({"entity-type": "document", "properties": {"dc:title": f"round {i}"}}),
                     {"Content-Type": "application/json"})
                start = time.perf_counter()
                _, answer = call(conn_b, "GET", f"/nuxeo/api/v1/id/{uid}")
                latencies.append((time.perf_counter() - start) * 1000)
                if json.loads(answer)["title"] != f"round {i}":
                    stale += 1
            latencies.sort()
            report("PostgreSQL: read on node B right after a write on node A p50", latencies[len(latencies) // 2], "ms",
                   note=f"500 writes on A, each read back on B at once: {stale} stale reads; p99 {latencies[int(len(latencies) * 0.99)]:.2f} ms")
            if stale:
                raise RuntimeError(f"{stale} stale reads across nodes")
        finally:
            a.stop()
            b.stop()
    finally:
        pg.stop()


def main():
    global section
    for name in ONLY:
        if name not in SECTIONS:
            sys.exit(f"BENCH_ONLY: unknown section {name!r} (known: {', '.join(SECTIONS)})")
    needed = {"corpus": ("nxserver", "nxbench"), "traffic": ("nxserver", "nxbench"), "nxgen": ("nxgen",), "build": (), "blobs": ("nxserver", "nxbench"),
              "workflows": ("nxserver", "nxbench"), "bulk": ("nxserver", "nxbench"), "conversions": ("nxserver",),
              "postgres": ("nxserver", "nxbench")}
    for binary in sorted({b for s in SECTIONS if not ONLY or s in ONLY for b in needed[s]}):
        if not os.access(os.path.join(BIN, binary), os.X_OK):
            sys.exit(f"{os.path.join(BIN, binary)} is missing: `make bench` builds it (swift build -c release --product {binary})")
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    workloads = {"corpus": corpus_workloads, "traffic": traffic_workloads, "nxgen": nxgen_workloads, "build": build_workloads, "blobs": blob_workloads,
                 "workflows": workflow_workloads, "bulk": bulk_workloads, "conversions": conversion_workloads,
                 "postgres": postgres_workloads}
    for section in SECTIONS:
        if ONLY and section not in ONLY:
            continue
        try:
            workloads[section]()
        except Exception as error:
            report_failure(f"{section} workloads", error)
    section = None
    write_outputs()
    if failures:
        sys.exit(f"{len(failures)} workload(s) failed: {', '.join(failures)}")


def write_outputs():
    date = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    command = ("BENCH_ONLY=" + ",".join(ONLY) + " " if ONLY else "") + "make bench" + (f" BENCH_DOCS={DOCS}" if DOCS != 100000 else "")
    meta = {"cores": os.cpu_count(), "documents": DOCS, "wrk_seconds": SECONDS, "command": command,
            "server_flags": "--log-level warning", "date": date}
    suffix = "" if DOCS == 100000 else f"-{DOCS}"
    json_path = os.path.join(ROOT, "bench", f"results{suffix}.json")
    ran = [s for s in SECTIONS if not ONLY or s in ONLY]
    rows = list(results)
    section_dates = {s: date for s in ran}
    if ONLY and os.path.exists(json_path):
        # A partial run: keep the other sections' rows of the previous results, with the date they were measured.
        with open(json_path) as f:
            previous = json.load(f)
        old_dates = previous["machine"].get("section_dates", {})
        for row in previous["results"]:
            row.setdefault("section", legacy_section(row["name"]))
            if row["section"] not in ran:
                rows.append(row)
                section_dates[row["section"]] = old_dates.get(row["section"], previous["machine"].get("date"))
        rows.sort(key=lambda r: SECTIONS.index(r["section"]) if r.get("section") in SECTIONS else len(SECTIONS))
    meta["section_dates"] = {s: section_dates[s] for s in SECTIONS if s in section_dates}
    with open(json_path, "w") as f:
        json.dump({"machine": meta, "results": rows}, f, indent=2)
    lines = ["# nx benchmark results", "",
             f"Machine: {meta['cores']} cores. Command: `{meta['command']}` ({meta['date']}). Corpus: {DOCS} documents. Loopback only.",
             "Server started with `--log-level warning` (no per-request log lines); ceilings are measured in the same run."]
    if len(set(meta["section_dates"].values())) > 1:
        lines.append("Sections measured in different runs: " + "; ".join(f"{s} on {d}" for s, d in meta["section_dates"].items()) + ".")
    lines += ["", f"Across runs (bench/history{suffix}.jsonl): ![req/s and p99 per workload across the last runs](chart{suffix}.png)"]
    lines += ["", "| workload | figure | unit | ceiling | ratio | target | note |", "|---|---:|---|---:|---:|---|---|"]
    for r in rows:
        value = "FAILED" if r.get("error") else r["value"]
        note = r.get("error") or r.get("note", "")
        lines.append(f"| {r['name']} | {value} | {r['unit']} | {r.get('ceiling', '')} | {r.get('ratio', '')} | {r.get('target', '')} | {note} |")
    with open(os.path.join(ROOT, "bench", f"RESULTS{suffix}.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    # The history of runs (bench/history[-N].jsonl) and its chart (bench/chart[-N].png): req/s and p99 per workload.
    python = os.path.join(ROOT, ".build", "bench-venv", "bin", "python")
    chart = os.path.join(ROOT, "bench", "chart.py")
    subprocess.run([sys.executable, chart, "append", json_path], cwd=ROOT, check=True)
    if os.access(python, os.X_OK):
        subprocess.run([python, chart, "--docs", str(DOCS)], cwd=ROOT, check=True)
    else:
        print(f"{python} is missing (`make bench-venv`): the chart was not drawn", flush=True)


if __name__ == "__main__":
    main()
