"""SARIF 2.1.0 (OASIS): one run, every policy rule in `tool.driver.rules`, one result per finding.

Results come in input order (dossier by dossier: schema errors, violations,
warnings), so the same decisions always give the same log, byte for byte.
The helpers `source_path` and `position` say where a finding is; the GitHub
renderer uses them too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import quote

from proa_policy.engine.decision import Decision
from proa_policy.policy.model import FORMALITY, WARNING, Rule
from proa_policy.report.jsonout import dumps
from proa_policy.wording import article_label as label, say

if TYPE_CHECKING:
    from proa_policy.engine.policyset import PolicySet

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
STDIN_NAME = "<stdin>"
SCHEMA_RULE = "schema"
_JSONL_SOURCE = re.compile(r"(.+):(\d+)")


def source_path(decision: Decision) -> tuple[str, int]:
    """(path, record line): a JSON Lines source `path:LINE` is split; no source or `-` is `<stdin>`."""
    source = decision.source
    if source is None or source == "-":
        return STDIN_NAME, 0
    match = _JSONL_SOURCE.fullmatch(source)
    if match:
        return match[1], int(match[2])
    return source, 0


def position(decision: Decision, item: Any) -> tuple[str, int, int]:
    """(path, line, column) of a finding or schema error; 0 when unknown.

    A JSON Lines record is one line, so its line is the record's whatever the
    item says; the item only adds the column.
    """
    path, record = source_path(decision)
    line, column = getattr(item, "line", 0) or 0, getattr(item, "column", 0) or 0
    if record:
        return path, record, column
    return path, line, column if line else 0


def level(kind: str) -> str:
    """A warning, or a formality that remains to be done (verdict incomplete), is no error of the dossier."""
    return "warning" if kind in (WARNING, FORMALITY) else "error"


def _name(rule_id: str) -> str:
    """`art4.training_floor` → `Art4TrainingFloor` (SARIF wants a camel-case, human-readable name)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part)


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    where = label(rule.article, lang)
    colon = say("report.colon", lang)
    help_text = f"{where}{colon}« {rule.quote} »"
    if rule.interpretation:
        help_text += f"\n{say('report.interpretation', lang)}{colon}{rule.interpretation}"
    return {
        "id": rule.id,
        "name": _name(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.quote},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level(rule.kind)},
        "properties": {"article": where, "kind": rule.kind, "tags": ["pro-a", rule.kind]},
    }


def _schema_rule(lang: str) -> dict[str, Any]:
    short, full = say("report.schema_rule.short", lang), say("report.schema_rule.full", lang)
    return {
        "id": SCHEMA_RULE,
        "name": "DossierSchema",
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full},
        "defaultConfiguration": {"level": "error"},
        "properties": {"kind": SCHEMA_RULE, "tags": ["pro-a", SCHEMA_RULE]},
    }


def _location(decision: Decision, item: Any) -> dict[str, Any]:
    path, line, column = position(decision, item)
    # The uri must be a URI reference: percent-encode spaces, `<stdin>`, non-ASCII…
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(path, safe="/", errors="backslashreplace")}}
    if line:
        physical["region"] = {"startLine": line, **({"startColumn": column} if column else {})}
    return {"physicalLocation": physical}


def _result(decision: Decision, rule_id: str, index: int | None, level: str, text: str, item: Any,
            extra: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {"verdict": decision.verdict}
    if decision.dossier_id is not None:
        properties["dossier"] = decision.dossier_id
    if getattr(item, "pointer", None) is not None:
        properties["pointer"] = item.pointer
    properties.update(extra)
    result: dict[str, Any] = {"ruleId": rule_id}
    if index is not None:
        result["ruleIndex"] = index
    result.update({"level": level, "message": {"text": text}, "locations": [_location(decision, item)],
                   "properties": properties})
    return result


def _results(decision: Decision, index: dict[str, int], lang: str) -> Iterable[dict[str, Any]]:
    for error in decision.errors:
        where = error.pointer or "/"
        yield _result(
            decision, SCHEMA_RULE, index[SCHEMA_RULE], "error", f"{where}: {error.message}", error, {}
        )
    for findings in (decision.violations, decision.warnings):
        for finding in findings:
            severity = "error" if finding.evaluation_error is not None else level(finding.kind)
            yield _result(decision, finding.rule, index.get(finding.rule), severity, finding.message, finding,
                          {"article": label(finding.article, lang), "kind": finding.kind})


def render(decisions: Iterable[Decision], policies: PolicySet, lang: str = "fr") -> str:
    """The SARIF log of these decisions, as pretty-printed JSON text ending with a newline."""
    from proa_policy import __version__

    rules = [_rule(rule, lang) for rule in policies.rules] + [_schema_rule(lang)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [result for decision in decisions for result in _results(decision, index, lang)]
    run = {
        "tool": {"driver": {"name": "proa-policy", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"policy": {"id": policies.manifest.id, "version": policies.manifest.version}},
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return dumps(log, pretty=True) + "\n"
