"""The example dossiers give exactly the results their README table promises.

`examples/README.md` has a table `file | verdict | failing rules | what it shows`; the failing-rules
cell lists rule ids in backticks, a rule followed by "(warning)" being expected among the warnings
rather than the violations, and "—" meaning none. Every file in `examples/dossiers/` must have a
row, every row a file, and the evaluator (Python API and CLI alike) must give exactly that verdict
and exactly those rule ids.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.read.documents import load_text
from proa_policy.errors import DocumentError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DOSSIERS = EXAMPLES / "dossiers"
README = EXAMPLES / "README.md"
SUFFIXES = {".yaml", ".yml", ".json"}
VERDICTS = {"eligible", "incomplete", "ineligible", "not_applicable", "invalid"}

_RULE = re.compile(r"`([A-Za-z0-9_.]+)`(\s*\*?\(warning\)\*?)?")


@dataclass(frozen=True)
class Expected:
    verdict: str
    violations: frozenset[str]
    warnings: frozenset[str]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_table(text: str) -> dict[str, Expected]:
    """The rows of the `file | verdict | failing rules | what it shows` table, by file name."""
    lines = text.splitlines()
    header = next(
        (i for i, line in enumerate(lines)
         if line.lstrip().startswith("|") and _cells(line)[:3] == ["file", "verdict", "failing rules"]),
        None,
    )
    assert header is not None, "examples/README.md has no `file | verdict | failing rules | …` table"
    rows: dict[str, Expected] = {}
    for line in lines[header + 2:]:
        if not line.lstrip().startswith("|"):
            break
        cells = _cells(line)
        assert len(cells) == 4, f"table row does not have 4 cells: {line}"
        name = cells[0].strip("`")
        verdict = cells[1]
        assert verdict in VERDICTS, f"{name}: unknown verdict `{verdict}`"
        assert name not in rows, f"{name}: two rows in the table"
        violations: set[str] = set()
        warnings: set[str] = set()
        if cells[2] not in ("—", "-", ""):
            found = _RULE.findall(cells[2])
            assert found, f"{name}: cannot read the failing rules cell `{cells[2]}`"
            for rule, warning in found:
                (warnings if warning else violations).add(rule)
        rows[name] = Expected(verdict, frozenset(violations), frozenset(warnings))
    return rows


def dossier_files() -> list[str]:
    return sorted(p.name for p in DOSSIERS.iterdir() if p.is_file() and p.suffix in SUFFIXES)


TABLE = parse_table(README.read_text(encoding="utf-8"))
FILES = dossier_files()


@pytest.fixture(scope="module")
def policies():
    return load_policies()


@pytest.fixture(scope="module")
def cli_results() -> dict[str, dict]:
    """`proa-policy evaluate examples/dossiers --format json`, once, by file name."""
    result = CliRunner().invoke(main, ["evaluate", str(DOSSIERS), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    decisions = json.loads(result.stdout if hasattr(result, "stdout") else result.output)
    names = [Path(d["source"]).name for d in decisions]
    assert sorted(names) == FILES, "the CLI must evaluate each dossier file exactly once"
    return dict(zip(names, decisions))


def test_table_parses():
    assert TABLE, "the table in examples/README.md has no rows"
    assert FILES, "examples/dossiers/ holds no dossier"


def test_every_file_has_a_row_and_every_row_a_file():
    assert set(FILES) - set(TABLE) == set(), "dossier files without a row in examples/README.md"
    assert set(TABLE) - set(FILES) == set(), "rows in examples/README.md without a dossier file"


def test_file_names_announce_their_verdict():
    prefixes = {"eligible": "eligible-", "incomplete": "incomplete-", "ineligible": "ineligible-",
                "not_applicable": "not-applicable-", "invalid": "invalid-"}
    for name, expected in TABLE.items():
        assert name.startswith(prefixes[expected.verdict]), f"{name}: listed as {expected.verdict}"


def _observed(decision: dict) -> Expected:
    return Expected(
        decision["verdict"],
        frozenset(v["rule"] for v in decision["violations"]),
        frozenset(w["rule"] for w in decision["warnings"]),
    )


@pytest.mark.parametrize("name", FILES)
def test_api_gives_the_table(name: str, policies, cli_results):
    expected = TABLE.get(name)
    assert expected is not None, f"{name} has no row in examples/README.md"
    text = (DOSSIERS / name).read_text(encoding="utf-8")
    try:
        document = load_text(name, text)
    except DocumentError:
        # unreadable as JSON/YAML: only the CLI can judge it (it answers `invalid`)
        result = cli_results[name]
    else:
        decision = policies.evaluate(document)
        assert decision.dossier_id == document.get("id")
        result = decision.to_dict()
    observed = _observed(result)
    assert observed == expected, f"{name}: evaluator gives {observed}, table says {expected}"
    if expected.verdict == "invalid":
        assert result["errors"], f"{name}: invalid without any error"


@pytest.mark.parametrize("name", FILES)
def test_cli_gives_the_table(name: str, cli_results):
    expected = TABLE.get(name)
    assert expected is not None, f"{name} has no row in examples/README.md"
    assert name in cli_results, f"{name}: not evaluated by `proa-policy evaluate examples/dossiers`"
    observed = _observed(cli_results[name])
    assert observed == expected, f"{name}: CLI gives {observed}, table says {expected}"
    if expected.verdict == "invalid":
        assert cli_results[name]["errors"], f"{name}: invalid without any error"

