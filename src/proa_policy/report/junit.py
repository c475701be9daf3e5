"""JUnit XML: one `<testsuite name="proa-policy">`, one `<testcase>` per dossier.

A violation is a `<failure>` (not applicable too: the dossier fails the
accord's scope), a schema error an `<error>`, warnings go to the testcase's
`<system-out>`. `failures`/`errors` count testcases, as JUnit does. No times
or host names: the same decisions always give the same bytes. Validated
against the Surefire/Jenkins JUnit schema (`tests/schemas/junit-10.xsd`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Iterable

from proa_policy.engine.decision import ELIGIBLE, INVALID, Decision
from proa_policy.report.escape import xml
from proa_policy.report.sarif import STDIN_NAME, position
from proa_policy.report.text import verdict_in_capitals
from proa_policy.wording import article_label as label, say

if TYPE_CHECKING:
    from proa_policy.engine.policyset import PolicySet

CLASSNAME = "proa-policy.evaluate"
# Characters XML 1.0 cannot carry at all, even escaped: a dossier value must not make the report unreadable.
_clean = xml


def _where(decision: Decision, item: object) -> str:
    path, line, column = position(decision, item)
    if not line:
        return path
    return f"{path}:{line}:{column}" if column else f"{path}:{line}"


def _testcase(suite: ET.Element, decision: Decision, lang: str) -> None:
    name = decision.source if decision.source not in (None, "-") else STDIN_NAME
    if decision.dossier_id:
        name += f" [{decision.dossier_id}]"
    case = ET.SubElement(suite, "testcase", {"classname": CLASSNAME, "name": _clean(name)})
    for error in decision.errors:
        pointer = error.pointer or "/"
        node = ET.SubElement(case, "error", {"type": xml(error.keyword or "schema"),
                                             "message": _clean(f"{pointer}: {error.message}")})
        node.text = _clean(f"{_where(decision, error)}: {pointer}: {error.message}")
    for finding in decision.violations:
        node = ET.SubElement(
            case,
            "failure",
            {
                "type": xml(finding.rule),
                "message": _clean(f"{label(finding.article, lang)} · {finding.rule}"),
            },
        )
        node.text = _clean(finding.message)
    if decision.verdict != ELIGIBLE and not decision.errors and not decision.violations:
        # A failing verdict must fail its testcase even if nothing explains it (it should not happen).
        tag = "error" if decision.verdict == INVALID else "failure"
        ET.SubElement(
            case, tag, {"type": decision.verdict, "message": verdict_in_capitals(decision.verdict, lang)}
        )
    if decision.warnings:
        warning = say("report.warning", lang) + say("report.colon", lang)
        out = ET.SubElement(case, "system-out")
        out.text = _clean(
            "\n".join(
                f"{label(w.article, lang)} · {w.rule} — {warning}{w.message}"
                for w in decision.warnings
            )
        )


def render(decisions: Iterable[Decision], policies: PolicySet, lang: str = "fr") -> str:
    """The JUnit XML document (UTF-8 declaration, two-space indent, final newline)."""
    decisions = list(decisions)
    failed = sum(d.verdict not in (ELIGIBLE, INVALID) for d in decisions)
    invalid = sum(d.verdict == INVALID for d in decisions)
    suite = ET.Element("testsuite", {"name": "proa-policy", "tests": str(len(decisions)),
                                     "failures": str(failed), "errors": str(invalid), "skipped": "0"})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "policy.id", "value": xml(policies.manifest.id)})
    ET.SubElement(properties, "property", {"name": "policy.version", "value": xml(policies.manifest.version)})
    for decision in decisions:
        _testcase(suite, decision, lang)
    ET.indent(suite, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
