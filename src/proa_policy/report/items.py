"""Rendering the results of `validate`, `check` and `test` in every output format, from one model.

`evaluate` has its own renderers (a Decision carries verdicts, funding, a
trace); the other commands all produce the same shape: a list of *items* (a
dossier, a policy file, a test case), each passed, failed or in error, each
with located *findings*. The adapters below turn each command's own results
into items; `render` turns items into text, JSON, JSON Lines, JUnit XML,
GitHub workflow commands, SARIF 2.1.0 or Markdown. Output depends only on the
items and their order, never on time or host, so it is byte-for-byte stable.

Status words: `failed` is what the command checks for (an invalid dossier, a
policy file with an error, a case whose decision differs); `error` means the
item could not even be examined (an unreadable dossier).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from proa_policy.errors import DossierIssue, PolicyProblem
from proa_policy.source import SourceSpan
from proa_policy.report import markdown
from proa_policy.report.escape import markdown_code, text as esc
from proa_policy.report.github import command as github_command
from proa_policy.report.jsonout import dumps
from proa_policy.report.junit import _clean
from proa_policy.report.sarif import SCHEMA_RULE, SCHEMA_URI, STDIN_NAME, _name, _schema_rule
from proa_policy.wording import say

if TYPE_CHECKING:
    from proa_policy.authoring.cases import CaseResult

PASSED, FAILED, ERROR = "passed", "failed", "error"
STATUSES = (PASSED, FAILED, ERROR)
FORMATS = ("text", "json", "jsonl", "junit", "github", "sarif", "markdown")  # what `render` knows
CHECK_RULE = "policy-check"
TEST_RULE = "test-case"
MARKS = {PASSED: "✓", FAILED: "✗", ERROR: "⛔"}
MARKDOWN_MARKS = {PASSED: "✅", FAILED: "❌", ERROR: "⛔"}
_JSONL_SOURCE = re.compile(r"(.+):(\d+)")

#: The words of each command's items (`3 dossier(s)`), and of the SARIF rules its adapter uses (`schema` comes
#: from the evaluate renderer): keys of the catalogue (wording/).
NOUN_KEYS = {"validate": "report.noun.validate", "check": "report.noun.check", "test": "report.noun.test"}
RULE_KEYS = {CHECK_RULE: ("report.check_rule.short", "report.check_rule.full"),
             TEST_RULE: ("report.test_rule.short", "report.test_rule.full")}


def _status(status: str, lang: str) -> str:
    return say(f"report.item.{status}", lang)


@dataclass(frozen=True)
class ItemFinding:
    """One located message about an item; `pointer` is a JSON pointer when it is about a dossier field."""

    message: str
    severity: str  # "error" | "warning"
    rule: str | None = None
    file: str | None = None
    line: int = 0
    column: int = 0
    pointer: str | None = None

    @property
    def text(self) -> str:
        """The message, prefixed with the field it is about (the whole document is `/`)."""
        return self.message if self.pointer is None else f"{self.pointer or '/'}: {self.message}"


@dataclass(frozen=True)
class Item:
    """One thing a command examined: a dossier source, a policy file, a test case."""

    name: str
    status: str  # "passed" | "failed" | "error"
    findings: tuple[ItemFinding, ...] = ()
    file: str | None = None
    line: int = 0
    record: dict[str, Any] | None = None  # the command's own JSON record, used verbatim by json/jsonl


# --- adapters ------------------------------------------------------------------

def items_from_check(problems: Iterable[PolicyProblem], files: Iterable[str] = ()) -> list[Item]:
    """One item per policy file: `failed` when it has an error, `passed` otherwise (warnings allowed).

    Files come in the order of `files` (each listed file is an item even when clean), then the other
    files with problems in order of first appearance; a file's problems keep their order.
    """
    grouped: dict[str, list[PolicyProblem]] = {name: [] for name in files}
    for problem in problems:
        grouped.setdefault(problem.span.file, []).append(problem)
    items = []
    for name, found in grouped.items():
        findings = tuple(
            ItemFinding(p.message, p.severity, CHECK_RULE, p.span.file, p.span.line, p.span.column)
            for p in found
        )
        status = FAILED if any(f.severity == "error" for f in findings) else PASSED
        items.append(Item(name, status, findings, file=name))
    return items


def split_source(source: str | None) -> tuple[str, int]:
    """(path, record line) of an input source: `path:LINE` (JSON Lines) is split; none or `-` is `<stdin>`."""
    if source is None or source == "-":
        return STDIN_NAME, 0
    match = _JSONL_SOURCE.fullmatch(source)
    return (match[1], int(match[2])) if match else (source, 0)


def items_from_validation(results: Iterable[tuple[str, list[DossierIssue]]]) -> list[Item]:
    """One item per dossier source: `passed` when valid, `failed` when not, `error` when unreadable.

    An unreadable input is an issue with keyword `document` (as `evaluate` builds it). A JSON Lines
    record is one line, so its findings are on the record's line whatever the issue says.
    """
    items = []
    for source, issues in results:
        path, record_line = split_source(source)
        findings = []
        for issue in issues:
            line = record_line or issue.line
            findings.append(ItemFinding(issue.message, "error", SCHEMA_RULE, path, line,
                                        issue.column if line else 0, issue.pointer))
        status = ERROR if any(i.keyword == "document" for i in issues) else FAILED if issues else PASSED
        name = source if source not in (None, "-") else STDIN_NAME
        record = {"source": source, "valid": not issues, "errors": [i.to_dict() for i in issues]}
        items.append(Item(name, status, tuple(findings), file=path, line=record_line, record=record))
    return items


def case_record(result: CaseResult) -> dict[str, Any]:
    """The JSON record of one test case, as `proa-policy test --format json` writes it."""
    case = result.case
    return {
        "id": case.id,
        "file": case.file,
        "line": case.span.line,
        "name": case.name,
        "article": case.article,
        "passed": result.passed,
        "differences": list(result.differences),
        "verdict": result.decision.verdict,
    }


def items_from_tests(results: Iterable[CaseResult]) -> list[Item]:
    """One item per case; each difference from the expected decision is an error at the case's line."""
    items = []
    for result in results:
        span = result.case.span
        findings = tuple(ItemFinding(d, "error", TEST_RULE, result.case.file, span.line, span.column)
                         for d in result.differences)
        items.append(Item(result.case.id, PASSED if result.passed else FAILED, findings,
                          file=result.case.file, line=span.line, record=case_record(result)))
    return items


# --- shared helpers ------------------------------------------------------------

def summarize(items: list[Item]) -> dict[str, Any]:
    """Counts by status, and findings by severity."""
    findings = [f for item in items for f in item.findings]
    out: dict[str, Any] = {"total": len(items)}
    out.update({status: sum(i.status == status for i in items) for status in STATUSES})
    out["findings"] = {
        severity: sum(f.severity == severity for f in findings) for severity in ("error", "warning")
    }
    return out


def where(item: Item, finding: ItemFinding | None) -> SourceSpan:
    """Where a finding is: its own file and line; the item's when it says nothing (column only with a
    line)."""
    if finding is None:
        return SourceSpan(item.file or item.name, item.line)
    file = finding.file or item.file or item.name
    if finding.line:
        return SourceSpan(file, finding.line, finding.column)
    return SourceSpan(file, item.line if file == (item.file or item.name) else 0)


def _is_location(item: Item) -> bool:
    """Whether the item's name only repeats where it is (then messages need no prefix)."""
    return item.file is None or item.name in (item.file, f"{item.file}:{item.line}")


def _unexplained(item: Item) -> bool:
    """A failing item with no error finding must still show as failing in every format."""
    return item.status != PASSED and not any(f.severity == "error" for f in item.findings)


def _generic_record(item: Item) -> dict[str, Any]:
    findings = [{"message": f.message, "severity": f.severity, "rule": f.rule, "file": f.file, "line": f.line,
                 "column": f.column, "pointer": f.pointer} for f in item.findings]
    return {
        "name": item.name,
        "status": item.status,
        "file": item.file,
        "line": item.line,
        "findings": findings,
    }


def _record(item: Item) -> dict[str, Any]:
    return item.record if item.record is not None else _generic_record(item)


# --- the formats ---------------------------------------------------------------

def _text(items: list[Item], command: str, lang: str, title: str | None) -> str:
    lines = []
    for item in items:
        lines.append(f"{MARKS[item.status]} {esc(item.name)}")
        lines += [f"    {esc(where(item, f))}: {f.severity}: {esc(f.text)}" for f in item.findings]
    heading = f"{esc(title)}{say('report.colon', lang)}" if title else ""
    lines.append(heading + _counts_line(items, command, lang))
    return "\n".join(lines) + "\n"


def _counts_line(items: list[Item], command: str, lang: str) -> str:
    counts = summarize(items)
    return say(
        "report.items.summary",
        lang,
        noun=say(NOUN_KEYS.get(command, "report.noun.other"), lang),
        errors=counts["findings"]["error"],
        warnings=counts["findings"]["warning"],
        **counts,
    )


def _json(items: list[Item], command: str, summary: dict[str, Any]) -> str:
    return (
        dumps({"command": command, "items": [_record(i) for i in items], "summary": summary}, pretty=True)
        + "\n"
    )


def _jsonl(items: list[Item]) -> str:
    return "".join(dumps(_record(item)) + "\n" for item in items)


def _junit(items: list[Item], command: str, lang: str, title: str | None) -> str:
    """One testsuite; a `<failure>` (an `<error>` when the item is in error) per error finding.

    `failures`/`errors` count testcases, as JUnit does; warnings go to the testcase's `<system-out>`.
    """
    suite = ET.Element("testsuite", {"name": f"proa-policy {command}", "tests": str(len(items))})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "command", "value": command})
    if title:
        ET.SubElement(properties, "property", {"name": "title", "value": _clean(title)})
    failed = {"failure": 0, "error": 0}
    for item in items:
        case = ET.SubElement(
            suite, "testcase", {"classname": f"proa-policy.{command}", "name": _clean(item.name)}
        )
        tag = "error" if item.status == ERROR else "failure"
        for finding in item.findings:
            if finding.severity == "error":
                node = ET.SubElement(case, tag, {"type": _clean(finding.rule or command),
                                                 "message": _clean(finding.text)})
                node.text = _clean(f"{where(item, finding)}: {finding.severity}: {finding.text}")
        if _unexplained(item):
            label = say("report.items.no_finding", lang, status=_status(item.status, lang))
            ET.SubElement(case, tag, {"type": item.status, "message": _clean(label)})
        failed[tag] += case.find(tag) is not None
        warnings = [f for f in item.findings if f.severity != "error"]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(f"{where(item, f)}: {f.severity}: {f.text}" for f in warnings))
    suite.attrib.update({"failures": str(failed["failure"]), "errors": str(failed["error"]), "skipped": "0"})
    ET.indent(suite, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def _github(items: list[Item], lang: str) -> str:
    lines = []
    for item in items:
        prefix = "" if _is_location(item) else f"{item.name}: "
        for finding in item.findings:
            span = where(item, finding)
            title = " · ".join(part for part in (finding.rule, finding.pointer or None) if part)
            kind = "error" if finding.severity == "error" else "warning"
            lines.append(github_command(kind, prefix + finding.message, file=span.file, line=span.line,
                                        column=span.column, title=title))
        if _unexplained(item):
            span = where(item, None)
            status = _status(item.status, lang)
            lines.append(github_command("error", f"{item.name}: {status}", file=span.file, line=span.line,
                                        title=status))
    return "".join(line + "\n" for line in lines)


def _sarif_rule(rule_id: str, lang: str) -> dict[str, Any]:
    if rule_id == SCHEMA_RULE:
        return _schema_rule(lang)
    keys = RULE_KEYS.get(rule_id)
    short, full = (say(keys[0], lang), say(keys[1], lang)) if keys else (rule_id, rule_id)
    return {"id": rule_id, "name": _name(rule_id) or "Rule", "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "help": {"text": full},
            "properties": {"tags": ["pro-a", rule_id]}}


def _sarif_result(item: Item, finding: ItemFinding | None, rule_id: str, index: int, text: str,
                  level: str) -> dict[str, Any]:
    span = where(item, finding)
    # The uri must be a URI reference: percent-encode spaces, `<stdin>`, non-ASCII…
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(span.file, safe="/", errors="backslashreplace")}
    }
    if span.line:
        physical["region"] = {"startLine": span.line, **({"startColumn": span.column} if span.column else {})}
    properties: dict[str, Any] = {"item": item.name, "status": item.status}
    if finding is not None and finding.pointer is not None:
        properties["pointer"] = finding.pointer
    return {"ruleId": rule_id, "ruleIndex": index, "level": level, "message": {"text": text},
            "locations": [{"physicalLocation": physical}], "properties": properties}


def _sarif(items: list[Item], command: str, lang: str, summary: dict[str, Any], title: str | None) -> str:
    """One run; the rules are the distinct finding rules in order of first appearance."""
    from proa_policy import __version__

    rule_ids: dict[str, int] = {}
    results = []
    for item in items:
        entries: list[tuple[ItemFinding | None, str, str]] = [(f, f.text, f.severity) for f in item.findings]
        if _unexplained(item):
            entries.append((None, f"{item.name}: {_status(item.status, lang)}", "error"))
        for finding, text, level in entries:
            rule_id = (finding.rule if finding is not None else None) or command
            index = rule_ids.setdefault(rule_id, len(rule_ids))
            results.append(_sarif_result(item, finding, rule_id, index, text,
                                         "error" if level == "error" else "warning"))
    properties: dict[str, Any] = {"command": command, "summary": summary}
    if title:
        properties["title"] = title
    run = {
        "tool": {"driver": {"name": "proa-policy", "version": __version__, "semanticVersion": __version__,
                            "rules": [_sarif_rule(rule_id, lang) for rule_id in rule_ids]}},
        # Code scanning keeps one analysis per category: `check` must not replace `evaluate`'s.
        "automationDetails": {"id": f"proa-policy/{command}/"},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": properties,
    }
    return dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, pretty=True) + "\n"


_code = markdown_code  # a value as a code span when it can be one, escaped text otherwise


def _markdown(items: list[Item], command: str, lang: str, title: str | None) -> str:
    colon, counts = say("report.colon", lang), summarize(items)
    heading = f"## proa-policy {markdown.escape(command)}" + (f" — {markdown.escape(title)}" if title else "")
    lines = [heading, ""]
    lines += [f"- {MARKDOWN_MARKS[s]} {_status(s, lang)}{colon}{counts[s]}" for s in STATUSES]
    lines += ["", f"| {say('report.items.columns', lang)} |", "|---|---|---|"]
    for item in items:
        errors = sum(f.severity == "error" for f in item.findings)
        found = (
            say("report.items.counts", lang, errors=errors, warnings=len(item.findings) - errors)
            if item.findings
            else "—"
        )
        lines.append(f"| {markdown.escape(item.name)} | {MARKDOWN_MARKS[item.status]} "
                     f"{_status(item.status, lang)} | {found} |")
    explained = [i for i in items if i.findings]
    if explained:
        lines += ["", f"### {say('report.details', lang)}", ""]
        for item in explained:
            lines += [f"#### {markdown.escape(item.name)} — {_status(item.status, lang)}", ""]
            for f in item.findings:
                mark = "❌" if f.severity == "error" else "⚠️"
                rule = f" · {_code(f.rule)}" if f.rule else ""
                lines.append(f"- {mark} {_code(str(where(item, f)))}{rule} — {markdown.message(f.text)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render(items: Iterable[Item], fmt: str, *, tool_command: str, lang: str = "fr",
           summary: dict[str, Any] | None = None, title: str | None = None) -> str:
    """The items in format `fmt` (one of FORMATS): text ending with a newline, or empty (jsonl, github).

    `summary` is merged over the computed counts (`summarize`) in the json and sarif outputs; `title`
    (e.g. the policy set and its version) heads the text summary line, the Markdown and the reports'
    properties. Exit codes are the caller's business: they never depend on the format.
    """
    items = list(items)
    merged = {**summarize(items), **(summary or {})}
    match fmt:
        case "text":
            return _text(items, tool_command, lang, title)
        case "json":
            return _json(items, tool_command, merged)
        case "jsonl":
            return _jsonl(items)
        case "junit":
            return _junit(items, tool_command, lang, title)
        case "github":
            return _github(items, lang)
        case "sarif":
            return _sarif(items, tool_command, lang, merged, title)
        case "markdown":
            return _markdown(items, tool_command, lang, title)
    raise ValueError(f"unknown format `{fmt}` (known: {', '.join(FORMATS)})")
