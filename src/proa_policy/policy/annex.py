"""Looking rows up in the annex (`proa-policy certifications`): by RNCP code or words, and each row's
eligibility on a day. Policy knowledge, so it lives beside the model, not in the command line."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from proa_policy.policy.model import Annex, AnnexRow
from proa_policy.wording import say


def fold(text: str) -> str:
    """Lower case without accents: `Électricité` matches `electricite`."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def search(annex: Annex, query: str | None = None, sector: str | None = None) -> list[AnnexRow]:
    """Rows whose code is `query` (`RNCP34860`, `34860`), or whose texts hold its every word; then by
    sector."""
    rows = list(annex.rows)
    if query:
        compact = fold(query).replace(" ", "")
        if re.fullmatch(r"(rncp)?\d+", compact):
            code = "RNCP" + compact.removeprefix("rncp")
            rows = [r for r in rows if r.rncp == code]
        else:
            words = fold(query).split()
            rows = [r for r in rows if all(w in _haystack(r) for w in words)]
    if sector:
        rows = [r for r in rows if fold(sector) in fold(r.sector + " " + r.sub_sector)]
    return rows


def _haystack(row: AnnexRow) -> str:
    return fold(" ".join(filter(None, (row.sector, row.sub_sector, row.occupation, row.title, row.rncp))))


def eligibility(annex: Annex, rows: list[AnnexRow], day: dt.date, lang: str,
                entry: dt.date | None = None) -> list[dict[str, Any]]:
    """Each row as a record, with whether a Pro-A starting on `day` may aim at it, and why not.

    `entry`: the accord's entry into force; before it no certification is eligible.
    """
    extended = annex.sets_at(day)["extended_codes"]
    footnote = annex.article.extension.excluded[0][1] if annex.article.extension.excluded else ""
    records = []
    for row in rows:
        reason = None
        if entry is not None and day < entry:
            reason = say("annex.accord_not_in_force", lang, day=day.isoformat(), entry=entry.isoformat())
        elif not row.in_force(day):
            reason = say("annex.not_in_force", lang, day=day.isoformat())
        elif row.rncp not in extended:
            reason = say("annex.excluded", lang, footnote=footnote)
        records.append({**row.to_dict(), "eligible": reason is None, "reason": reason})
    return records


def lookup(policies: Any, query: str | None, sector: str | None, day: dt.date,
           lang: str = "fr") -> list[dict[str, Any]]:
    """`certifications` and `GET /v1/certifications`: the matching rows, each eligible or not on `day`."""
    entry = policies.parameters[policies.manifest.entry_into_force].at(day).value
    return eligibility(policies.annex, search(policies.annex, query, sector), day, lang, entry)
