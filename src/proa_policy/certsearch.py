"""Looking up the annex: by RNCP code or by words, each row said eligible or not on a day, and why not.

One place for the `certifications` command and the HTTP API (`GET /v1/certifications`) alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .engine import PolicySet


def fold(text: str) -> str:
    """Lower case without accents, so that `electricite` finds `Électricité`."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def search(
    policies: PolicySet, query: str | None, sector: str | None, day: dt.date, lang: str = "fr"
) -> list[dict[str, Any]]:
    """The annex rows matching `query` (a code, or words all present) and `sector`, as JSON records."""
    annex = policies.annex
    extended = annex.sets_at(day)["extended_codes"]
    footnote = annex.article.extension.excluded[0][1] if annex.article.extension.excluded else ""
    rows = list(annex.rows)
    if query:
        q = fold(query).replace(" ", "")
        words = fold(query).split()
        if re.fullmatch(r"(rncp)?\d+", q):
            code = "RNCP" + q.removeprefix("rncp")
            rows = [r for r in rows if r.rncp == code]
        else:
            rows = [
                r
                for r in rows
                if all(
                    w in fold(" ".join(filter(None, (r.sector, r.sub_sector, r.occupation, r.title, r.rncp))))
                    for w in words
                )
            ]
    if sector:
        rows = [r for r in rows if fold(sector) in fold(r.sector + " " + r.sub_sector)]
    entry = policies.parameters[policies.manifest.entry_into_force].at(day).value
    return [{**row.to_dict(), "eligible": _eligible(row, day, entry, extended),
             "reason": _reason(row, day, entry, extended, footnote, lang)} for row in rows]


def _eligible(row: Any, day: dt.date, entry: dt.date, extended: frozenset[str]) -> bool:
    return day >= entry and row.in_force(day) and row.rncp in extended


def _reason(row: Any, day: dt.date, entry: dt.date, extended: frozenset[str], footnote: str,
            lang: str) -> str | None:
    """Why a row is not eligible on `day`: the accord not yet in force, the row not in force, or the (1)."""
    if day < entry:  # before its entry into force the accord makes no certification eligible
        return (f"l'accord n'est pas en vigueur le {day.isoformat()} (il s'applique à compter du "
                f"{entry.isoformat()})" if lang == "fr" else
                f"the accord is not in force on {day.isoformat()} (it applies from {entry.isoformat()})")
    if not row.in_force(day):
        return f"ligne non en vigueur le {day.isoformat()}" if lang == "fr" else f"row not in force on {day.isoformat()}"
    if row.rncp not in extended:
        return f"exclue de l'extension ({footnote})" if lang == "fr" else f"excluded from the extension ({footnote})"
    return None
