"""What every benchmark section shares: printing, the two result tables, timing, running children."""

from __future__ import annotations

import gc
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIGURES: list[tuple[str, str, str]] = []  # (section, measure, figure): every figure printed


@dataclass(frozen=True)
class Target:
    """One line of the final table: a target of issue 16, what was measured, and whether it is met."""

    target: str
    measured: str  # a number with its unit, or `n/a (why)` for an optional part that could not run
    met: bool | None  # None: nothing to meet (an optional peer's ratio) or not measured


TARGETS: list[Target] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def record(section: str, measure: str, figure: str) -> None:
    FIGURES.append((section, measure, figure))
    say(f"  {measure}: {figure}")


def target(name: str, measured: str, met: bool | None) -> None:
    TARGETS.append(Target(name, measured, met))


def cli_command() -> list[str]:
    beside = Path(sys.executable).with_name("proa-policy")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("proa-policy")
    return [found] if found else [sys.executable, "-m", "proa_policy.cli"]


def one_core() -> list[str]:
    """`taskset -c 0`, when there is one: the CLI figures are for one core."""
    found = shutil.which("taskset")
    return [found, "-c", "0"] if found else []


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_info() -> list[tuple[str, str]]:
    from proa_policy import __version__

    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
            model = next(names, "?")
    except OSError:
        pass
    try:
        from yaml import __with_libyaml__ as libyaml
    except ImportError:  # pragma: no cover
        libyaml = False
    commit = subprocess.run(["git", "-C", str(HERE), "describe", "--always", "--dirty"],
                            capture_output=True, text=True, check=False).stdout.strip() or "?"
    return [
        ("cores", f"{len(os.sched_getaffinity(0))} ({model})"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} "
                   f"({platform.system()} {platform.machine()})"),
        ("proa-policy", f"{__version__} (git {commit})"),
        ("libraries", f"jsonschema {package_version('jsonschema')}, PyYAML {package_version('PyYAML')} "
                      f"(libyaml: {'yes' if libyaml else 'no'}), click {package_version('click')}"),
        ("peers", f"opa-golib-python-bindings {package_version('opa-golib-python-bindings')}, "
                  f"opa-eval {package_version('opa-eval')}"),
    ]


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


# --- timing in process --------------------------------------------------------------------------

def interleaved(fns: dict[str, Callable[[Any], Any]], inputs: dict[str, Sequence[Any]], passes: int,
                keep: bool = True) -> tuple[dict[str, list[float]], dict[str, list[Any]]]:
    """CPU seconds of each pass of `for x in inputs[name]: fn(x)`, the functions taking turns in every
    pass (so a burst of load on the machine falls on all of them), and (with `keep`) the results of one
    more, untimed pass. CPU time (`process_time`), not wall time: on a shared machine it does not count
    the waits for a core. Timed passes keep no results: a heap grown by thousands of kept decisions would
    make every collection slower and charge it to whichever function allocates most."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(passes):
        for name, fn in fns.items():
            items = inputs[name]
            gc.collect()
            start = time.process_time()
            for x in items:
                fn(x)
            times[name].append(time.process_time() - start)
    results = {name: [fn(x) for x in inputs[name]] for name, fn in fns.items()} if keep else {}
    return times, results


def median_ratio(numerator: list[float], denominator: list[float]) -> float:
    """Median of the pass-by-pass ratios: each pair ran side by side, under the same load."""
    return statistics.median(a / b for a, b in zip(numerator, denominator))


# --- children ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Child:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and of the children it waited for
    max_rss_kib: int | None  # from /usr/bin/time (wait4's figure counts the parent's pages before exec)
    code: int


TIME_V = "/usr/bin/time"


def run_child(command: list[str], stdout: Any = subprocess.DEVNULL, ok: Sequence[int] = (0, 1),
              cwd: Path | None = None, memory: bool = False, env: dict[str, str] | None = None) -> Child:
    """Run to completion; its wall time, CPU time (wait4) and, with `memory`, peak memory. Exit codes not
    in `ok` stop the run (1 is expected from `evaluate`: some dossiers are ineligible)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        measured = memory and os.access(TIME_V, os.X_OK)
        full = [TIME_V, "-f", "%M", "-o", rss.name, *command] if measured else command
        start = time.perf_counter()
        process = subprocess.Popen(full, stdout=stdout, stderr=err, cwd=cwd, env=env)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM: the child does not outlive the run
            process.kill()
            process.wait()
            raise
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code not in ok:
            err.seek(0)
            say(err.read().decode("utf-8", "replace")[-2000:])
            raise SystemExit(f"{' '.join(command)} exited with {code}")
        peak = number_in(r"(\d+)\s*$", Path(rss.name).read_text(encoding="utf-8")) if measured else None
    return Child(wall, usage.ru_utime + usage.ru_stime, int(peak) if peak else None, code)


def number_in(pattern: str, text: str) -> float | None:
    match = re.search(pattern, text)
    return float(match.group(1).replace(",", "")) if match else None
