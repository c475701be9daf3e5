"""Shared by the atheris fuzz scripts: the command line (a time budget in seconds) and the corpus folders."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def libfuzzer_argv(description: str, seeds: list[Path], max_len: int) -> list[str]:
    """Parse `--seconds N [--corpus DIR] [libFuzzer options…] [FILE…]` into the argv libFuzzer expects.

    New inputs are written to `--corpus` (a temporary folder by default, so a run
    leaves the repository untouched); `seeds` are read as extra starting corpora.
    Files named after the options (a `crash-…` file) are replayed instead.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=int, default=60, help="time budget of the run (libFuzzer -max_total_time)")
    parser.add_argument("--corpus", type=Path, default=None, help="folder for the inputs found (default: a temporary one)")
    args, rest = parser.parse_known_args()
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="proa-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    defaults = [f"-max_total_time={args.seconds}", f"-max_len={max_len}", "-timeout=10", "-rss_limit_mb=2048",
                "-print_final_stats=1", "-len_control=0"]
    given = {r.split("=", 1)[0] for r in rest if r.startswith("-")}
    options = [d for d in defaults if d.split("=", 1)[0] not in given]
    if any(not r.startswith("-") for r in rest):  # files or folders named: replay them, nothing else
        return [sys.argv[0], *options, *rest]
    return [sys.argv[0], *options, *rest, str(corpus), *(str(s) for s in seeds if s.is_dir())]
