"""The benchmark runs and says what it measured: `benchmarks/run.py --quick` prints the table of targets.

No figure is judged here (speed is measured in benchmarks, never asserted in tests): only that every
target of issue 16 has a line, that each measured value is a number with its unit (or, for an optional
part that cannot run here, `n/a` with the reason), and that each line says met, not met, or nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT

NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?( ?(×|%)| dossiers/s)$")
REQUIRED = (
    "public `evaluate` ≤ 3×",
    "already-validated document",
    "`to_dict()` adds ≤ 30 %",
    "CLI JSON Lines ≥ 20,000 dossiers/s on one core",
    "CLI ≥ half the plain loop's throughput",
    "`--jobs 2` ≥ 1.8× `--jobs 1` on a large input",
    "`--jobs 2` never slower than `--jobs 1`: one file",
    "`--jobs 2` never slower than `--jobs 1`: a folder",
    "cold start ≤ 1.2×",
    "`diff` explores ≥ 20,000 dossiers/s",
)
OPTIONAL = ("OPA measured", "regorus measured", "server throughput")


@pytest.fixture(scope="module")
def quick_run() -> str:
    """One smoke run for the module; the server's benchmark is left out (it would start a server)."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--no-serve"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def targets(output: str) -> list[tuple[str, str, str]]:
    table = output.split("## Targets", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| target ")]
    return [tuple(cell.strip() for cell in row.strip("|").split(" | ")) for row in rows]  # type: ignore[misc]


@pytest.mark.slow
def test_quick_run_prints_a_line_for_every_target(quick_run: str) -> None:
    names = [name for name, _, _ in targets(quick_run)]
    for wanted in REQUIRED + OPTIONAL:
        assert any(name.startswith(wanted) for name in names), (wanted, names)


@pytest.mark.slow
def test_every_measured_target_is_a_number(quick_run: str) -> None:
    for name, measured, met in targets(quick_run):
        optional = name.startswith(OPTIONAL)
        if optional and measured.startswith("n/a ("):
            assert met == "—", (name, met)
            continue
        assert NUMBER.match(measured), (name, measured)
        assert met in (("—", "met", "not met") if optional else ("met", "not met")), (name, met)


@pytest.mark.slow
def test_quick_run_records_the_load_and_the_versions(quick_run: str) -> None:
    assert re.search(r"\| load average \| \d+\.\d \(1 min\)", quick_run)
    assert re.search(r"\| Python \| CPython 3\.\d+", quick_run)
    assert "| peers | opa-golib-python-bindings " in quick_run


@pytest.mark.slow
def test_the_implementations_agree_on_every_generated_dossier(quick_run: str) -> None:
    """The run stops with exit 1 on a disagreement; here the sentence that says they agreed is checked."""
    assert re.search(r"agree on ([\d,]+)/\1 \(verdict, failing rules, ceiling, art\. 6 warning\)", quick_run)


def test_the_server_benchmark_line_is_read_for_its_ratio_to_the_bare_endpoint(tmp_path, monkeypatch) -> None:
    """benchmarks/serve.py (issue 13) is run as it is; the last `N×` on a line naming the bare endpoint is
    its figure. A stand-in script plays it here, printing what the real one is expected to print."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import commands
    import common

    script = tmp_path / "serve.py"
    script.write_text("print('64 connections: 2,400 req/s, p50 20 ms, p99 80 ms')\n"
                      "print('bare endpoint: 4,000 req/s; ratio to the bare endpoint 0.60×')\n",
                      encoding="utf-8")
    monkeypatch.setattr(commands, "SERVE", script)
    monkeypatch.setattr(common, "TARGETS", [])
    commands.serve(quick=True)
    assert common.TARGETS == [common.Target("server throughput ≥ half a bare endpoint's", "0.60×", True)]
