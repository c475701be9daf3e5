"""`proa-policy check`: what makes a policy set reviewable, beyond loading.

Each check returns `PolicyProblem`s with `file:line`; errors fail the check,
warnings (the annex's own inconsistencies, kept as the text gives them) do not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from proa_policy.engine.policyset import PolicySet
from proa_policy.errors import PolicyProblem
from proa_policy.policy.dependencies import rule_reads
from proa_policy.expr.deps import reads_text
from proa_policy.policy.model import PolicyDocument
from proa_policy.authoring.cases import load_cases, untested_rules

_SPACES = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def check_quotes(document: PolicyDocument) -> list[PolicyProblem]:
    """Every rule quotes a passage that really is in the text of the article it cites."""
    problems = []
    for article in document.articles:
        for rule in article.rules:
            text = article.text_of(rule.article)
            if text is None or _flat(rule.quote) not in _flat(text):
                problems.append(
                    PolicyProblem(
                        rule.span, f"rule `{rule.id}`: its quote is not in the text of article {rule.article}"
                    )
                )
    return problems


def _referenced_parameters(document: PolicyDocument) -> set[str]:
    """Parameters named (through the syntax tree) by a computed value, a rule, its messages, the manifest."""
    used = {document.manifest.entry_into_force}
    for item in document.computed.values():
        used.update(reads_text(item.expr).params)
    for rule in document.rules:
        used.update(rule_reads(rule).params)
    return used


def check_references(document: PolicyDocument) -> list[PolicyProblem]:
    """No parameter is defined without a rule, a computed value or the manifest using it."""
    used = _referenced_parameters(document)
    return [
        PolicyProblem(p.span, f"parameter `{p.name}` is never used")
        for p in document.parameters.values()
        if p.name not in used
    ]


def check_entry_into_force(document: PolicyDocument) -> list[PolicyProblem]:
    """The rule of Article 8 must read the manifest's entry-into-force parameter."""
    name = document.manifest.entry_into_force
    if any(name in reads_text(rule.condition).params for rule in document.rules):
        return []
    return [
        PolicyProblem(
            document.manifest.span, f"no rule reads the entry-into-force parameter `{name}`", "warning"
        )
    ]


def check_annex(document: PolicyDocument) -> list[PolicyProblem]:
    """The annex's inconsistencies, as warnings: the rows stay as the accord wrote them."""
    problems = []
    by_code = defaultdict(list)
    for row in document.annex.rows:
        by_code[row.rncp].append(row)
        if not row.title:
            problems.append(
                PolicyProblem(
                    row.span,
                    f"annex row {row.rncp}: no diploma title (the source shows only a code)",
                    "warning",
                )
            )
    for code, rows in by_code.items():
        if len(rows) < 2:
            continue
        lines = ", ".join(str(r.span.line) for r in rows)
        titles = sorted({r.title for r in rows if r.title})
        levels = sorted({str(r.level) for r in rows})
        flags = {r.excluded_from_extension for r in rows}
        span = rows[1].span
        problems.append(
            PolicyProblem(span, f"annex: {code} is listed {len(rows)} times (lines {lines})", "warning")
        )
        if len(titles) > 1:
            problems.append(
                PolicyProblem(
                    span,
                    f"annex: {code} appears under {len(titles)} titles: "
                    + " / ".join(f"`{t}`" for t in titles),
                    "warning",
                )
            )
        if len(levels) > 1:
            problems.append(
                PolicyProblem(
                    span, f"annex: {code} appears with {len(levels)} levels: {', '.join(levels)}", "warning"
                )
            )
        if len(flags) > 1:
            problems.append(
                PolicyProblem(
                    span,
                    f"annex: {code} is excluded from the extension in some rows and not in others",
                    "warning",
                )
            )
    return problems


def check_tests(policies: PolicySet) -> list[PolicyProblem]:
    """Every rule has test cases: some case beside the policies expects it to fail (or to warn)."""
    cases, problems = load_cases(policies.document.root)
    if problems:
        return problems
    return [PolicyProblem(rule.span, f"rule `{rule.id}` has no test case expecting it to fail")
            for rule in policies.rules if rule.id in untested_rules(policies, cases)]


def check_policy_set(policies: PolicySet, against_base: Iterable[PolicyProblem] = ()) -> list[PolicyProblem]:
    """Every check of `check`, errors first; `against_base`: the problems of `check --base`, found by
    `amend/baseline.py` (this layer does not read git revisions)."""
    document = policies.document
    problems = [
        *check_quotes(document),
        *check_references(document),
        *check_entry_into_force(document),
        *check_annex(document),
        *check_tests(policies),
        *against_base,
    ]
    return sorted(problems, key=lambda p: (p.severity != "error", p.span.file, p.span.line))
