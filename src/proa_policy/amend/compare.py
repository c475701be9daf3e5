"""Structural diff of two policy sets: what an amendment changes in the law as written.

Articles, extension status, texts, parameters (value by value, with their
dates and citations), computed values, rules, and annex rows, each change
tied to its article.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from proa_policy.policy.model import AnnexRow, Article, Parameter, PolicyDocument, Rule
from proa_policy.wording import Words, said


@dataclass(frozen=True)
class Change:
    article: str  # the article label the change belongs to ("manifest" for the set itself)
    kind: str  # added | removed | changed
    what: str  # article | text | extension | version | parameter | computed | rule | annex_row | manifest
    name: str
    old: Any = None
    new: Any = None
    detail: tuple[str, ...] = field(default=())  # `Words` (`diff.detail.*`), or lines of a text diff

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The change as JSON: identifiers as they are, the detail lines said in `lang`."""
        from proa_policy.engine.decision import jsonable

        def plain(value: Any) -> Any:
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return jsonable(value)

        return {"article": self.article, "kind": self.kind, "what": self.what, "name": self.name,
                "old": plain(self.old), "new": plain(self.new),
                "detail": [said(line, lang) for line in self.detail]}


def _values(parameter: Parameter) -> list[dict[str, Any]]:
    return [{"from": v.start, "value": v.value, "citation": v.citation} for v in parameter.values]


def _rule_fields(rule: Rule) -> dict[str, Any]:
    return {
        "kind": rule.kind,
        "article": rule.article,
        "title": rule.title,
        "quote": rule.quote,
        "when": rule.when,
        "condition": rule.condition,
        "message": rule.message,
        "message_cases": [(c.when, c.fr, c.en) for c in rule.message_cases],
        "effective_from": rule.effective_from,
        "effective_until": rule.effective_until,
        "interpretation": rule.interpretation,
    }


def _row_key(row: AnnexRow) -> tuple[str, str, str, str]:
    return (row.rncp, row.sector, row.sub_sector, row.occupation)


def _row_fields(row: AnnexRow) -> dict[str, Any]:
    return {"title": row.title, "level": row.level, "excluded_from_extension": row.excluded_from_extension,
            "effective_from": row.effective_from, "effective_until": row.effective_until}


def _text_diff(old: str, new: str) -> tuple[str, ...]:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "ancien", "nouveau", lineterm="", n=1)
    return tuple(list(lines)[2:])


def diff_documents(old: PolicyDocument, new: PolicyDocument) -> list[Change]:
    changes: list[Change] = []
    if old.manifest.version != new.manifest.version:
        changes.append(
            Change(
                "manifest", "changed", "version", old.manifest.id, old.manifest.version, new.manifest.version
            )
        )
    old_articles = {a.article: a for a in old.articles}
    new_articles = {a.article: a for a in new.articles}
    for label in sorted(set(old_articles) | set(new_articles), key=_order):
        a, b = old_articles.get(label), new_articles.get(label)
        if a is None or b is None:
            changes.append(Change(label, "added" if a is None else "removed", "article", label,
                                  None if a is None else a.title, None if b is None else b.title))
            continue
        changes += _diff_article(a, b)
    old_rows = {}
    for row in old.annex.rows:
        old_rows.setdefault(_row_key(row), row)
    new_rows = {}
    for row in new.annex.rows:
        new_rows.setdefault(_row_key(row), row)
    for key in list(old_rows) + [k for k in new_rows if k not in old_rows]:
        a, b = old_rows.get(key), new_rows.get(key)
        name = f"{key[0]} ({key[3]})"
        if a is None:
            changes.append(
                Change("annexe", "added", "annex_row", name, None, {**b.to_dict(), **_row_fields(b)})
            )
        elif b is None:
            changes.append(
                Change("annexe", "removed", "annex_row", name, {**a.to_dict(), **_row_fields(a)}, None)
            )
        elif _row_fields(a) != _row_fields(b):
            fa, fb = _row_fields(a), _row_fields(b)
            changes.append(Change("annexe", "changed", "annex_row", name, fa, fb, _field_details(fa, fb)))
    return changes


def _order(label: str) -> tuple[int, ...]:
    from proa_policy.policy.loader import article_order

    return article_order(label)


def _diff_article(a: Article, b: Article) -> list[Change]:
    label = a.article
    out: list[Change] = []
    if a.version != b.version:
        out.append(Change(label, "changed", "version", label, a.version, b.version))
    if a.extension != b.extension:
        citations = {"citation": a.extension.citation}, {"citation": b.extension.citation}
        out.append(Change(label, "changed", "extension", label, a.extension.status, b.extension.status,
                          _field_details(*citations)))
    old_text, new_text = a.text_of(label) or "", b.text_of(label) or ""
    if old_text != new_text or a.title != b.title:
        out.append(Change(label, "changed", "text", label, a.title, b.title, _text_diff(old_text, new_text)))
    for kind, olds, news, fields in (
        ("parameter", {p.name: p for p in a.parameters}, {p.name: p for p in b.parameters}, _values),
        ("computed", {c.name: c for c in a.computed}, {c.name: c for c in b.computed}, lambda c: c.expr),
        ("rule", {r.id: r for r in a.rules}, {r.id: r for r in b.rules}, _rule_fields),
    ):
        for name in list(olds) + [n for n in news if n not in olds]:
            x, y = olds.get(name), news.get(name)
            if x is None:
                out.append(Change(label, "added", kind, name, None, fields(y)))
            elif y is None:
                out.append(Change(label, "removed", kind, name, fields(x), None))
            elif fields(x) != fields(y):
                fx, fy = fields(x), fields(y)
                if isinstance(fx, dict):
                    detail = _field_details(fx, fy)
                elif kind == "parameter":
                    detail = _value_detail(fx, fy)
                else:
                    detail = (f"{fx} -> {fy}",)
                out.append(Change(label, "changed", kind, name, fx, fy, detail))
    return out


def _field_details(old: dict[str, Any], new: dict[str, Any]) -> tuple[Words, ...]:
    """`field: old -> new` for each field that differs, values as written (no value: `diff.detail.none`)."""
    def shown(value: Any) -> str:
        return Words("diff.detail.none") if value is None else str(value)

    return tuple(Words("diff.detail.field", {"field": k, "old": shown(old[k]), "new": shown(new[k])})
                 for k in old if old[k] != new[k])


def _value_detail(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[Words, ...]:
    """A parameter's dated values: `+` added, `-` removed, `~ old -> new` changed (`diff.detail.since`)."""
    def show(v: dict[str, Any]) -> Words:
        return Words("diff.detail.since", {"value": str(v["value"]), "day": v["from"].isoformat(),
                                           "citation": str(v["citation"])})

    olds = {v["from"]: v for v in old}
    news = {v["from"]: v for v in new}
    lines = []
    for day in sorted(set(olds) | set(news)):
        x, y = olds.get(day), news.get(day)
        if x is None:
            lines.append(Words("diff.detail.added", {"value": show(y)}))
        elif y is None:
            lines.append(Words("diff.detail.removed", {"value": show(x)}))
        elif x != y:
            lines.append(Words("diff.detail.changed", {"old": show(x), "new": show(y)}))
    return tuple(lines)
