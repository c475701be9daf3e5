"""A spreadsheet uploaded on the page: one decision per row shown, or the annotated spreadsheet to download.

The rows are read and decided exactly as `proa-policy evaluate planning.xlsx`
reads and decides them (`dossier.rows`, `engine.batch.decide`), from memory:
nothing is written to disk. The page shows, per row, its cell reference, the
dossier's id, the verdict in words, the failing articles and the messages.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from starlette.responses import Response

from proa_policy.engine.batch import Options, decide
from proa_policy.engine.decision import Decision
from proa_policy.engine.policyset import PolicySet
from proa_policy.read.sheets import SHEET_SUFFIXES
from proa_policy.serve.present import verdict_words

#: Rows shown on the page; the annotated spreadsheet holds them all (the body cap bounds the file).
MAX_SHOWN = 500
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def is_sheet(filename: str) -> bool:
    return filename.lower().endswith(SHEET_SUFFIXES)


def decisions(policies: PolicySet, filename: str, content: bytes) -> list[Decision]:
    """One decision per data row (or one `invalid` decision saying why the file cannot be read)."""
    from proa_policy.dossier.rows import read_sheet_bytes

    suffix = ".csv" if filename.lower().endswith(".csv") else ".xlsx"
    shown = "tableur" + suffix  # the uploaded name is not echoed into cell references
    return [decide(policies, loaded, Options()) for loaded in read_sheet_bytes(content, suffix, shown)]


def rows(found: list[Decision]) -> list[dict[str, Any]]:
    """What the page's table shows of each decision."""
    out = []
    for decision in found[:MAX_SHOWN]:
        label, _ = verdict_words(decision.verdict)
        messages = [*(e.message for e in decision.errors), *(v.message for v in decision.violations)]
        articles = sorted({v.article for v in decision.violations if getattr(v, "article", None)})
        where, _, number = (decision.source or "").rpartition("!")
        out.append({"source": decision.source, "row": number if where and number.isdigit() else "—",
                    "id": decision.dossier_id or "", "verdict": decision.verdict,
                    "label": label, "articles": ", ".join(articles), "messages": messages})
    return out


def counts(found: list[Decision]) -> list[tuple[str, int]]:
    """(verdict in words, rows) for each verdict met, in the order eligible, incomplete, … invalid."""
    tally = Counter(decision.verdict for decision in found)
    order = ("eligible", "incomplete", "ineligible", "not_applicable", "invalid")
    return [(verdict_words(v)[0], tally[v]) for v in (*order, *sorted(set(tally) - set(order))) if tally[v]]


def sheet_name(found: list[Decision]) -> str:
    """`tableur.xlsx:Dossiers`: where the rows were read (the sheet chosen), from the first row's source."""
    source = found[0].source if found else ""
    return source.rpartition("!")[0] or source


def annotated(found: list[Decision], filename: str, policies: PolicySet) -> Response:
    """The input rows with verdict, failing articles, messages and ceiling, as the file type uploaded."""
    from proa_policy.report.spreadsheet import render_csv, render_xlsx

    stem = _SAFE_NAME.sub("_", filename.rsplit(".", 1)[0])[:64] or "tableur"
    if filename.lower().endswith(".csv"):
        body: bytes = render_csv(found, policies).encode("utf-8")
        media, suffix = "text/csv; charset=utf-8", "csv"
    else:
        body, media, suffix = render_xlsx(found, policies), XLSX_MEDIA, "xlsx"
    disposition = f'attachment; filename="{stem}-decisions.{suffix}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
