"""Rendering `proa-policy test` results: text for people, JSON and JUnit for CI."""

from __future__ import annotations

from typing import Any

from proa_policy.authoring.cases import CaseResult, Coverage
from proa_policy.report.escape import text as esc
from proa_policy.report.jsonout import dumps


def _case_line(result: CaseResult) -> str:
    case = result.case
    status = "PASS" if result.passed else "FAIL"
    return f"{status} {esc(case.span)} {esc(case.name)}"


def render_coverage(coverage: Coverage) -> list[str]:
    lines = ["", "Coverage by rule (passed / failed / not reached):"]
    for rule, counts in coverage.rules.items():
        mark = "✓" if counts["passed"] and counts["failed"] else "✗"
        lines.append(
            f"  {mark} {esc(rule):34} {counts['passed']:4} {counts['failed']:4} {counts['not_reached']:4}"
        )
    lines.append("Coverage by parameter boundary (cases on the bound / just beyond it):")
    for b in coverage.boundaries:
        mark = "✓" if b.covered else "✗"
        lines.append(
            f"  {mark} {esc(b.parameter):30} {b.sides['on']:4} {b.sides['beyond']:4}   {esc(b.where)}:"
            f" {esc(b.text)}"
        )
    lines.append(f"Rules seen passing and failing: {coverage.rules_covered}/{len(coverage.rules)}; "
                 f"boundaries covered: {coverage.boundaries_covered}/{len(coverage.boundaries)}; "
                 f"coverage {coverage.percent} %")
    return lines


def render_text(results: list[CaseResult], coverage: Coverage | None) -> str:
    lines = []
    for result in results:
        lines.append(_case_line(result))
        for difference in result.differences:
            lines.append(f"    {esc(difference)}")
    failed = sum(not r.passed for r in results)
    lines.append(f"{len(results)} cases: {len(results) - failed} passed, {failed} failed")
    if coverage is not None:
        lines += render_coverage(coverage)
    return "\n".join(lines) + "\n"


def render_json(results: list[CaseResult], coverage: Coverage | None) -> str:
    out: dict[str, Any] = {
        "cases": [{"id": r.case.id, "file": r.case.file, "line": r.case.span.line, "name": r.case.name,
                   "article": r.case.article, "passed": r.passed, "differences": r.differences,
                   "verdict": r.decision.verdict} for r in results],
        "summary": {"total": len(results), "passed": sum(r.passed for r in results),
                    "failed": sum(not r.passed for r in results)},
    }
    if coverage is not None:
        out["coverage"] = coverage.to_dict()
    return dumps(out, pretty=True) + "\n"
