"""The output formats: one registry, used by every command (evaluate, validate, check, test, diff).

A format is one `Format` value registered with `register`: it says how it
renders each kind of report it supports. Commands offer exactly the formats
that can render their report (`names_for`), and a format renders the same
bytes whether it goes to standard output (`--format`) or to a file
(`--output FORMAT=FILE`). Adding a format is one `register(Format(...))`.

Report kinds:
  decisions  `evaluate`: `record` renders one decision as it comes (streaming
             formats), `whole` renders the finished run (aggregate formats)
  items      `validate`, `check`, `test`: a `Report` of items (report/items.py);
             `commands` may give one command its own renderer for this format
  diff       `diff`: a `DiffReport`
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping

from proa_policy.report import text as text_report
from proa_policy.report.jsonout import dumps, record_line

if TYPE_CHECKING:
    from proa_policy.engine.decision import Decision

RecordRenderer = Callable[["Decision", str, bool, Any], str]  # (decision, lang, explain, style) -> text
WholeRenderer = Callable[[list["Decision"], Any, str], str]  # (decisions, policies, lang) -> text


@dataclass(frozen=True)
class Report:
    """What `validate`, `check` and `test` hand to a format: their items, and their own results."""

    command: str
    items: list[Any]
    lang: str = "fr"
    summary: dict[str, Any] | None = None
    native: Any = None  # the command's own results, for its own renderers (test: (results, coverage))


@dataclass(frozen=True)
class DiffReport:
    old: str
    new: str
    changes: list[Any]
    exploration: Any
    old_set: Any = None  # the two policy sets, for the formats that show their texts (html)
    new_set: Any = None
    lang: str = "en"  # the tool's words in every format (the accord's text stays French)


@dataclass(frozen=True)
class Format:
    name: str
    record: RecordRenderer | None = None
    whole: WholeRenderer | None = None
    items: Callable[[Report], str] | None = None
    commands: Mapping[str, Callable[[Report], str]] = field(default_factory=dict)
    diff: Callable[[DiffReport], str] | None = None
    binary: bool = False  # renders bytes (xlsx)
    file_only: bool = False  # `--output FORMAT=FILE` only, never the terminal (the annotated spreadsheets)

    @property
    def streaming(self) -> bool:
        return self.record is not None

    def renders(self, command: str) -> bool:
        if command == "evaluate":
            return self.record is not None or self.whole is not None
        if command == "diff":
            return self.diff is not None
        return self.items is not None or command in self.commands

    def render_report(self, report: Report) -> str:
        renderer = self.commands.get(report.command, self.items)
        if renderer is None:
            raise ValueError(f"format `{self.name}` cannot render `{report.command}`")
        return renderer(report)


REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    REGISTRY[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    return REGISTRY[name]


def names_for(command: str, files: bool = False) -> tuple[str, ...]:
    """The formats a command offers, in registration order (`files`: with those for `--output` only)."""
    return tuple(name for name, fmt in REGISTRY.items()
                 if fmt.renders(command) and (files or not fmt.file_only))


def _whole(module: str) -> WholeRenderer:
    """`report/<module>.py`'s `render`, imported when a report is rendered in that format (start-up time)."""
    def render(decisions: list[Decision], policies: Any, lang: str) -> str:
        return importlib.import_module(f"proa_policy.report.{module}").render(decisions, policies, lang)
    return render


def _github_record(decision: Decision, lang: str, explain: bool, style: Any) -> str:
    from proa_policy.report import github

    return github.render([decision], None, lang)


def _items(name: str) -> Callable[[Report], str]:
    def render(report: Report) -> str:
        from proa_policy.report import items as items_report

        return items_report.render(report.items, name, tool_command=report.command, lang=report.lang,
                                   summary=report.summary)
    return render


def _test_text(report: Report) -> str:
    from proa_policy.report import testreport  # imports the test runner (and jsonschema): not at start-up

    return testreport.render_text(*report.native)


def _test_json(report: Report) -> str:
    from proa_policy.report import testreport

    return testreport.render_json(*report.native)


def _check_text(report: Report) -> str:
    problems, headline = report.native
    lines = [f"{p.span}: {p.severity}: {p.message}" for p in problems]
    return "".join(line + "\n" for line in [*lines, headline])


def _diff(name: str) -> Callable[[DiffReport], str]:
    """`report/diffreport.py`'s renderer `name`, imported when a diff is rendered (it imports the explorer,
    which `evaluate` never needs: start-up time, issue 16)."""
    def render(r: DiffReport) -> str:
        from proa_policy.report import diffreport

        return getattr(diffreport, name)(r.old, r.new, r.changes, r.exploration, lang=r.lang)
    return render


def _diff_html(report: DiffReport) -> str:
    from proa_policy.report.diffpage import render_html

    return render_html(report.old, report.new, report.changes, report.exploration, report.old_set,
                       report.new_set, report.lang)


def _sheet(name: str) -> WholeRenderer:
    def render(decisions: list[Decision], policies: Any, lang: str) -> Any:
        from proa_policy.report.spreadsheet import RENDERERS

        return RENDERERS[name](decisions, policies, lang)
    return render


def _text_record(decision: Decision, lang: str, explain: bool, style: Any) -> str:
    return text_report.render_decision(decision, lang=lang, explain=explain, style=style) + "\n"


register(Format("text", record=_text_record, items=_items("text"),
                commands={"test": _test_text, "check": _check_text}, diff=_diff("render_text")))
register(Format("json", record=lambda d, lang, explain, style: dumps(d.to_dict(explain=explain), pretty=True),
                items=_items("json"), commands={"test": _test_json}, diff=_diff("render_json")))
register(Format("jsonl", record=lambda d, lang, explain, style: record_line(d, explain),
                items=_items("jsonl")))
register(Format("junit", whole=_whole("junit"), items=_items("junit")))
register(Format("github", record=_github_record, items=_items("github")))
register(Format("sarif", whole=_whole("sarif"), items=_items("sarif")))
register(Format("markdown", whole=_whole("markdown"), items=_items("markdown"),
                diff=_diff("render_markdown")))
register(Format("html", diff=_diff_html))
register(Format("xlsx", whole=_sheet("xlsx"), binary=True, file_only=True))
register(Format("csv", whole=_sheet("csv"), file_only=True))
