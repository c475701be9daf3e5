"""Sections 2 to 6: the `proa-policy` command measured from outside, as a user runs it.

JSON Lines end to end on one core against the plain loop (benchmarks/plain_loop.py), `--jobs 2` against
`--jobs 1` on a large file and on a folder of small files, cold start against the import floor, the rate
at which `diff` explores dossiers, and the server's own benchmark (benchmarks/serve.py) when it exists.
Passes of the things compared take turns, and every figure is a median.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
import reference
from common import HERE, ROOT, Child, cli_command, number_in, one_core, record, run_child, say, target

DIFF_AMENDMENT = ROOT / "examples" / "amendments" / "01-hourly-rate-19" / "amendment.patch"
POLICIES_DIR = ROOT / "policies" / "pro-a-interim-cdi"
SERVE = HERE / "serve.py"


def _passes(count: int) -> str:
    return f"{count} interleaved pass" + ("es" if count > 1 else "")


def _median(children: list[Child], field: str = "wall") -> float:
    return statistics.median(getattr(c, field) for c in children)


def end_to_end(path: Path, n: int, passes: int) -> None:
    say(f"\n## 2. End to end on one core: `evaluate --format jsonl` on {n:,} dossiers ({_passes(passes)})")
    pin = one_core()
    if not pin:
        say("  (no taskset: not pinned to one core)")
    cli = [*pin, *cli_command(), "evaluate", "--format", "jsonl", str(path)]
    loop = [*pin, sys.executable, str(HERE / "plain_loop.py"), str(path)]
    runs: dict[str, list[Child]] = {"cli": [], "loop": []}
    for _ in range(passes):
        runs["cli"].append(run_child(cli, memory=True))
        runs["loop"].append(run_child(loop))
    # pinned to one core, CPU time is the time the command would take alone on it; wall time counts the
    # waits for that core too, which on a shared machine are most of the noise
    cli_rate, loop_rate = n / _median(runs["cli"], "cpu"), n / _median(runs["loop"], "cpu")
    share = statistics.median(loop.cpu / cli.cpu for cli, loop in zip(runs["cli"], runs["loop"]))
    peaks = [c.max_rss_kib for c in runs["cli"] if c.max_rss_kib]
    memory = f", max RSS {max(peaks) / 1024:.0f} MiB" if peaks else ""
    record("end to end", "`proa-policy evaluate --format jsonl`, one core",
           f"{cli_rate:,.0f} dossiers/s of CPU (wall: {n / _median(runs['cli']):,.0f}/s){memory}")
    record("end to end", "plain loop (benchmarks/plain_loop.py), one core",
           f"{loop_rate:,.0f} dossiers/s of CPU (wall: {n / _median(runs['loop']):,.0f}/s)")
    record("end to end", "CLI throughput / plain loop throughput", f"{share:.2f}×")
    target("CLI JSON Lines ≥ 20,000 dossiers/s on one core", f"{cli_rate:,.0f} dossiers/s",
           cli_rate >= 20_000)
    target("CLI ≥ half the plain loop's throughput", f"{share:.2f}×", share >= 0.5)


def jobs(path: Path, n: int, folder_files: int, passes: int) -> None:
    say(f"\n## 3. `evaluate --jobs 2` against `--jobs 1` (both cores; {_passes(passes)})")
    say("  (a wall-time speed-up: it needs both cores free, so on a loaded machine it says little)")
    help_text = subprocess.run([*cli_command(), "evaluate", "--help"], capture_output=True, text=True).stdout
    if "--jobs" not in help_text:
        say("  --jobs: not available")
        target("`--jobs 2` ≥ 1.8× `--jobs 1` on a large input", "n/a (no --jobs)", None)
        return
    with tempfile.TemporaryDirectory(prefix="proa-bench-small-") as tmp:
        folder = Path(tmp)
        for index, document in enumerate(generate.dossiers(folder_files, seed=11)):
            (folder / f"d{index:05d}.json").write_text(generate.dumps(document) + "\n", encoding="utf-8")
        for label, source, count, floor in ((f"one file of {n:,} dossiers", path, n, 1.8),
                                            (f"a folder of {folder_files:,} one-dossier files", folder,
                                             folder_files, 1.0)):
            speedup = _jobs_pair(label, source, count, passes)
            if floor > 1.0:
                target("`--jobs 2` ≥ 1.8× `--jobs 1` on a large input", f"{speedup:.2f}×",
                       speedup >= floor)
            target(f"`--jobs 2` never slower than `--jobs 1`: {label.split(' of ')[0]}", f"{speedup:.2f}×",
                   speedup >= 1.0)


def _jobs_pair(label: str, source: Path, count: int, passes: int) -> float:
    runs: dict[int, list[Child]] = {1: [], 2: []}
    outputs: dict[int, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="proa-bench-out-") as tmp:
        for _ in range(passes):
            for n_jobs in (1, 2):
                out_path = Path(tmp) / f"jobs{n_jobs}.jsonl"
                with open(out_path, "wb") as out:
                    runs[n_jobs].append(run_child([*cli_command(), "evaluate", "--format", "jsonl", "--jobs",
                                                   str(n_jobs), str(source)], stdout=out))
                outputs[n_jobs] = out_path.read_bytes()
    same = outputs[1] == outputs[2]
    speedup = statistics.median(a.wall / b.wall for a, b in zip(runs[1], runs[2]))
    cpu = statistics.median(b.cpu / a.cpu for a, b in zip(runs[1], runs[2])) - 1
    for n_jobs in (1, 2):
        record("jobs", f"{label}: `--jobs {n_jobs}`",
               f"{count / _median(runs[n_jobs]):,.0f} dossiers/s, {_median(runs[n_jobs], 'cpu'):.1f} s CPU")
    record("jobs", f"{label}: speed-up, extra CPU, outputs identical",
           f"{speedup:.2f}×, {cpu:+.0%} CPU, {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit("--jobs 1 and --jobs 2 wrote different outputs")
    return speedup


def cold_start(workdir: Path, runs: int) -> None:
    say(f"\n## 4. Cold start ({runs} interleaved runs each)")
    eligible = next(d for d in generate.dossiers(200) if reference.decide(d)[0] == "eligible")
    one = workdir / "one.json"
    one.write_text(generate.dumps(eligible) + "\n", encoding="utf-8")
    py = sys.executable
    commands = {
        "`proa-policy evaluate ONE.json`": [*cli_command(), "evaluate", str(one)],
        "`python -c \"import yaml, click, jsonschema\"` (the import floor)":
            [py, "-c", "import yaml, click, jsonschema"],
        "`python -c pass`": [py, "-c", "pass"],
    }
    times: dict[str, list[Child]] = {label: [] for label in commands}
    # a cache of the policy set of the run's own: the shared one (~/.cache/proa-policy, 32 entries) is
    # evicted by other checkouts' runs on a shared machine, and a miss reads and validates the policy files
    cache = workdir / "policy-cache"
    cache.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "PROA_POLICY_CACHE_DIR": str(cache)}
    for command in commands.values():
        run_child(command, env=env)  # warm the page cache and the policy cache
    for _ in range(runs):
        for label, command in commands.items():
            times[label].append(run_child(command, env=env))
    cli, floor, _ = (times[label] for label in commands)
    for label, children in times.items():
        record("cold start", label, f"{_median(children, 'cpu') * 1000:.0f} ms of CPU "
                                    f"(wall {_median(children) * 1000:.0f} ms)")
    ratio = statistics.median(a.cpu / b.cpu for a, b in zip(cli, floor))
    wall_ratio = statistics.median(a.wall / b.wall for a, b in zip(cli, floor))
    record("cold start", "ratio to the import floor", f"{ratio:.2f}× of CPU (wall {wall_ratio:.2f}×)")
    target("cold start ≤ 1.2× `import yaml, click, jsonschema`", f"{ratio:.2f}×", ratio <= 1.2)


def diff_rate(runs: int) -> None:
    say(f"\n## 5. `proa-policy diff` exploration (median of {runs})")
    amendment = DIFF_AMENDMENT.relative_to(ROOT)
    children, explored = [], None
    for _ in range(runs):
        with tempfile.TemporaryFile() as out:
            command = [*cli_command(), "diff", str(POLICIES_DIR), str(DIFF_AMENDMENT), "--lang", "en"]
            children.append(run_child(command, stdout=out, cwd=ROOT))  # the English report says its count
            out.seek(0)
            explored = number_in(r"(\d[\d,]*) dossiers explored", out.read().decode("utf-8", "replace"))
    if explored is None:
        say("  diff printed no count of dossiers explored")
        target("`diff` explores ≥ 20,000 dossiers/s", "n/a (no count printed)", None)
        return
    cpu = _median(children, "cpu")
    rate = explored / cpu
    record("diff", f"`diff POLICIES {amendment}`", f"{explored:,.0f} dossiers explored in {cpu:.1f} s of CPU "
           f"(wall {_median(children):.1f} s): {rate:,.0f}/s, start-up included")
    target("`diff` explores ≥ 20,000 dossiers/s", f"{rate:,.0f} dossiers/s", rate >= 20_000)


def serve(quick: bool, skip: bool = False) -> None:
    """benchmarks/serve.py (the server's own benchmark) when it exists: its output, and its ratio."""
    say("\n## 6. `proa-policy serve` (benchmarks/serve.py)")
    name = "server throughput ≥ half a bare endpoint's"
    if skip:
        say("  skipped (--no-serve)")
        target(name, "n/a (skipped: --no-serve)", None)
        return
    if not SERVE.exists():
        say("  benchmarks/serve.py: not there yet")
        target(name, "n/a (benchmarks/serve.py absent)", None)
        return
    command = [sys.executable, str(SERVE), *(["--quick"] if quick else [])]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120 if quick else 900,
                              cwd=ROOT)
    except subprocess.TimeoutExpired:
        target(name, "n/a (benchmarks/serve.py timed out)", None)
        return
    for line in done.stdout.splitlines():
        say("  | " + line)
    if done.returncode != 0:
        say(f"  benchmarks/serve.py exited with {done.returncode}: {done.stderr[-1000:]}")
        target(name, f"n/a (benchmarks/serve.py exited with {done.returncode})", None)
        return
    lines = [line for line in done.stdout.splitlines() if "bare" in line.lower()]
    ratios = [number_in(r"(\d+(?:\.\d+)?)\s*×", line) for line in lines]
    ratio = next((value for value in reversed(ratios) if value is not None), None)
    if ratio is None:
        target(name, "n/a (no ratio to the bare endpoint printed)", None)
    else:
        target(name, f"{ratio:.2f}×", ratio >= 0.5)
