#!/usr/bin/env python3
"""Benchmark history and its chart: req/s and p99 per workload across the benchmark runs, so a regression shows at a glance.

History: one JSON line per run, {"machine": {...}, "results": [rows]}, in bench/history.jsonl for the 100,000-document
corpus and bench/history-N.jsonl for another size N (beside bench/results.json and bench/results-N.json). A line holds
only the rows of the sections measured in that run (bench/run.py keeps the other sections' older rows in the results
file; their date is in machine.section_dates). Old results files without sections count as one run.

    chart.py seed [--docs N] [--force] [--no-git]   create the history from bench/results[-N].json and its git history
    chart.py append RESULTS_JSON [--history PATH]   append the run of a results file (seeds first if there is no history)
    chart.py [render] [--docs N] [--history PATH] [--out PNG]
                                                    bench/chart[-N].png from the history (matplotlib, Agg)

seed and append need the standard library only; render needs matplotlib (`make bench-venv`:
.build/bench-venv/bin/python bench/chart.py).
"""
import argparse, datetime, json, math, os, re, subprocess, sys, textwrap

BENCH = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DOCS = 100000
SECTIONS = ("corpus", "traffic", "nxgen", "build", "blobs", "workflows", "bulk", "conversions", "postgres")  # as in bench/run.py
CHANGE = 0.05  # latest point coloured when it is this much worse (red) or better (green) than the previous one
DATE_FORMAT = "%Y-%m-%d %H:%M:%S UTC"


# ---------------------------------------------------------------- paths

def suffix(docs):
    return "" if int(docs) == DEFAULT_DOCS else f"-{int(docs)}"


def results_path_for(docs):
    return os.path.join(BENCH, f"results{suffix(docs)}.json")


def history_path_for(docs):
    return os.path.join(BENCH, f"history{suffix(docs)}.jsonl")


def chart_path_for(docs):
    return os.path.join(BENCH, f"chart{suffix(docs)}.png")


def history_path_for_results(results_path):
    """bench/results.json -> bench/history.jsonl, bench/results-N.json -> bench/history-N.jsonl (same directory); any
    other name: from the file's machine.documents."""
    directory, base = os.path.split(os.path.abspath(results_path))
    m = re.fullmatch(r"results(-\d+)?\.json", base)
    if m:
        return os.path.join(directory, f"history{m.group(1) or ''}.jsonl")
    docs = load_json(results_path).get("machine", {}).get("documents", DEFAULT_DOCS)
    return os.path.join(directory, f"history{suffix(docs)}.jsonl")


def docs_of_results_path(results_path):
    m = re.fullmatch(r"results-(\d+)\.json", os.path.basename(results_path))
    return int(m.group(1)) if m else DEFAULT_DOCS


# ---------------------------------------------------------------- rows

def load_json(path):
    with open(path) as f:
        return json.load(f)


def legacy_section(name):
    """The section of a row written before rows carried one (bench/run.py's rule)."""
    if name.startswith("nxgen"):
        return "nxgen"
    if name.startswith("incremental build"):
        return "build"
    return "corpus"


def section_of(row):
    return row.get("section") or legacy_section(row.get("name", ""))


def row_date(machine, row):
    """When a row was measured: its section's date, else the file's date."""
    return (machine.get("section_dates") or {}).get(section_of(row), machine.get("date"))


def run_rows(document):
    """The rows measured in the run that wrote this results document: those whose section's date is machine.date (all
    rows when the file has no section_dates)."""
    machine = document.get("machine", {})
    rows = [dict(r, section=section_of(r)) for r in document.get("results", []) if isinstance(r, dict) and "name" in r]
    dates = machine.get("section_dates")
    if not dates:
        return rows
    return [r for r in rows if dates.get(r["section"]) == machine.get("date")]


def parse_date(text):
    try:
        return datetime.datetime.strptime(text, DATE_FORMAT)
    except (TypeError, ValueError):
        return None


def date_key(text):
    parsed = parse_date(text)
    return (0, parsed, "") if parsed else (1, datetime.datetime.min, str(text))


def section_order(section):
    return (SECTIONS.index(section), "") if section in SECTIONS else (len(SECTIONS), str(section))


def read_history(history_path):
    """The history's lines (runs), skipping lines that are not JSON objects."""
    runs = []
    with open(history_path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                run = json.loads(line)
            except ValueError:
                print(f"{history_path}:{lineno}: not JSON, skipped", file=sys.stderr)
                continue
            if isinstance(run, dict) and isinstance(run.get("machine"), dict) and isinstance(run.get("results"), list):
                runs.append(run)
    return runs


def history_keys(runs):
    """(section, date) of every row in the history."""
    return {(section_of(r), row_date(run["machine"], r)) for run in runs for r in run["results"] if isinstance(r, dict)}


def write_lines(path, runs, mode):
    text = "".join(json.dumps(run, sort_keys=False, separators=(",", ":")) + "\n" for run in runs)
    if mode == "a":
        with open(path, "a") as f:
            f.write(text)
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


# ---------------------------------------------------------------- append / seed

def append_history(results_path, history_path=None):
    """Append the run of results_path (its machine metadata and the rows of the sections measured in that run) as one
    line to the history (default: derived from results_path). Creates the history with seed_history first when it does
    not exist. Rows whose (section, date) is already in the history are not added again, so calling it twice is
    harmless. Returns the number of rows appended."""
    history_path = history_path or history_path_for_results(results_path)
    if not os.path.exists(history_path):
        seed_history(results_path, history_path)
        return 0  # the seed holds this run already
    document = load_json(results_path)
    machine = document.get("machine", {})
    known = history_keys(read_history(history_path))
    rows = [r for r in run_rows(document) if (r["section"], machine.get("date")) not in known]
    if not rows:
        print(f"{os.path.relpath(history_path)}: run of {machine.get('date')} already there")
        return 0
    write_lines(history_path, [{"machine": machine, "results": rows}], "a")
    print(f"{os.path.relpath(history_path)}: + run of {machine.get('date')} ({len(rows)} rows)")
    return len(rows)


def git_versions(results_path):
    """(label, document) of the committed versions of every bench/results*.json next to results_path, newest first;
    [] when git is not there. Old versions of results.json may hold another corpus size (the caller filters)."""
    directory = os.path.dirname(os.path.abspath(results_path))
    def git(*args):
        return subprocess.run(["git", *args], cwd=directory, capture_output=True, text=True, check=True).stdout
    try:
        top = git("rev-parse", "--show-toplevel").strip()
        pattern = os.path.join(os.path.relpath(directory, top), "results*.json")
        log = git("-C", top, "log", "--format=commit %H", "--name-only", "--no-renames", "--", pattern)
    except (OSError, subprocess.CalledProcessError):
        return []
    versions, commit = [], None
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line.split()[1]
        elif line.strip() and commit and re.fullmatch(r"results(-\d+)?\.json", os.path.basename(line.strip())):
            path = line.strip()
            try:
                document = json.loads(git("-C", top, "show", f"{commit}:{path}"))
            except (subprocess.CalledProcessError, ValueError):
                continue  # deleted in that commit, or not JSON
            versions.append((f"git {commit[:7]}:{path}", document))
    return versions


def seed_history(results_path, history_path=None, use_git=True, force=False):
    """Create the history (when it does not exist, or force) from the results file and the committed versions of the
    results files: one line per distinct section date, in date order, each with the rows measured then. Rows of the
    same (section, date) found in several versions are taken once, from the newest. Returns the number of lines."""
    history_path = history_path or history_path_for_results(results_path)
    if os.path.exists(history_path) and not force:
        print(f"{os.path.relpath(history_path)} exists: not seeded (--force to rebuild it)")
        return 0
    docs = docs_of_results_path(results_path)
    sources = []
    if os.path.exists(results_path):
        sources.append(("working tree " + os.path.relpath(results_path), load_json(results_path)))
        docs = sources[0][1].get("machine", {}).get("documents", docs)
    if use_git:
        sources += git_versions(results_path)
    claimed = {}    # (section, date) -> rows, from the first (newest) source that has them
    origin = {}     # date -> source labels
    machines = {}   # date -> machine metadata of the run of that date (the version written by that run)
    fallback = {}   # date -> machine metadata of the first version holding rows of that date
    for label, document in sources:
        machine = document.get("machine", {}) if isinstance(document, dict) else {}
        if machine.get("documents", docs) != docs:
            continue
        if machine.get("date"):
            machines.setdefault(machine["date"], machine)
        groups = {}
        for row in document.get("results", []):
            if not isinstance(row, dict) or "name" not in row:
                continue
            row = dict(row, section=section_of(row))
            date = row_date(machine, row)
            if date:
                groups.setdefault((row["section"], date), []).append(row)
        for key, rows in groups.items():
            if key not in claimed:
                claimed[key] = rows
                origin.setdefault(key[1], []).append(label)
                fallback.setdefault(key[1], machine)
    lines = []
    for date in sorted({d for _, d in claimed}, key=date_key):
        sections = sorted((s for s, d in claimed if d == date), key=section_order)
        if date in machines:
            machine = dict(machines[date])
        else:  # a run whose own results file was not committed: the metadata of a later file, minus its command
            machine = {k: v for k, v in fallback[date].items() if k != "command"}
        machine["date"] = date
        machine["section_dates"] = {s: date for s in sections}
        rows = [r for s in sections for r in claimed[(s, date)]]
        lines.append({"machine": machine, "results": rows, "seeded_from": sorted(set(origin[date]))})
    if not lines:
        print(f"{os.path.relpath(results_path)}: no results to seed {os.path.relpath(history_path)} from")
        return 0
    write_lines(history_path, lines, "w")
    print(f"{os.path.relpath(history_path)}: seeded with {len(lines)} runs from {len(sources)} versions of the results")
    return len(lines)


# ---------------------------------------------------------------- chart

def workload_key(name):
    """Names carry counts that move between runs ("1490 bytes", "100100 documents"): numbers other than pNN count as one."""
    return re.sub(r"(?<![pP\d])\d+(?:\.\d+)?", "#", name)


def short_title(name, width=40, lines=2):
    text = name.replace("PostgreSQL: ", "PG: ").replace(" through the ", " via ").replace("document", "doc")
    text = re.sub(r",?\s*wrk -t\d+ -c\d+", "", text).replace(" ()", "")
    wrapped = textwrap.wrap(text, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def is_throughput(row):
    unit = row.get("unit") or ""
    return unit == "req/s" or unit.endswith("/s")


def is_p99(row):
    return re.search(r"\bp99\b", row.get("name", "")) is not None and not is_throughput(row)


def number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def target_level(row, docs):
    """The value the row's target asks for, when it can be read: ">= X of <reference>" with the row's ratio (level =
    value * X / ratio), or "< N unit" / "p99 < N unit [at D documents]" in the row's own unit."""
    target, value = row.get("target"), number(row.get("value"))
    if not isinstance(target, str) or value is None:
        return None
    m = re.fullmatch(r"\s*>=?\s*([\d.]+)\s+of\b.*", target)
    ratio = number(row.get("ratio"))
    if m and ratio:
        return value * float(m.group(1)) / ratio
    m = re.fullmatch(r"\s*(p\d+\s+)?[<>]=?\s*([\d.,]+)\s*(\S+)(?:\s+at\s+([\d,]+)\s+documents)?\s*", target)
    if m and m.group(3) == row.get("unit"):
        percentile = m.group(1)
        if percentile and not re.search(rf"\b{percentile.strip()}\b", row.get("name", "")):
            return None
        if m.group(4) and int(m.group(4).replace(",", "")) != docs:
            return None
        return float(m.group(2).replace(",", ""))
    return None


def compact(value):
    magnitude = abs(value)
    if magnitude >= 1e6:
        return f"{value / 1e6:.3g}M"
    if magnitude >= 1e3:
        return f"{value / 1e3:.3g}k"
    return f"{value:.3g}"


def series(runs, docs):
    """workload key -> {"section", "name" (the latest), "unit", "points": [(date, value, level)] in date order,
    "failed": the date of a failed measurement after the last figure, or None}. Rows with an error or no value are no
    points."""
    workloads, failed = {}, {}
    for run in runs:
        machine = run["machine"]
        if machine.get("documents", docs) != docs:
            continue
        for row in run["results"]:
            if not isinstance(row, dict) or "name" not in row:
                continue
            date = row_date(machine, row)
            if not date:
                continue
            key = workload_key(row["name"])
            if row.get("error") or number(row.get("value")) is None:
                failed.setdefault(key, []).append(date)
                continue
            w = workloads.setdefault(key, {"points": {}})
            w["points"][date] = (number(row["value"]), target_level(row, docs), row)
    for key, w in workloads.items():
        dates = sorted(w["points"], key=date_key)
        latest = w["points"][dates[-1]][2]
        w.update(section=section_of(latest), name=latest["name"], unit=latest.get("unit") or "", latest_row=latest)
        w["points"] = [(d, w["points"][d][0], w["points"][d][1]) for d in dates]
        # a failure after the latest figure (the chart shows the figure, and says it failed since)
        w["failed"] = max((d for d in failed.get(key, []) if date_key(d) > date_key(dates[-1])), key=date_key, default=None)
    return workloads


def short_date(text):
    parsed = parse_date(text)
    return parsed.strftime("%m-%d") if parsed else str(text)[:10]


def render_chart(history_path, out_path, docs=DEFAULT_DOCS, last=30, columns=6):
    """Draw out_path from the history: throughput workloads (unit req/s or */s, higher is better) and p99 latencies
    (lower is better), one small plot per workload with its last `last` measurements, evenly spaced, y from 0."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = read_history(history_path)
    workloads = series(runs, docs)
    order = lambda key: (section_order(workloads[key]["section"]), workloads[key]["name"].lower(), key)
    throughput = sorted((k for k, w in workloads.items() if is_throughput(w["latest_row"])), key=order)
    latency = sorted((k for k, w in workloads.items() if is_p99(w["latest_row"])), key=order)
    all_dates = sorted({d for k in throughput + latency for d, _, _ in workloads[k]["points"]}, key=date_key)

    panels = [(f"Throughput (higher is better): {len(throughput)} workloads", throughput, True),
              (f"p99 latency, ms (lower is better): {len(latency)} workloads", latency, False)]
    panels = [p for p in panels if p[1]]
    row_height, header = 1.55, 0.55
    rows = [math.ceil(len(keys) / columns) for _, keys, _ in panels]
    width = 16.0
    height = 0.9 + sum(r * row_height + header for r in rows) if panels else 2.0
    plt.rcParams.update({"font.size": 7, "axes.titlesize": 7, "axes.linewidth": 0.6,
                         "xtick.major.size": 2, "ytick.major.size": 2})
    fig = plt.figure(figsize=(width, height), dpi=100)
    span = f"{all_dates[0]} to {all_dates[-1]}" if all_dates else "no runs"
    fig.suptitle(f"nx benchmarks, {docs:,} documents: {len(all_dates)} runs ({span}), {os.path.basename(history_path)}",
                 fontsize=11, y=1 - 0.18 / height, fontweight="bold")
    fig.text(0.5, 1 - 0.5 / height,
             f"Each plot: the workload's last {last} measurements at most, oldest to newest, evenly spaced (first and "
             f"last date under the axis); y from 0; a point far above the others is drawn as ^ with its value.\n"
             f"Big dot: the latest measurement (text: value, change from the one before, date), red when > {CHANGE:.0%} "
             f"worse, green when > {CHANGE:.0%} better; FAILED: a later run failed it.  Dashed red: the target, where it can be read.",
             ha="center", va="center", fontsize=8, color="0.3")
    if not panels:
        fig.text(0.5, 0.4, "no throughput or p99 figures in the history", ha="center")
    top = 1 - 0.9 / height
    for (title, keys, higher_is_better), nrows in zip(panels, rows):
        panel_height = (nrows * row_height + header) / height
        fig.text(0.012, top - 0.12 / height, title, fontsize=10, fontweight="bold", va="top")
        grid = fig.add_gridspec(nrows, columns, left=0.03, right=0.99, top=top - header / height,
                                bottom=top - panel_height + 0.32 / height, hspace=1.05, wspace=0.28)
        for i, key in enumerate(keys):
            draw_workload(fig.add_subplot(grid[i // columns, i % columns]), workloads[key], higher_is_better, last)
        top -= panel_height
    fig.savefig(out_path, dpi=100, metadata={"Software": None})
    plt.close(fig)
    shrink_png(out_path)
    print(f"{os.path.relpath(out_path)}: {len(throughput)} throughput and {len(latency)} p99 workloads from "
          f"{len(all_dates)} runs, {os.path.getsize(out_path) // 1024} KB")


def draw_workload(ax, w, higher_is_better, last, slots_min=6):
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    points = w["points"][-last:]
    slots = max(len(points), slots_min)  # few points sit at the right: the latest is always at the right edge
    xs = [slots - len(points) + i for i in range(len(points))]
    ys = [v for _, v, _ in points]
    levels = [(x, level) for x, (_, _, level) in zip(xs, points) if level is not None]
    # The y range: from 0 to the points, except those far above the median of the others (a broken early run)
    ordered = sorted(ys)
    median = ordered[len(ordered) // 2]
    cap = max(ys) if len(ys) < 3 or median <= 0 else max(4 * median, ys[-1])
    ymax = max(y for y in ys if y <= cap)
    shown_levels = [(x, l) for x, l in levels if l <= 2 * ymax]
    if shown_levels:
        ymax = max(ymax, max(l for _, l in shown_levels))
    top = ymax * 1.4 if ymax > 0 else 1
    ceiling = ymax * 1.15 if ymax > 0 else 0.8  # where points above the range are drawn (below the text line)
    clipped = [min(y, ceiling) for y in ys]
    ax.plot(xs, clipped, "-", color="#4a6fa5", linewidth=1)
    inside = [(x, y) for x, y in zip(xs, ys) if y <= ceiling]
    ax.plot([x for x, _ in inside], [y for _, y in inside], "o", color="#4a6fa5", markersize=2.5)
    for x, y in zip(xs, ys):
        if y > ceiling:
            ax.plot([x], [ceiling], "^", color="#4a6fa5", markersize=4)
            ax.annotate(compact(y), (x, ceiling), xytext=(4, -1), textcoords="offset points", fontsize=5.5,
                        color="#4a6fa5", va="center")
    if shown_levels:
        ax.plot([x for x, _ in shown_levels], [l for _, l in shown_levels], "--", color="#c0392b",
                linewidth=0.9, marker="_" if len(shown_levels) == 1 else None, markersize=8)
    latest, colour, change_text = ys[-1], "black", ""
    if len(ys) > 1 and ys[-2] > 0:
        change = latest / ys[-2] - 1
        worse = change < -CHANGE if higher_is_better else change > CHANGE
        better = change > CHANGE if higher_is_better else change < -CHANGE
        colour = "#d62728" if worse else "#2ca02c" if better else "black"
        change_text = f" {change:+.1%}"
    ax.plot([xs[-1]], [min(latest, ceiling)], "o", color=colour, markersize=6, zorder=3, clip_on=False)
    ax.text(0.02, 0.97, f"{compact(latest)} {w['unit']}{change_text}  ({short_date(points[-1][0])})",
            transform=ax.transAxes, ha="left", va="top", fontsize=6.5, color=colour,
            fontweight="bold" if colour != "black" else "normal")
    if w["failed"]:
        ax.text(0.02, 0.83, f"FAILED {short_date(w['failed'])}", transform=ax.transAxes, ha="left", va="top",
                fontsize=6.5, color="#d62728", fontweight="bold")
    ax.set_title(short_title(w["name"]), loc="left", pad=3)
    ax.set_ylim(0, top)
    ax.set_xlim(-0.4, slots - 0.6)
    ax.yaxis.set_major_locator(MaxNLocator(3))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: compact(v) if v else "0"))
    first, newest = short_date(points[0][0]), short_date(points[-1][0])
    ticks = [xs[0], xs[-1]] if first != newest and xs[-1] - xs[0] >= 0.3 * slots else [xs[-1]]
    ax.set_xticks(ticks)
    ax.set_xticklabels([first, newest][-len(ticks):])
    ax.set_xticks(xs, minor=True)
    ax.tick_params(axis="x", which="minor", length=1.5)
    ax.grid(axis="y", linewidth=0.3, color="0.85")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def shrink_png(path):
    """A palette PNG (the chart has few colours): a fraction of the RGBA file's size. Pillow comes with matplotlib."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


# ---------------------------------------------------------------- command line

def main(argv):
    mode = argv[0] if argv and argv[0] in ("seed", "append", "render") else "render"
    args = argv[1:] if argv and argv[0] == mode else argv
    parser = argparse.ArgumentParser(prog=f"chart.py {mode}", description=__doc__.split("\n\n")[0])
    if mode == "append":
        parser.add_argument("results", metavar="RESULTS_JSON")
        parser.add_argument("--history", help="default: history[-N].jsonl beside RESULTS_JSON")
        options = parser.parse_args(args)
        append_history(options.results, options.history)
        return 0
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="corpus size (default 100000)")
    parser.add_argument("--history", help="default: bench/history[-N].jsonl")
    if mode == "seed":
        parser.add_argument("--force", action="store_true", help="rebuild an existing history")
        parser.add_argument("--no-git", action="store_true", help="the results file only, not its git history")
        options = parser.parse_args(args)
        seed_history(results_path_for(options.docs), options.history or history_path_for(options.docs),
                     use_git=not options.no_git, force=options.force)
        return 0
    parser.add_argument("--out", help="default: bench/chart[-N].png")
    parser.add_argument("--last", type=int, default=30, help="measurements per workload (default 30)")
    options = parser.parse_args(args)
    history = options.history or history_path_for(options.docs)
    if not os.path.exists(history):
        print(f"{os.path.relpath(history)}: no history; create it with: chart.py seed"
              + (f" --docs {options.docs}" if options.docs != DEFAULT_DOCS else ""), file=sys.stderr)
        return 1
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("chart.py: no matplotlib here; make bench-venv, then .build/bench-venv/bin/python bench/chart.py",
              file=sys.stderr)
        return 1
    render_chart(history, options.out or chart_path_for(options.docs), options.docs, max(options.last, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
