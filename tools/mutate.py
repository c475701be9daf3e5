#!/usr/bin/env python3
"""The tests must be able to fail: a mutation check of the shipped policy set (issue 3, section 4).

Each mutant is a copy of the policy set with one thing perturbed:

* every number parameter nudged by ±1 (150 -> 149/151, 25 -> 24/26 ...), every date parameter by ±1 day;
* every rule condition negated (`not (...)`); every `when` removed, and negated; every formality rule made an
  eligibility rule and every eligibility rule a formality (the verdict `incomplete` against `ineligible`);
* in every condition, `when` and computed expression, each comparison flipped (>= -> >, > -> >=,
  <= -> <, < -> <=, == -> !=, != -> ==), each `and`/`or` swapped, each `in` made `not in`, each `not`
  dropped, each number literal nudged by ±1;
* the annex: the (1) exclusion dropped (every `excluded_from_extension: false`), one excluded row put
  back, one extended row excluded, and a few rows removed (first, last, first excluded, a repeated code,
  the middle one).

For each mutant, the suite runs against the copy: `proa-policy check` (the loader), `proa-policy test
--policies MUTANT` (the YAML policy test cases beside the policies) and
`pytest tests/accord/test_invariants.py` with `PROA_POLICY_POLICIES=MUTANT` (the invariants, hypothesis
profile "ci" without shrinking). A mutant is caught when one of them fails; a surviving mutant is a missing
test. Prints a table mutant -> caught by which tests, and exits 1 when a mutant survives.

    python tools/mutate.py                   # every mutant, 2 at a time
    python tools/mutate.py --list            # the mutants, without running anything
    python tools/mutate.py -k art4 --jobs 1  # the mutants whose name contains `art4`
    python tools/mutate.py --fast            # stop at the first stage that catches a mutant
                                             # (loader, cases, invariants -x)
    python tools/mutate.py --markdown docs/mutation-table.md

Needs the package installed (`pip install -e ".[test]"`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from proa_policy.read.values import MarkedDict, MarkedList
from proa_policy.read.yamltext import load_yaml
from proa_policy.expr.parser import tokenize

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies" / "pro-a-interim-cdi"
INVARIANTS = "tests/accord/test_invariants.py"
FLIP = {">=": ">", ">": ">=", "<=": "<", "<": "<=", "==": "!=", "!=": "=="}
SWAP = {"and": "or", "or": "and"}
#: Rule kinds swapped by a mutant: the verdict of a failure moves between ineligible and incomplete.
KIND_SWAP = {"formality": "eligibility", "eligibility": "formality"}
#: The invariants that check data rather than generate it: first in --fast mode.
CHEAP = "annex_rows or citations or examples_agree or policy_test_cases or every_rule_has"


@dataclass
class Mutant:
    name: str
    file: str  # relative to the policy set
    what: str
    edit: Callable[[str], str]
    caught_by: list[str] = field(default_factory=list)
    seconds: float = 0.0
    index: int = 0
    error: str = ""

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)


# --- editing YAML text in place, one scalar at a time ---------------------------------------------------

def _node(document: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    """(parent, key) of the node at `path` in a marked document."""
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    return parent, path[-1]


def _value(text: str, path: tuple[Any, ...]) -> Any:
    parent, key = _node(load_yaml(text), path)
    return parent[key] if key in parent or isinstance(parent, list) else None


def set_scalar(path: tuple[Any, ...], new: Any) -> Callable[[str], str]:
    """Rewrite the one-line scalar at `path` (strings as JSON strings, which YAML reads alike)."""
    def edit(text: str) -> str:
        parent, key = _node(load_yaml(text), path)
        line, column = parent.value_marks[key]
        lines = text.split("\n")
        rest = lines[line - 1][column - 1:]
        comment = re.search(r"\s+#.*$", rest) if not rest.startswith(("'", '"')) else None
        written = (
            json.dumps(new, ensure_ascii=False) if isinstance(new, str) and not _is_date(new) else _plain(new)
        )
        lines[line - 1] = lines[line - 1][:column - 1] + written + (comment.group() if comment else "")
        out = "\n".join(lines)
        if _value(out, path) != new:
            raise RuntimeError(f"{path}: could not rewrite the value on line {line}")
        return out
    return edit


def _is_date(text: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def delete_key(path: tuple[Any, ...]) -> Callable[[str], str]:
    """Remove a one-line `key: value` from a mapping."""
    def edit(text: str) -> str:
        parent, key = _node(load_yaml(text), path)
        line = parent.key_marks[key][0]
        lines = text.split("\n")
        del lines[line - 1]
        out = "\n".join(lines)
        parent_after, _ = _node(load_yaml(out), path)
        if key in parent_after or len(parent_after) != len(parent) - 1:
            raise RuntimeError(f"{path}: could not delete line {line}")
        return out
    return edit


def delete_item(path: tuple[Any, ...]) -> Callable[[str], str]:
    """Remove one item of a block sequence (from its `- ` line to the next item's)."""
    def edit(text: str) -> str:
        sequence, index = _node(load_yaml(text), path)
        lines = text.split("\n")
        first = sequence.item_marks[index][0]
        last = sequence.item_marks[index + 1][0] - 1 if index + 1 < len(sequence) else len(lines)
        while last > first and not lines[last - 1].strip():
            last -= 1
        out = "\n".join(lines[:first - 1] + lines[last:])
        after, _ = _node(load_yaml(out), path)
        if len(after) != len(sequence) - 1:
            raise RuntimeError(f"{path}: could not delete the item on line {first}")
        return out
    return edit


def chain(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for step in edits:
            text = step(text)
        return text
    return edit


# --- the mutants ------------------------------------------------------------------------------------------

def expression_mutants(text: str) -> list[tuple[str, str]]:
    """(label, mutated text) for each operator flip, boolean swap, `in` -> `not in`, dropped `not`, literal
    ±1."""
    out: list[tuple[str, str]] = []
    tokens = tokenize(text)
    for index, (kind, value, pos) in enumerate(tokens):
        before, after = text[:pos], text[pos + len(value):]
        previous = tokens[index - 1][1] if index else ""
        if kind == "op" and value in FLIP:
            out.append((f"`{value}` -> `{FLIP[value]}`", before + FLIP[value] + after))
        elif kind == "keyword" and value in SWAP:
            out.append((f"`{value}` -> `{SWAP[value]}`", before + SWAP[value] + after))
        elif kind == "keyword" and value == "in" and previous != "not":
            out.append(("`in` -> `not in`", before + "not in" + after))
        elif kind == "keyword" and value == "not" and tokens[index + 1][1] != "in":
            out.append(("`not` dropped", before + after.lstrip()))
        elif kind == "number" and "." not in value:
            number = int(value)
            for new in sorted({number - 1, number + 1} - {-1}):
                out.append((f"`{value}` -> `{new}`", before + str(new) + after))
    return out


def _negation(text: str, label: str) -> bool:
    """A flip of the only operator of a plain `a == b` / `a in b` condition: the negation again."""
    values = [value for _, value, _ in tokenize(text)]
    return (
        label in ("`==` -> `!=`", "`!=` -> `==`", "`in` -> `not in`")
        and not {"and", "or", "not"} & set(values)
        and sum(v in FLIP or v == "in" for v in values) == 1
    )


def mutants(policy_dir: Path) -> list[Mutant]:
    found: list[Mutant] = []
    for path in sorted(policy_dir.glob("*.yaml")):
        document = load_yaml(path.read_text(encoding="utf-8"))
        if not isinstance(document, MarkedDict):
            continue
        name = path.name
        for i, parameter in enumerate(document.get("parameters", [])):
            for j, item in enumerate(parameter["values"]):
                where = ("parameters", i, "values", j, "value")
                value = item["value"]
                if isinstance(value, str) and _is_date(value):
                    day = dt.date.fromisoformat(value)
                    for delta in (-1, 1):
                        new = (day + dt.timedelta(days=delta)).isoformat()
                        found.append(Mutant(f"param {parameter['name']} {value} -> {new}", name,
                                            f"{name}: parameter value", set_scalar(where, new)))
                elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                    for delta in (-1, 1):
                        found.append(Mutant(f"param {parameter['name']} {value} -> {value + delta}", name,
                                            f"{name}: parameter value", set_scalar(where, value + delta)))
        for i, rule in enumerate(document.get("rules", [])):
            rid = rule["id"]
            found.append(Mutant(f"{rid}: condition negated", name, f"not ({rule['condition']})",
                                set_scalar(("rules", i, "condition"), f"not ({rule['condition']})")))
            if "when" in rule:
                found.append(Mutant(f"{rid}: when removed", name, f"when: {rule['when']}",
                                    delete_key(("rules", i, "when"))))
                found.append(Mutant(f"{rid}: when negated", name, f"not ({rule['when']})",
                                    set_scalar(("rules", i, "when"), f"not ({rule['when']})")))
            swapped = KIND_SWAP.get(rule["kind"])
            if swapped:  # a formality read as an eligibility rule (ineligible instead of incomplete), or back
                found.append(Mutant(f"{rid}: kind {rule['kind']} -> {swapped}", name, f"kind: {swapped}",
                                    set_scalar(("rules", i, "kind"), swapped)))
            for key in ("condition", "when"):
                if key in rule:
                    for label, text in expression_mutants(rule[key]):
                        if key == "condition" and _negation(rule[key], label):
                            continue  # the same mutant as `condition negated`
                        found.append(
                            Mutant(f"{rid}: {key} {label}", name, text, set_scalar(("rules", i, key), text))
                        )
        for i, item in enumerate(document.get("computed", [])):
            for label, text in expression_mutants(item["expr"]):
                found.append(Mutant(f"computed {item['name']}: {label}", name, text,
                                    set_scalar(("computed", i, "expr"), text)))
        rows = document.get("rows")
        if isinstance(rows, MarkedList) and rows:
            found += annex_mutants(name, rows)
    seen: dict[str, int] = {}
    for mutant in found:  # the same flip at two places of one expression: number them
        seen[mutant.name] = seen.get(mutant.name, 0) + 1
        if seen[mutant.name] > 1:
            mutant.name += f" #{seen[mutant.name]}"
    return found


def annex_mutants(name: str, rows: MarkedList) -> list[Mutant]:
    out: list[Mutant] = []
    excluded = [i for i, r in enumerate(rows) if r["excluded_from_extension"]]
    extended = [i for i, r in enumerate(rows) if not r["excluded_from_extension"]]
    if excluded:
        out.append(
            Mutant(
                "annex: (1) exclusion dropped",
                name,
                f"{len(excluded)} rows excluded_from_extension: false",
                chain(*(set_scalar(("rows", i, "excluded_from_extension"), False) for i in excluded)),
            )
        )
        first = excluded[0]
        out.append(
            Mutant(
                f"annex: row {rows[first]['rncp']} not excluded",
                name,
                "excluded_from_extension: false",
                set_scalar(("rows", first, "excluded_from_extension"), False),
            )
        )
    if extended:
        last = extended[-1]
        out.append(Mutant(f"annex: row {rows[last]['rncp']} excluded", name, "excluded_from_extension: true",
                          set_scalar(("rows", last, "excluded_from_extension"), True)))
    seen: set[str] = set()
    repeated = next((i for i, r in enumerate(rows) if r["rncp"] in seen or seen.add(r["rncp"])), None)
    picks = {"first": 0, "last": len(rows) - 1, "middle": len(rows) // 2}
    if excluded:
        picks["first excluded"] = excluded[0]
    if repeated is not None:
        picks["repeated code"] = repeated
    for label, index in picks.items():
        out.append(
            Mutant(
                f"annex: {label} row ({rows[index]['rncp']}) removed",
                name,
                f"row of source line {rows[index].get('source_line')}",
                delete_item(("rows", index)),
            )
        )
    return out


# --- running the suite against a mutant -------------------------------------------------------------------

def run(mutant: Mutant, source: Path, workdir: Path, fast: bool) -> Mutant:
    try:
        return _run(mutant, source, workdir, fast)
    except Exception as exc:  # a mutant the tool could not build or run is reported, not a crash
        mutant.caught_by = []
        mutant.error = f"{type(exc).__name__}: {exc}"
        return mutant


def _run(mutant: Mutant, source: Path, workdir: Path, fast: bool) -> Mutant:
    began = time.monotonic()
    slug = f"{mutant.index:03}-" + re.sub(r"[^A-Za-z0-9]+", "-", mutant.name).strip("-")[:60]
    target = workdir / slug / source.name
    shutil.copytree(source, target)
    file = target / mutant.file
    file.write_text(mutant.edit(file.read_text(encoding="utf-8")), encoding="utf-8")
    env = {
        **os.environ,
        "PROA_POLICY_POLICIES": str(target),
        "PROA_POLICY_MUTATION": "1",
        "HYPOTHESIS_PROFILE": "ci",
    }
    check = subprocess.run(
        ["proa-policy", "check", "--policies", str(target)], capture_output=True, text=True, env=env
    )
    if check.returncode != 0:
        problem = (check.stdout + check.stderr).strip().splitlines()
        mutant.caught_by.append("check: " + (problem[0][:100] if problem else f"exit {check.returncode}"))
    else:
        cases = subprocess.run(["proa-policy", "test", "--policies", str(target), "--format", "json"],
                               capture_output=True, text=True, env=env)
        try:
            report = json.loads(cases.stdout)
            mutant.caught_by += [f"case {c['id']}" for c in report["cases"] if not c["passed"]]
        except (json.JSONDecodeError, KeyError):
            mutant.caught_by.append(f"cases: proa-policy test exited {cases.returncode}")
    if not mutant.caught_by or (check.returncode == 0 and not fast):
        # --fast: the quick, example-based invariants first, then the properties, each stopping at a failure
        stages = [f"{CHEAP}", f"not ({CHEAP})"] if fast else [None]
        for number, selection in enumerate(stages):
            junit = workdir / slug / f"junit-{number}.xml"
            command = [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                INVARIANTS,
                f"--junitxml={junit}",
            ]
            if selection:
                command += ["-x", "-k", selection]
            tests = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
            failed = _failed_tests(junit)
            mutant.caught_by += [f"invariant {t}" for t in failed]
            if tests.returncode not in (0, 1) or (tests.returncode == 1 and not failed):
                mutant.caught_by.append(
                    f"pytest exited {tests.returncode}: {tests.stdout.strip().splitlines()[-1:]}"
                )
            if mutant.caught_by:
                break
    shutil.rmtree(workdir / slug, ignore_errors=True)
    mutant.seconds = time.monotonic() - began
    return mutant


def _failed_tests(junit: Path) -> list[str]:
    if not junit.is_file():
        return []
    names: list[str] = []
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            base = case.get("name", "").split("[")[0]
            if base not in names:
                names.append(base)
    return names


# --- the table ---------------------------------------------------------------------------------------------

def summarize(caught_by: list[str], width: int = 3) -> str:
    cases = [c[len("case "):] for c in caught_by if c.startswith("case ")]
    invariants = [c[len("invariant test_"):] for c in caught_by if c.startswith("invariant ")]
    other = [c for c in caught_by if not c.startswith(("case ", "invariant "))]
    parts = other[:]
    if cases:
        parts.append(
            f"{len(cases)} case(s): " + "; ".join(cases[:width]) + (" …" if len(cases) > width else "")
        )
    if invariants:
        parts.append(
            f"{len(invariants)} invariant(s): "
            + ", ".join(invariants[:width])
            + (" …" if len(invariants) > width else "")
        )
    return " | ".join(parts) or "SURVIVED"


def markdown(found: list[Mutant], seconds: float, jobs: int) -> str:
    caught = sum(m.caught for m in found)
    lines = [f"Mutants caught: {caught}/{len(found)} ({seconds:.0f} s with {jobs} job(s), "
             f"{dt.date.today().isoformat()}).", "",
             "| mutant | YAML cases failing | invariants failing |", "|---|---|---|"]
    for m in found:
        cases = [c[len("case "):] for c in m.caught_by if c.startswith("case ")]
        invariants = [c[len("invariant test_"):] for c in m.caught_by if c.startswith("invariant ")]
        other = [c for c in m.caught_by if not c.startswith(("case ", "invariant "))]
        case_cell = f"{len(cases)}: {cases[0]}" + (" …" if len(cases) > 1 else "") if cases else "—"
        inv_cell = (
            (f"{len(invariants)}: " + ", ".join(invariants[:2]) + (" …" if len(invariants) > 2 else ""))
            if invariants
            else "—"
        )
        if other:
            inv_cell = "; ".join(other) + ("; " + inv_cell if invariants else "")
        if not m.caught:
            case_cell = inv_cell = f"**ERROR** {m.error}" if m.error else "**SURVIVED**"
        lines.append(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in (m.name, case_cell, inv_cell)) + " |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--policies", type=Path, default=POLICIES, help="policy set to mutate (default: the shipped one)"
    )
    parser.add_argument("-k", dest="pattern", help="only the mutants whose name contains this text")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at a time (default 2)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--fast", action="store_true",
                        help="stop at the first stage that catches a mutant, and pytest at its first failure")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    args = parser.parse_args(argv)
    found = mutants(args.policies)
    if args.pattern:
        found = [m for m in found if args.pattern.lower() in m.name.lower()]
    for index, mutant in enumerate(found, 1):
        mutant.index = index
    if args.list:
        for m in found:
            print(f"{m.name}    [{m.file}] {m.what}")
        print(f"{len(found)} mutants")
        return 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="proa-mutants-") as tmp:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run, m, args.policies, Path(tmp), args.fast) for m in found]
            for done, future in enumerate(futures, 1):
                m = future.result()
                status = "caught  " if m.caught else "ERROR   " if m.error else "SURVIVED"
                print(
                    f"[{done:3}/{len(found)}] {status} {m.name:<58} {m.seconds:5.1f}s "
                    f" {m.error or summarize(m.caught_by)}",
                    flush=True,
                )
    seconds = time.monotonic() - began
    caught = sum(m.caught for m in found)
    print(f"\n{caught}/{len(found)} mutants caught in {seconds:.0f} s ({args.jobs} job(s))")
    for m in found:
        if not m.caught:
            print(f"{'ERROR' if m.error else 'SURVIVED'}: {m.name} ({m.file}: {m.what}) {m.error}")
    if args.markdown:
        args.markdown.write_text(markdown(found, seconds, args.jobs), encoding="utf-8")
    return 0 if caught == len(found) else 1


if __name__ == "__main__":
    sys.exit(main())
