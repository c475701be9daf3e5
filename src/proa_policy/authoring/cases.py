"""Policy test cases (YAML beside the policies) and coverage by rule and by parameter boundary.

A case names a dossier (inline, a file, or a base plus an overlay), an
optional evaluation date, and the expected decision. Coverage is measured on
a copy of the policy set compiled with instrumented comparisons: for every
rule, how often it passed, failed or was not reached; for every comparison
that involves a parameter, whether some case sat on the bound and some case
just beyond it (1 day for dates, at most 1 unit for numbers).
"""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from proa_policy.engine.decision import Decision, jsonable
from proa_policy.policy.dependencies import computed_graph
from proa_policy.read.documents import load_text
from proa_policy.read.values import MarkedDict
from proa_policy.read.yamltext import load_yaml
from proa_policy.engine.policyset import PolicySet
from proa_policy.errors import DocumentError, PolicyProblem
from proa_policy.expr import parse
from proa_policy.expr.ast import Binary, Call, ListExpr, Name, Node, Unary
from proa_policy.expr.deps import reads
from proa_policy.policy.loader import _span_at
from proa_policy.read.inputs import MAX_FILE_BYTES
from proa_policy.resources import load_schema
from proa_policy.read.safefile import Refused, read_inside
from proa_policy.source import SourceSpan, display_path

TESTS_DIR = "tests"
BASES_FILE = "bases.yaml"
ORDERING = {">=": -1, ">": -1, "<=": 1, "<": 1}  # the side of the bound where the comparison fails


@dataclass(frozen=True)
class TestCase:
    name: str
    file: str
    span: SourceSpan
    article: str
    dossier: Any
    expect: dict[str, Any]
    as_of: dt.date | None = None

    @property
    def id(self) -> str:
        return f"{Path(self.file).name}::{self.name}"


@dataclass
class CaseResult:
    case: TestCase
    decision: Decision
    differences: list[str]

    @property
    def passed(self) -> bool:
        return not self.differences


def _merge(base: Any, overlay: Any) -> Any:
    """Deep merge; a `null` in the overlay removes the field."""
    if not isinstance(base, dict) or not isinstance(overlay, dict):
        return copy.deepcopy(overlay)
    out = {k: copy.deepcopy(v) for k, v in base.items()}
    for key, value in overlay.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


class _Loader:
    def __init__(self, root: Path, policy_root: Path):
        self.root, self.policy_root = root, policy_root
        self.problems: list[PolicyProblem] = []
        self.validator = Draft202012Validator(load_schema("policy-tests.schema.json"),
                                              format_checker=Draft202012Validator.FORMAT_CHECKER)
        self.shared: dict[str, Any] = {}

    def read(self, path: Path) -> MarkedDict | None:
        try:
            document = load_yaml(read_inside(self.policy_root, path, MAX_FILE_BYTES).decode("utf-8"))
        except DocumentError as exc:
            self.problems.append(PolicyProblem(SourceSpan(str(path), exc.line, exc.column), exc.message))
            return None
        except Refused as exc:
            self.problems.append(PolicyProblem(SourceSpan(str(path)), str(exc)))
            return None
        except UnicodeDecodeError as exc:
            self.problems.append(PolicyProblem(SourceSpan(str(path)), f"not UTF-8 text (byte {exc.start})"))
            return None
        if not isinstance(document, MarkedDict):
            self.problems.append(PolicyProblem(SourceSpan(str(path), 1), "a test file must be a mapping"))
            return None
        errors = list(self.validator.iter_errors(document))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(document)"
            message = error.message if len(error.message) < 200 else error.message[:200] + "…"
            location = list(error.absolute_path)
            if error.validator == "oneOf":
                message = "a case needs exactly one of `dossier`, `path` or `base`"
            elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
                extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
                message = "unknown key(s): " + ", ".join(f"`{e}`" for e in extras)
                location.append(extras[0])  # point at the key itself
            self.problems.append(
                PolicyProblem(_span_at(str(path), document, location), f"{where}: {message}")
            )
        return None if errors else document

    def source(self, path: Path, raw: dict[str, Any], span: SourceSpan) -> Any:
        if "dossier" in raw:
            return raw["dossier"]
        # confined to the policy set: nothing outside it is read, so nothing of it can be echoed
        target = Path(display_path(path.parent / raw["path"]))
        try:
            data = read_inside(self.policy_root, target, MAX_FILE_BYTES)
            return load_text(str(target), data.decode("utf-8"))
        except (Refused, UnicodeDecodeError, DocumentError) as exc:
            self.problems.append(PolicyProblem(span, f"path `{raw['path']}`: {getattr(exc, 'message', exc)}"))
            return None


def load_cases(
    policy_root: str | Path, pattern: str | None = None
) -> tuple[list[TestCase], list[PolicyProblem]]:
    """Every case under `<policy set>/tests/`, in file then document order; `pattern` filters like `-k`."""
    root = Path(policy_root) / TESTS_DIR
    loader = _Loader(root, Path(policy_root))
    files = sorted(Path(display_path(p)) for p in root.glob("*.yaml")) if root.is_dir() else []
    bases = _shared_bases(loader, Path(display_path(root / BASES_FILE)))
    cases: list[TestCase] = []
    for path in files:
        if path.name == BASES_FILE:
            continue
        raw = loader.read(path)
        if raw is None or raw["kind"] != "tests":
            continue
        cases += [case for case in _file_cases(loader, path, raw, bases)
                  if not pattern or fnmatch.fnmatch(case.id.lower(), f"*{pattern.lower()}*")]
    return cases, loader.problems


def _shared_bases(loader: _Loader, shared: Path) -> dict[str, Any]:
    """The base dossiers every test file may start from (`tests/_bases.yaml`)."""
    bases: dict[str, Any] = {}
    if shared.exists() or shared.is_symlink():
        raw = loader.read(shared)
        if raw is not None and raw["kind"] == "test-bases":
            for name, src in raw["bases"].items():
                bases[name] = loader.source(shared, src, _span_at(str(shared), raw, ["bases", name]))
    return bases


def _file_cases(loader: _Loader, path: Path, raw: Any, bases: dict[str, Any]) -> list[TestCase]:
    """The cases of one test file, each a dossier (its own, or a base with an overlay) and its expectation;
    a duplicate name or an unknown base is a problem of the loader, at its line."""
    local = dict(bases)
    for name, src in raw.get("bases", {}).items():
        local[name] = loader.source(path, src, _span_at(str(path), raw, ["bases", name]))
    seen: set[str] = set()
    cases = []
    for index, item in enumerate(raw["cases"]):
        span = _span_at(str(path), raw, ["cases", index])
        if item["name"] in seen:
            duplicate = f"cases/{index}/name: duplicate case name `{item['name']}`"
            loader.problems.append(PolicyProblem(span, duplicate))
        seen.add(item["name"])
        if "base" in item and item["base"] not in local:
            loader.problems.append(PolicyProblem(_span_at(str(path), raw, ["cases", index, "base"]),
                                                 f"cases/{index}/base: unknown base `{item['base']}`"))
            continue
        dossier = local[item["base"]] if "base" in item else loader.source(path, item, span)
        if "overlay" in item:
            dossier = _merge(dossier, item["overlay"])
        cases.append(TestCase(item["name"], str(path), span, raw["article"], dossier, dict(item["expect"]),
                              dt.date.fromisoformat(item["as_of"]) if "as_of" in item else None))
    return cases


def _same(expected: Any, actual: Any) -> bool:
    actual = jsonable(actual)
    if (
        isinstance(expected, (int, Decimal))
        and not isinstance(expected, bool)
        and isinstance(actual, (int, float, str))
        and not isinstance(actual, bool)
    ):
        try:
            return Decimal(str(actual)) == Decimal(expected)
        except ArithmeticError:
            return False
    return expected == actual


def compare(case: TestCase, decision: Decision) -> list[str]:
    """What differs between the expected and the actual decision, one line per difference."""
    expect = case.expect
    out: list[str] = []
    if decision.verdict != expect["verdict"]:
        out.append(f"verdict: expected {expect['verdict']}, got {decision.verdict}")
    for key, actual in (("violations", {v.rule for v in decision.violations}),
                        ("warnings", {w.rule for w in decision.warnings})):
        wanted = set(expect.get(key, []))
        if wanted != actual:
            parts = []
            if wanted - actual:
                parts.append("missing " + ", ".join(sorted(wanted - actual)))
            if actual - wanted:
                parts.append("unexpected " + ", ".join(sorted(actual - wanted)))
            out.append(f"{key}: " + "; ".join(parts))
    if "errors" in expect:
        got = sorted({e.pointer for e in decision.errors})
        if sorted(set(expect["errors"])) != got:
            out.append(f"errors: expected {sorted(set(expect['errors']))}, got {got}")
    for group, actual_values in (("computed", decision.computed), ("funding", decision.funding)):
        for name, wanted in expect.get(group, {}).items():
            if name not in actual_values:
                out.append(f"{group}.{name}: no such value")
            elif not _same(wanted, actual_values[name]):
                out.append(f"{group}.{name}: expected {wanted}, got {jsonable(actual_values[name])}")
    return out


def run_cases(policies: PolicySet, cases: list[TestCase]) -> list[CaseResult]:
    results = []
    for case in cases:
        decision = policies.evaluate(case.dossier, as_of=case.as_of, explain=True)
        results.append(CaseResult(case, decision, compare(case, decision)))
    return results


# --- coverage ----------------------------------------------------------------

@dataclass
class Boundary:
    """One comparison that involves a parameter: `dossier.x >= computed.y`, bound by `param.p`."""

    parameter: str
    where: str  # rule id or computed name
    text: str
    op: str
    sides: Counter = field(default_factory=Counter)  # "on", "beyond", "inside", "far_beyond"

    @property
    def covered(self) -> bool:
        return self.sides["on"] > 0 and self.sides["beyond"] > 0


def _unparse(node: Node) -> str:
    match node:
        case Name():
            return node.dotted
        case Binary(op=op, left=left, right=right):
            return f"{_unparse(left)} {'not in' if op == 'notin' else op} {_unparse(right)}"
        case Unary(op=op, operand=operand):
            return f"{op} {_unparse(operand)}" if op == "not" else f"-{_unparse(operand)}"
        case Call(function=fn, args=args):
            return f"{fn}({', '.join(_unparse(a) for a in args)})"
        case ListExpr(items=items):
            return "[" + ", ".join(_unparse(i) for i in items) + "]"
    return repr(getattr(node, "value", node))


def _comparisons(node: Node) -> list[Binary]:
    found: list[Binary] = []
    stack = [node]
    while stack:
        current = stack.pop()
        match current:
            case Binary(op=op, left=left, right=right):
                if op in ORDERING or op in ("==", "!="):
                    found.append(current)
                stack += [left, right]
            case Unary(operand=operand):
                stack.append(operand)
            case Call(args=args) | ListExpr(items=args):
                stack += list(args)
    return found


def parameter_dependencies(policies: PolicySet) -> dict[str, set[str]]:
    """The parameters each computed value depends on, transitively."""
    graph = computed_graph(policies.document)
    return {name: set(graph.of(name).params) for name in graph.direct}


def boundaries(policies: PolicySet) -> dict[Binary, list[Boundary]]:
    """Every ordering comparison that involves a parameter, keyed by its AST node."""
    graph = computed_graph(policies.document)
    out: dict[Binary, list[Boundary]] = defaultdict(list)
    sources = [(name, item.expr) for name, item in policies.document.computed.items()]
    for rule in policies.rules:
        sources.append((rule.id, rule.condition))
        if rule.when:
            sources.append((rule.id, rule.when))
    for where, text in sources:
        for node in _comparisons(parse(text)):
            if node.op not in ORDERING:
                continue
            params = set(graph.closure(reads(node)).params)
            for param in sorted(params):
                out[node].append(Boundary(param, where, _unparse(node), node.op))
    return out


def _distance(left: Any, right: Any) -> Decimal | int | None:
    if isinstance(left, dt.date) and isinstance(right, dt.date):
        return (left - right).days
    try:
        return Decimal(left) - Decimal(right)
    except (TypeError, ArithmeticError, ValueError):
        return None


@dataclass
class Coverage:
    rules: dict[str, Counter]
    boundaries: list[Boundary]

    @property
    def rules_covered(self) -> int:
        return sum(1 for c in self.rules.values() if c["passed"] and c["failed"])

    @property
    def boundaries_covered(self) -> int:
        return sum(1 for b in self.boundaries if b.covered)

    @property
    def percent(self) -> Decimal:
        total = len(self.rules) + len(self.boundaries)
        if not total:
            return Decimal(100)
        return (Decimal(100) * (self.rules_covered + self.boundaries_covered) / total).quantize(
            Decimal("0.1")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "percent": float(self.percent),
            "rules": {
                rule: {
                    "passed": c["passed"],
                    "failed": c["failed"],
                    "not_reached": c["not_reached"],
                    "covered": bool(c["passed"] and c["failed"]),
                }
                for rule, c in self.rules.items()
            },
            "boundaries": [
                {
                    "parameter": b.parameter,
                    "where": b.where,
                    "comparison": b.text,
                    "on": b.sides["on"],
                    "just_beyond": b.sides["beyond"],
                    "inside": b.sides["inside"],
                    "covered": b.covered,
                }
                for b in self.boundaries
            ],
        }


def measure_coverage(policies: PolicySet, cases: list[TestCase]) -> Coverage:
    """Re-run the cases on an instrumented compilation of the same policy set."""
    table = boundaries(policies)
    current: list[Boundary] = []

    def observe(node: Binary, left: Any, right: Any) -> None:
        for boundary in table.get(node, ()):
            distance = _distance(left, right)
            if distance is None:
                continue
            if distance == 0:
                boundary.sides["on"] += 1
            elif (distance < 0) == (ORDERING[node.op] < 0):
                boundary.sides["beyond" if abs(distance) <= 1 else "far_beyond"] += 1
            else:
                boundary.sides["inside"] += 1

    instrumented = PolicySet(policies.document, policies.schema, on_compare=observe)
    rules: dict[str, Counter] = {r.id: Counter() for r in policies.rules}
    for case in cases:
        decision = instrumented.evaluate(case.dossier, as_of=case.as_of, explain=True)
        for result in decision.results:
            rules[result.rule][{"error": "failed"}.get(result.status, result.status)] += 1
    flat = [b for group in table.values() for b in group]
    unique: dict[tuple[str, str, str], Boundary] = {}
    for boundary in flat:
        key = (boundary.parameter, boundary.where, boundary.text)
        if key in unique:
            unique[key].sides += boundary.sides
        else:
            unique[key] = boundary
    del current
    return Coverage(rules, sorted(unique.values(), key=lambda b: (b.parameter, b.where)))


def untested_rules(policies: PolicySet, cases: list[TestCase]) -> list[str]:
    """Rules that no case expects to fail (or to warn): a rule nobody saw fail is not tested."""
    expected = {
        rule for case in cases for key in ("violations", "warnings") for rule in case.expect.get(key, [])
    }
    return [r.id for r in policies.rules if r.id not in expected]
