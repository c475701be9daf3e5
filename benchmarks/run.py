"""Benchmarks of proa-policy against the targets of issue 16, measured side by side in one run.

    python benchmarks/run.py            # full run, about 5 minutes on an idle 2-core machine
    python benchmarks/run.py --quick    # smoke run of a few seconds: small sizes, figures not meaningful

1. in process (benchmarks/inprocess.py): the hand-written rules (benchmarks/reference.py), the public
   `load_policies().evaluate(d)`, the entry point for an already-validated document, `to_dict()`, and
   the same rules in Rego under OPA and regorus when installed (benchmarks/peers.py); all must agree;
2. to 6. the command (benchmarks/commands.py): JSON Lines end to end on one core against a plain
   `json.loads` + hand-written + `json.dumps` loop (benchmarks/plain_loop.py), `--jobs 2` against
   `--jobs 1`, cold start against the import floor, `diff`'s exploration rate, benchmarks/serve.py.

Every figure is a median of several passes, the things compared taking turns; every ratio is the median
of pass-by-pass ratios. The run ends with the table of targets: measured, met or not. Timings are never
asserted in tests (tests/test_benchmarks.py only checks that `--quick` prints a well-formed table).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import commands  # noqa: E402
import generate  # noqa: E402
import inprocess  # noqa: E402
from common import FIGURES, TARGETS, load_average, machine_info, say  # noqa: E402

BUSY = 0.5  # a load average above this: other processes compete for the cores


def main() -> None:
    parser = argparse.ArgumentParser(description="proa-policy benchmarks (issue 16)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run of a few seconds (figures not meaningful)")
    parser.add_argument("--n", type=int, help="dossiers in process (default 20,000; quick 1,000)")
    parser.add_argument("--passes", type=int, help="interleaved passes per figure (default 5; quick 2)")
    parser.add_argument("--million", action="store_true",
                        help="also run 1,000,000 dossiers end to end (memory)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile of the public evaluate")
    parser.add_argument("--no-serve", action="store_true",
                        help="skip benchmarks/serve.py (it starts a server)")
    args = parser.parse_args()
    # SIGTERM ends the run like Ctrl-C: temporary files removed, no child left running
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    quick = args.quick
    n = args.n or (1_000 if quick else 20_000)
    passes = args.passes or (2 if quick else 5)

    say(f"# proa-policy benchmarks{' (--quick: smoke run, figures not meaningful)' if quick else ''}")
    info = machine_info()
    for key, value in info:
        say(f"  {key}: {value}")
    load_start = load_average()
    say(f"  load average at start: {load_start}")
    if os.getloadavg()[0] > BUSY:
        say("  WARNING: the machine is loaded: other processes compete for the cores, so figures are slower"
            " and noisier than on an idle machine (ratios measured side by side suffer least)")
    started = time.perf_counter()

    inprocess.rules_in_process(n, passes, peer_n=min(n, 200 if quick else 2_000),
                               profile=not (quick or args.no_profile))
    with tempfile.TemporaryDirectory(prefix="proa-bench-") as tmp:
        workdir = Path(tmp)
        size = 2_000 if quick else 100_000
        path = workdir / f"dossiers-{size}.jsonl"
        generate.write_jsonl(str(path), size)
        commands.end_to_end(path, size, passes=1 if quick else 3)
        if args.million:
            big = workdir / "dossiers-1000000.jsonl"
            generate.write_jsonl(str(big), 1_000_000)
            commands.end_to_end(big, 1_000_000, passes=1)
            big.unlink()
        commands.jobs(path, size, folder_files=50 if quick else 2_000, passes=1 if quick else 3)
        commands.cold_start(workdir, runs=3 if quick else 10)
        commands.diff_rate(runs=1 if quick else 5)
        commands.serve(quick, skip=args.no_serve)

    load_end = load_average()
    say(f"\n(total {time.perf_counter() - started:.0f} s; "
        f"load average at start {load_start}, at end {load_end})\n")
    info.append(("load average", f"{load_start} at start, {load_end} at end"))
    report(info, quick)


def report(info: list[tuple[str, str]], quick: bool) -> None:
    say("## Results" + (" (--quick: smoke run, not for docs)" if quick else ""))
    say("\n| Machine | |\n|---|---|")
    for key, value in info:
        say(f"| {key} | {value} |")
    say("\n| Section | Measure | Figure |\n|---|---|---|")
    for section, measure, figure in FIGURES:
        say(f"| {section} | {measure.replace('|', '/')} | {figure} |")
    say("\n## Targets (issue 16)\n\n| target | measured | met |\n|---|---|---|")
    for line in TARGETS:
        met = "—" if line.met is None else ("met" if line.met else "not met")
        say(f"| {line.target} | {line.measured} | {met} |")


if __name__ == "__main__":
    main()
