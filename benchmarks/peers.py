"""Optional peers: the same rules in Rego (benchmarks/rego/proa.rego) under OPA's Go engine and regorus.

OPA runs in process through `opa-golib-python-bindings` (a ctypes bridge to OPA's Go library; the input
goes as a Python value, which the bridge encodes as JSON) and regorus, in Rust, through `opa-eval` (the
input goes as the JSON text itself). Each peer is optional: when its package is missing, `load_peers`
says so and the run goes on without it.

The Rego file keeps only the shape of the rules; `rego_data` reads the legal numbers, the annex codes,
each rule's kind and the calendar from the policy set, so both sides judge with the same law.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

REGO = Path(__file__).resolve().parent / "rego" / "proa.rego"
QUERY = "proa.decision"

INSTALL = {
    "_opa": "pip install -e \".[bench]\" on Python >= 3.14; before: pip install --no-deps "
            "--ignore-requires-python opa-golib-python-bindings==0.4.4",
    "_regorus": "pip install -e \".[bench]\"",
}
Outcome = tuple[str, frozenset[str], frozenset[str], int]  # verdict, violations, warnings, ceiling in cents


@dataclass(frozen=True)
class Peer:
    """One engine ready to judge: `judge(json_text, value)` returns the Rego `decision` document."""

    name: str
    package: str
    version: str
    judge: Callable[[str, Any], dict[str, Any]]


def rego_data(policies: Any) -> dict[str, Any]:
    """`data` for the Rego rules: parameters, annex code sets, rule kinds, calendar; from the policy set."""
    params: dict[str, Any] = {}
    for name, parameter in policies.parameters.items():
        if len(parameter.values) != 1:
            raise ValueError(f"parameter `{name}` has {len(parameter.values)} dated values; "
                             "the Rego peer knows one")
        params[name] = _json_value(parameter.values[0].value)
    codes, extended = _annex_sets(policies)
    return {
        "params": params,
        "annex": {"codes": dict.fromkeys(sorted(codes), True),
                  "extended_codes": dict.fromkeys(sorted(extended), True)},
        "kinds": {rule.id: rule.kind for rule in policies.rules},
        "calendar": calendar_of(policies),
    }


def calendar_of(policies: Any) -> str:
    """How the policy set finds a date n months later: `anniversary(` in its computed values, else
    `add_months(`."""
    texts = " ".join(c.expr for c in policies.document.computed.values())
    return "anniversary" if "anniversary(" in texts else "clamp"


def _annex_sets(policies: Any) -> tuple[frozenset[str], frozenset[str]]:
    import reference

    return reference.ANNEX_CODES, reference.ANNEX_EXTENDED_CODES


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def outcome(document: dict[str, Any]) -> Outcome:
    return (document["verdict"], frozenset(document["violations"]), frozenset(document["warnings"]),
            int(document["ceiling_cents"]))


def load_peers(data: dict[str, Any]) -> tuple[list[Peer], list[str]]:
    """The peers that can run here, and a sentence for each one that cannot."""
    peers: list[Peer] = []
    missing: list[str] = []
    for loader in (_opa, _regorus):
        try:
            peers.append(loader(data))
        except ImportError as exc:
            missing.append(f"{loader.__doc__}: not installed ({exc}); {INSTALL[loader.__name__]}")
        except Exception as exc:  # a peer that fails to load its policy is reported, never fatal
            missing.append(f"{loader.__doc__}: could not load the Rego rules: {type(exc).__name__}: {exc}")
    return peers, missing


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _opa(data: dict[str, Any]) -> Peer:
    """OPA's Go engine (opa-golib-python-bindings)"""
    from opa_bindings import OpaEngine

    engine = OpaEngine()
    engine.add_policy("proa.rego", REGO.read_text(encoding="utf-8"))
    engine.add_data(data)
    evaluate = engine.eval_document

    def judge(text: str, value: Any) -> dict[str, Any]:
        return evaluate(QUERY, value)

    package = "opa-golib-python-bindings"
    return Peer("OPA (Go, in process)", package, _package_version(package), judge)


def _regorus(data: dict[str, Any]) -> Peer:
    """regorus, Rust (opa-eval)"""
    import opa_eval

    evaluator = opa_eval.OpaEval(str(REGO), data_json=json.dumps(data), query="data." + QUERY)
    evaluate = evaluator.evaluate_parsed

    def judge(text: str, value: Any) -> dict[str, Any]:
        return evaluate(text)

    return Peer("regorus (Rust)", "opa-eval", _package_version("opa-eval"), judge)
