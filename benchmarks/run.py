"""Benchmarks of proa-policy, measured side by side in one run (issue 7, §1).

    python benchmarks/run.py            # full run: 20,000 dossiers in process, 100,000 and 1,000,000 end to end
    python benchmarks/run.py --quick    # smoke run of a few seconds (small sizes: figures are not meaningful)

1. rules only: the policy engine (`PolicySet.decide_valid`, no schema validation) and
   `PolicySet.evaluate_document` (validation included) against a hand-written
   implementation of the same rules (`benchmarks/reference.py`), over generated
   valid dossiers (`benchmarks/generate.py`); both must agree on every verdict,
   failing-rule set and funding ceiling, else the run stops with exit code 1;
2. end to end: `proa-policy evaluate --format jsonl FILE > /dev/null` on JSON Lines
   files: dossiers per second and peak memory (max RSS);
3. cold start: `proa-policy evaluate ONE.json` against bare Python start-ups;
4. `proa-policy diff` and `evaluate --jobs`, when they exist.

Every figure is the median of several passes (time.perf_counter). The last
thing printed is a markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import reference  # noqa: E402
from proa_policy import __version__  # noqa: E402
from proa_policy.documents import load_json  # noqa: E402
from proa_policy.engine import load_policies  # noqa: E402

TIME_V = "/usr/bin/time"
TABLE: list[tuple[str, str, str]] = []  # (section, measure, figure)


def say(text: str = "") -> None:
    print(text, flush=True)


def record(section: str, measure: str, figure: str) -> None:
    TABLE.append((section, measure, figure))
    say(f"  {measure}: {figure}")


def cli_command() -> list[str]:
    beside = Path(sys.executable).with_name("proa-policy")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("proa-policy")
    return [found] if found else [sys.executable, "-m", "proa_policy.cli"]


# --- machine ------------------------------------------------------------------------

def machine_info() -> list[tuple[str, str]]:
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        nproc = os.cpu_count() or 0
    try:
        from yaml import __version__ as yaml_version
        from yaml import __with_libyaml__ as libyaml
    except ImportError:  # pragma: no cover
        yaml_version, libyaml = "?", False
    from importlib.metadata import version

    try:
        commit = subprocess.run(["git", "-C", str(HERE), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, check=False).stdout.strip() or "?"
    except OSError:
        commit = "?"
    return [
        ("nproc", str(nproc)),
        ("CPU", model),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} ({platform.system()} {platform.machine()})"),
        ("proa-policy", f"{__version__} (git {commit})"),
        ("libraries", f"jsonschema {version('jsonschema')}, PyYAML {yaml_version} (libyaml: {'yes' if libyaml else 'no'}), "
                      f"click {version('click')}"),
    ]


# --- 1. rules only, in process --------------------------------------------------------

def timed_passes(fn: Callable[[Any], Any], docs: list[Any], passes: int) -> tuple[float, list[Any]]:
    """Median seconds per pass of `[fn(d) for d in docs]`, and the results of the last pass."""
    times = []
    results: list[Any] = []
    for _ in range(passes):
        results = []
        gc.collect()
        start = time.perf_counter()
        results = [fn(d) for d in docs]
        times.append(time.perf_counter() - start)
    return statistics.median(times), results


def ours(decision: Any) -> tuple[str, frozenset[str], Any]:
    return decision.verdict, frozenset(v.rule for v in decision.violations), decision.funding.get("ceiling_eur")


def rules_only(n: int, passes: int, profile: bool) -> list[Any]:
    say(f"\n## 1. Rules only, in process ({n:,} generated valid dossiers, median of {passes} passes)")
    start = time.perf_counter()
    # through JSON and back, so every implementation sees what `proa-policy evaluate` sees
    docs = [load_json(generate.dumps(d)) for d in generate.dossiers(n)]
    say(f"  (generated in {time.perf_counter() - start:.1f} s)")
    policies = load_policies()
    engine_rules = policies.decide_valid  # public: the rules on a document already validated

    t_ref, ref_results = timed_passes(reference.decide, docs, passes)
    t_rules, rule_results = timed_passes(engine_rules, docs, passes)
    t_full, full_results = timed_passes(policies.evaluate_document, docs, passes)

    disagreements = []
    verdicts: dict[str, int] = {}
    warnings_agree = 0
    for doc, expected, rules_decision, full_decision in zip(docs, ref_results, rule_results, full_results):
        verdicts[expected[0]] = verdicts.get(expected[0], 0) + 1
        got_rules, got_full = ours(rules_decision), ours(full_decision)
        if got_rules != expected or got_full != expected:
            disagreements.append((doc, expected, got_rules, got_full))
        warned = any(w.rule == "art6.funding_within_ceiling" for w in full_decision.warnings)
        warnings_agree += warned == reference.funding_warning(doc, expected[2])
    mix = ", ".join(f"{verdicts.get(v, 0):,} {v}" for v in ("eligible", "ineligible", "not_applicable"))
    say(f"  verdicts: {mix}")
    if disagreements:
        say(f"  DISAGREE on {len(disagreements):,}/{n:,} dossiers; the first 5:")
        for doc, expected, got_rules, got_full in disagreements[:5]:
            say(f"    hand-written: {_show(expected)}")
            say(f"    decide_valid: {_show(got_rules)}")
            say(f"    evaluate_doc: {_show(got_full)}")
            say(f"    dossier: {generate.dumps(doc)}")
        raise SystemExit(1)
    say(f"  agree on {n:,}/{n:,} (verdict, failing rules, ceiling); art. 6 warning agrees on {warnings_agree:,}/{n:,}")
    if warnings_agree != n:
        raise SystemExit(1)

    us = 1e6 / n
    record("rules only", "hand-written (benchmarks/reference.py)", f"{t_ref * us:.1f} µs/dossier")
    record("rules only", "proa-policy `decide_valid` (no validation)", f"{t_rules * us:.1f} µs/dossier")
    record("rules only", "proa-policy `evaluate_document` (with validation)", f"{t_full * us:.1f} µs/dossier")
    record("rules only", "ratio `decide_valid` / hand-written", f"{t_rules / t_ref:.1f}×")
    record("rules only", "ratio `evaluate_document` / hand-written", f"{t_full / t_ref:.1f}×")
    record("rules only", "share of `evaluate_document` spent outside `decide_valid` (schema validation)",
           f"{(t_full - t_rules) / t_full:.0%}")

    if profile:
        say(f"\n  cProfile of one pass of evaluate_document over {n:,} dossiers, top 10 by tottime:")
        profiler = cProfile.Profile()
        profiler.enable()
        for d in docs:
            policies.evaluate_document(d)
        profiler.disable()
        _print_profile(profiler, 10)
    return docs


def _show(result: tuple[str, frozenset[str], Any]) -> str:
    verdict, rules, ceiling = result
    return f"{verdict} {sorted(rules)} ceiling={ceiling}"


def _print_profile(profiler: cProfile.Profile, top: int) -> None:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    head = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    for line in lines[head:]:
        if line.strip():
            say("    " + re.sub(r"/\S*/(site-packages|lib/python3\.\d+)/", "", line.replace(str(HERE.parent) + "/", "")))


def profile_cli(workdir: Path, n: int) -> None:
    """cProfile of the whole `evaluate --format jsonl` command, in process (reading, deciding, writing)."""
    from proa_policy.cli import main as cli_main

    path = workdir / f"profile-{n}.jsonl"
    generate.write_jsonl(str(path), n)
    say(f"\n  cProfile of `proa-policy evaluate --format jsonl` in process over {n:,} dossiers, top 12 by tottime:")
    profiler = cProfile.Profile()
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    try:
        profiler.enable()
        try:
            cli_main.main(["evaluate", "--format", "jsonl", str(path)], prog_name="proa-policy", standalone_mode=False)
        except SystemExit:
            pass
        finally:
            profiler.disable()
            sys.stdout.flush()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    _print_profile(profiler, 12)


# --- 2. end to end ------------------------------------------------------------------------

def run_measured(command: list[str], label: str = "", progress_every: float = 0.0) -> tuple[float, int, int | None]:
    """Run to /dev/null; (wall seconds, exit code, max RSS in KiB or None)."""
    with tempfile.NamedTemporaryFile(suffix=".time", delete=False) as tmp:
        time_file = tmp.name
    use_time = os.access(TIME_V, os.X_OK)
    full = [TIME_V, "-v", "-o", time_file, *command] if use_time else command
    start = time.perf_counter()
    process = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    last = start
    while True:
        try:
            _, err = process.communicate(timeout=1.0)
            break
        except subprocess.TimeoutExpired:
            now = time.perf_counter()
            if progress_every and now - last >= progress_every:
                say(f"    … {label} running, {now - start:.0f} s elapsed")
                last = now
    elapsed = time.perf_counter() - start
    rss: int | None = None
    if use_time:
        text = Path(time_file).read_text(encoding="utf-8", errors="replace")
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        rss = int(match.group(1)) if match else None
        status = re.search(r"Exit status: (\d+)", text)
        code = int(status.group(1)) if status else process.returncode
    else:
        import resource

        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, not this one
        code = process.returncode
    os.unlink(time_file)
    if code not in (0, 1):  # 1 is expected: some dossiers are ineligible or not applicable
        say(err.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"{' '.join(command)} exited with {code} (2 = some dossier invalid or unreadable)")
    return elapsed, code, rss


def end_to_end(workdir: Path, sizes: list[tuple[int, int]], one_million: bool) -> Path:
    """`sizes`: (dossiers, passes). Returns the first JSON Lines file (for --jobs)."""
    say("\n## 2. End to end: `proa-policy evaluate --format jsonl FILE > /dev/null`")
    if not os.access(TIME_V, os.X_OK):
        say("  (no /usr/bin/time: peak memory is getrusage(RUSAGE_CHILDREN), the largest child so far)")
    cli = cli_command()
    first: Path | None = None
    runs = list(sizes) + ([(1_000_000, 1)] if one_million else [])
    for n, passes in runs:
        path = workdir / f"dossiers-{n}.jsonl"
        start = time.perf_counter()
        say(f"  writing {n:,} dossiers to {path} …")
        generate.write_jsonl(str(path), n, progress=lambda i: say(f"    … {i:,} written"))
        size = path.stat().st_size
        say(f"  ({size / 1e6:.0f} MB in {time.perf_counter() - start:.0f} s); {passes} pass(es)"
            + (" — this one takes minutes" if n >= 1_000_000 else ""))
        first = first or path
        walls, rsss = [], []
        for i in range(passes):
            wall, code, rss = run_measured([*cli, "evaluate", "--format", "jsonl", str(path)],
                                           f"{n:,} dossiers", progress_every=30.0 if n >= 200_000 else 0.0)
            walls.append(wall)
            if rss is not None:
                rsss.append(rss)
            say(f"    pass {i + 1}: {wall:.1f} s, exit {code}, max RSS {rss / 1024 if rss else float('nan'):.0f} MiB")
        wall = statistics.median(walls)
        record("end to end", f"{n:,} dossiers: wall time", f"{wall:.1f} s")
        record("end to end", f"{n:,} dossiers: throughput", f"{n / wall:,.0f} dossiers/s ({wall / n * 1e6:.0f} µs/dossier)")
        if rsss:
            record("end to end", f"{n:,} dossiers: peak memory (max RSS)", f"{max(rsss) / 1024:.0f} MiB")
        if n >= 1_000_000:
            path.unlink()  # 700 MB: not kept
    assert first is not None
    return first


# --- 3. cold start ----------------------------------------------------------------------

def cold_start(workdir: Path, docs: list[Any], runs: int) -> None:
    say(f"\n## 3. Cold start (median of {runs} runs each)")
    eligible = next((d for d in docs if reference.decide(d)[0] == "eligible"), docs[0])
    one = workdir / "one.json"
    one.write_text(generate.dumps(eligible) + "\n", encoding="utf-8")
    py = sys.executable
    commands = [
        ("proa-policy evaluate ONE.json", [*cli_command(), "evaluate", str(one)]),
        ("python -c \"from proa_policy.engine import load_policies; load_policies()\"",
         [py, "-c", "from proa_policy.engine import load_policies; load_policies()"]),
        ("python -c \"import proa_policy.cli\"", [py, "-c", "import proa_policy.cli"]),
        ("python -c \"import yaml, click, jsonschema\"", [py, "-c", "import yaml, click, jsonschema"]),
        ("python -c pass", [py, "-c", "pass"]),
    ]
    medians: dict[str, float] = {}
    for label, command in commands:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # warm the page cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            times.append(time.perf_counter() - start)
            if result.returncode not in (0, 1):
                raise SystemExit(f"{label} exited with {result.returncode}: {result.stderr.decode()[-500:]}")
        medians[label] = statistics.median(times)
        record("cold start", f"`{label}`", f"{medians[label] * 1000:.0f} ms")
    cli_ms = medians[commands[0][0]]
    record("cold start", "ratio `proa-policy evaluate` / `import yaml, click, jsonschema`",
           f"{cli_ms / medians[commands[3][0]]:.1f}×")
    record("cold start", "ratio `proa-policy evaluate` / `python -c pass`", f"{cli_ms / medians[commands[4][0]]:.1f}×")


# --- 4. diff, --jobs ----------------------------------------------------------------------

DIFF_AMENDMENT = HERE.parent / "examples" / "amendments" / "01-hourly-rate-19" / "amendment.patch"
POLICIES_DIR = HERE.parent / "policies" / "pro-a-interim-cdi"


def diff_command(workdir: Path, runs: int, corpus: int) -> None:
    say("\n## 4. `proa-policy diff`")
    cli = cli_command()
    result = subprocess.run([*cli, "diff", "--help"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        say("  diff: not available yet")
        TABLE.append(("diff", "`proa-policy diff`", "not available yet"))
        return
    if not DIFF_AMENDMENT.exists():
        say(f"  diff: available, but {DIFF_AMENDMENT} is missing: not benchmarked")
        TABLE.append(("diff", "`proa-policy diff`", "available; not benchmarked (no example amendment)"))
        return
    amendment = DIFF_AMENDMENT.relative_to(HERE.parent)
    cases = [(f"`diff POLICIES {amendment}`", [], runs)]
    if corpus:
        path = workdir / f"diff-corpus-{corpus}.jsonl"
        generate.write_jsonl(str(path), corpus, seed=7)
        cases.append((f"`diff POLICIES {amendment} --dossiers` ({corpus:,} generated dossiers)",
                      ["--dossiers", str(path)], 1))
    for label, extra, n_runs in cases:
        times, explored = [], None
        for _ in range(n_runs):
            start = time.perf_counter()
            done = subprocess.run([*cli, "diff", str(POLICIES_DIR), str(DIFF_AMENDMENT), *extra],
                                  capture_output=True, text=True, check=False, cwd=HERE.parent)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):  # 1: decisions change (they do: the hourly rate changes)
                raise SystemExit(f"proa-policy diff exited with {done.returncode}: {done.stderr[-1000:]}")
            match = re.search(r"\((\d+) dossiers explored", done.stdout)
            explored = int(match.group(1)) if match else None
        wall = statistics.median(times)
        figure = f"{wall:.1f} s" + (f" (median of {n_runs})" if n_runs > 1 else "")
        if explored:
            figure += f"; {explored:,} dossiers explored, {explored / wall:,.0f}/s"
        record("diff", label, figure)


def jobs(path: Path, passes: int) -> None:
    say("\n## 5. `proa-policy evaluate --jobs`")
    cli = cli_command()
    help_text = subprocess.run([*cli, "evaluate", "--help"], capture_output=True, text=True, check=False).stdout
    if "--jobs" not in help_text:
        say("  jobs: not available yet")
        TABLE.append(("jobs", "`evaluate --jobs`", "not available yet"))
        return
    outputs: dict[int, bytes] = {}
    walls: dict[int, float] = {}
    for n_jobs in (1, 2):
        times = []
        for _ in range(passes):
            out_path = path.with_suffix(f".jobs{n_jobs}.out")
            start = time.perf_counter()
            with open(out_path, "wb") as out:
                code = subprocess.run([*cli, "evaluate", "--format", "jsonl", "--jobs", str(n_jobs), str(path)],
                                      stdout=out, check=False).returncode
            times.append(time.perf_counter() - start)
            if code not in (0, 1):
                raise SystemExit(f"evaluate --jobs {n_jobs} exited with {code}")
            outputs[n_jobs] = out_path.read_bytes()
            out_path.unlink()
        walls[n_jobs] = statistics.median(times)
    lines = outputs[1].count(b"\n")
    same = outputs[1] == outputs[2]
    say(f"  --jobs 1 and --jobs 2 outputs: {'identical' if same else 'DIFFERENT'} ({len(outputs[1]):,} bytes, {lines:,} lines)")
    record("jobs", f"`--jobs 1`, {lines:,} dossiers", f"{walls[1]:.1f} s ({lines / walls[1]:,.0f} dossiers/s)")
    record("jobs", f"`--jobs 2`, {lines:,} dossiers", f"{walls[2]:.1f} s ({lines / walls[2]:,.0f} dossiers/s)")
    record("jobs", "speed-up `--jobs 2` / `--jobs 1`; outputs identical", f"{walls[1] / walls[2]:.2f}×; {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


# --- main ---------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description="proa-policy benchmarks (issue 7 §1)")
    parser.add_argument("--quick", action="store_true", help="smoke run of a few seconds, small sizes (figures not meaningful)")
    parser.add_argument("--n", type=int, help="dossiers for the in-process comparison (default 20,000; quick 2,000)")
    parser.add_argument("--passes", type=int, help="passes per in-process figure (default 5; quick 3)")
    parser.add_argument("--no-1m", action="store_true", help="skip the 1,000,000-dossier end-to-end run")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of evaluate_document")
    args = parser.parse_args()
    quick = args.quick
    n = args.n or (2_000 if quick else 20_000)
    passes = args.passes or (3 if quick else 5)

    say(f"# proa-policy benchmarks{' (--quick: smoke run, figures not meaningful)' if quick else ''}")
    info = machine_info()
    for key, value in info:
        say(f"  {key}: {value}")
    load_start = os.getloadavg()[0]
    busy = load_start > 0.5
    if busy:
        say(f"  WARNING: load average {load_start:.1f} before starting: other processes compete for the CPU,"
            " figures will be slower and noisier than on an idle machine")
    started = time.perf_counter()

    docs = rules_only(n, passes, profile=not args.no_profile and not quick)
    with tempfile.TemporaryDirectory(prefix="proa-bench-") as tmp:
        workdir = Path(tmp)
        sizes = [(2_000, 1)] if quick else [(100_000, 3)]
        if not quick and not args.no_profile:
            profile_cli(workdir, n)
        first = end_to_end(workdir, sizes, one_million=not quick and not args.no_1m)
        cold_start(workdir, docs, runs=3 if quick else 10)
        diff_command(workdir, runs=1 if quick else 5, corpus=0 if quick else 1_000)
        jobs(first, passes=1 if quick else 3)

    say(f"\n(total {time.perf_counter() - started:.0f} s)\n")
    info.append(("load average (1 min)", f"{load_start:.1f} at start, {os.getloadavg()[0]:.1f} at end"
                 + (" — machine busy: figures unreliable" if busy else "")))
    say("## Results" + (" (--quick: smoke run, not for docs)" if quick else ""))
    say("")
    say("| Machine | |")
    say("|---|---|")
    for key, value in info:
        say(f"| {key} | {value} |")
    say("")
    say("| Section | Measure | Figure |")
    say("|---|---|---|")
    for section, measure, figure in TABLE:
        escaped = measure.replace("|", "\\|")
        say(f"| {section} | {escaped} | {figure} |")


if __name__ == "__main__":
    main()
