"""The annotated spreadsheet reports: the input rows, then verdict, failing articles, messages, ceiling.

`--output xlsx=FILE` and `--output csv=FILE` of `evaluate`. One row per
decision, in input order; the columns are `source`, every input column met
(spreadsheet headers as written; the dotted names of a JSON or YAML dossier's
fields), then the four annotation columns. In XLSX the cells a message is
about are filled (red: error or violation; yellow: warning) and carry the
message as a comment. The CSV is what Excel in France opens directly: UTF-8
with a byte-order mark, `;` between cells, decimal commas.

What is printed is escaped for its format: no text cell is ever a formula (in
XLSX it is written as text; in CSV, header or value, `escape.spreadsheet`
gives a leading `'` to a text that starts with `=`, `+`, `-`, `@`, also after
spaces or in full-width form); in XLSX the characters XML 1.0 cannot hold
(controls, U+FFFE, U+FFFF…) are shown as `\\ufffe` (`escape.xml`), and a text
longer than Excel's 32,767 characters is cut, the cut said in the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from proa_policy.engine.decision import Decision
from proa_policy.read.sheets import column_letters, fitted
from proa_policy.report import escape
from proa_policy.wording import say, verdict_label

#: The four annotation columns, each titled by `report.sheet.<name>`.
ANNOTATIONS = ("verdict", "failing", "messages", "ceiling")
_RED, _YELLOW = "FFC7CE", "FFEB9C"


def _columns(decisions: list[Decision]) -> list[tuple[str, str]]:
    """(key, header) of every input column, in the order first met."""
    seen: dict[str, str] = {}
    for decision in decisions:
        for key, header, _ in decision.inputs:
            seen.setdefault(key, header)
    return list(seen.items())


def _article(article: str, lang: str) -> str:
    """Where a rule is, shortened for a cell: `art. 4`, or the annex."""
    if article == "annexe":
        return say("finding.annex", lang)
    return say("report.sheet.article", lang, article=article)


def _titles(lang: str) -> list[str]:
    return [say(f"report.sheet.{name}", lang) for name in ANNOTATIONS]


def _annotations(decision: Decision, lang: str) -> tuple[str, str, str, Any]:
    failing = dict.fromkeys(_article(v.article, lang) for v in decision.violations)
    warning = say("report.warning", lang)
    lines = [f"{e.pointer or '/'} : {e.message}" for e in decision.errors]
    lines += [f"{_article(v.article, lang)} · {v.rule} — {v.message}" for v in decision.violations]
    lines += [f"{warning} {_article(w.article, lang)} · {w.rule} — {w.message}" for w in decision.warnings]
    return verdict_label(decision.verdict, lang), ", ".join(failing), "\n".join(lines), \
        decision.funding.get("ceiling_eur")


def _marks(decision: Decision, keys: list[str]) -> dict[str, tuple[str, list[str]]]:
    """Column key → (colour, messages) for the cells the decision's messages are about."""
    out: dict[str, tuple[str, list[str]]] = {}
    items = [(e.pointer, e.message, _RED) for e in decision.errors]
    items += [(v.pointer, v.message, _RED) for v in decision.violations]
    items += [(w.pointer, w.message, _YELLOW) for w in decision.warnings]
    for ptr, message, colour in items:
        if not ptr:
            continue
        key = ptr if ptr in keys else next((k for k in keys if k.startswith(ptr + "/")), None)
        if key is None:
            continue
        previous = out.get(key)
        out[key] = (_RED if colour == _RED or (previous and previous[0] == _RED) else colour,
                    [*(previous[1] if previous else []), message])
    return out


def _value(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


# --- CSV -----------------------------------------------------------------------

def _csv_text(value: Any) -> str:
    value = _value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float, Decimal)):
        return format(Decimal(repr(value)) if isinstance(value, float) else value, "f").replace(".", ",")
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return escape.spreadsheet(fitted(str(value)))


def render_csv(decisions: list[Decision], policies: Any = None, lang: str = "fr") -> str:
    """The annotated rows as CSV text (the sink writes it as UTF-8; the BOM leads)."""
    columns = _columns(decisions)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    headers = ["source", *(header for _, header in columns), *_titles(lang)]
    writer.writerow([_csv_text(h) for h in headers])  # a header is a cell too: `=…` from a dossier's field
    for decision in decisions:
        cells = {key: value for key, _, value in decision.inputs}
        writer.writerow([_csv_text(decision.source), *(_csv_text(cells.get(key)) for key, _ in columns),
                         *(_csv_text(a) for a in _annotations(decision, lang))])
    return "\ufeff" + buffer.getvalue()


# --- XLSX ----------------------------------------------------------------------

def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    value = _value(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=_printable(value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    if isinstance(value, Decimal) and not value.is_finite():
        value = str(value)
    return WriteOnlyCell(sheet, value=value)


def render_xlsx(decisions: list[Decision], policies: Any = None, lang: str = "fr") -> bytes:
    """The annotated rows as an XLSX workbook (sheet `Dossiers`), offending cells filled and commented."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    columns = _columns(decisions)
    keys = [key for key, _ in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dossiers")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions[column_letters(len(columns) + 4)].width = 80
    headers = []
    for text in ["source", *(header for _, header in columns), *_titles(lang)]:
        cell = _xlsx_cell(sheet, text)
        cell.font = Font(bold=True)
        headers.append(cell)
    sheet.append(headers)
    fills = {colour: PatternFill("solid", fgColor=colour) for colour in (_RED, _YELLOW)}
    for decision in decisions:
        values = {key: value for key, _, value in decision.inputs}
        marks = _marks(decision, keys)
        row = [_xlsx_cell(sheet, decision.source)]
        for key in keys:
            cell = _xlsx_cell(sheet, values.get(key))
            if key in marks:
                colour, messages = marks[key]
                cell.fill = fills[colour]
                cell.comment = Comment(_printable("\n".join(messages)), "proa-policy", width=320, height=120)
            row.append(cell)
        verdict, articles, messages, ceiling = _annotations(decision, lang)
        note = _xlsx_cell(sheet, messages)
        note.alignment = Alignment(wrap_text=True, vertical="top")
        row += [_xlsx_cell(sheet, verdict), _xlsx_cell(sheet, articles), note, _xlsx_cell(sheet, ceiling)]
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _printable(text: str) -> str:
    """A text an XLSX cell or comment holds: what XML 1.0 cannot carry shown as `\\ufffe`…, then cut."""
    return fitted(escape.xml(text))


#: The file-only report formats of `evaluate --output` (`formats.py` registers them as `xlsx` and `csv`).
RENDERERS = {"xlsx": render_xlsx, "csv": render_csv}
