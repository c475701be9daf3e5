"""`proa-policy diff --format html`: the amendment as a French tableau comparatif, in one self-contained page.

For each changed article the old and the new text side by side with the
changed words marked; parameters value by value with dates and citations;
annex rows and rules added, removed or changed; the decisions that flip,
grouped by class, each with its smallest example as a readable dossier.
"""

from __future__ import annotations

import re
from typing import Any

from proa_policy.amend.compare import Change
from proa_policy.engine.policyset import PolicySet
from proa_policy.amend.explore import Exploration, Flip
from proa_policy.policy.model import Rule
from proa_policy.report import readable
from proa_policy.report.pages import STYLESHEET, environment
from proa_policy.report.worddiff import sides
from proa_policy.wording import KIND_LABELS, verdict_label

_FLIP_WORDS = {"violations changed": "règles en échec modifiées", "funding ceiling changed":
               "plafond de prise en charge modifié", "warnings changed": "avertissements modifiés"}


def flip_label(kind: str) -> str:
    """A class of flips in French: `eligible -> ineligible` reads « éligible → inéligible »."""
    if " -> " in kind:
        old, new = kind.split(" -> ", 1)
        return f"{verdict_label(old, 'fr')} → {verdict_label(new, 'fr')}"
    for english, french in _FLIP_WORDS.items():
        if kind.startswith(english):
            rest = kind[len(english):].strip()
            if rest.startswith("(") and rest.endswith(")"):
                rest = f"({verdict_label(rest[1:-1], 'fr')})"
            return f"{french} {rest}".strip()
    return kind


#: The phrases `amend/explore.py` and `amend/probes.py` build an example's origin from, in French; what
#: they quote (test case names, conditions in backquotes, field names, dates) is kept as written.
_ORIGIN_WORDS = tuple((re.compile(a), b) for a, b in (
    (r"(^|, )test case ", r"\1cas de test "),
    (r", pairwise row (\d+) reduced to: ", r", ligne \1 du tableau par paires, réduite à : "),
    (r", pairwise row (\d+): ", r", ligne \1 du tableau par paires : "),
    (r"moved to start on (\d{4}-\d{2}-\d{2})", r"début déplacé au \1"),
    (r"(^|; |, )last day before the flip of `", r"\1dernier jour avant le basculement de `"),
    (r"(^|; |, )first day after the flip of `", r"\1premier jour après le basculement de `"),
    (r"(^|; |, )before the flip of `", r"\1avant le basculement de `"),
    (r"(^|; |, )after the flip of `", r"\1après le basculement de `"),
    (r"(^|; |, )just below `", r"\1juste en dessous de `"),
    (r"(^|; |, )just above `", r"\1juste au-dessus de `"),
    (r"(^|; |, )on `", r"\1sur `"),
    (r"`(old|new): ", lambda m: "`" + {"old": "ancienne version", "new": "nouvelle version"}[m[1]] + " : "),
))
#: `employee.contract = contrat_de_mission` in an origin: a field set to a value, said with its label.
_SETTING = re.compile(r"(?<![^\s:;,])([a-z_]+(?:\.[a-z_]+)+) = ([^;`\s]+)(?=;|$)")


def origin_in_french(origin: str) -> str:
    """Where a smallest example came from, said in French (`test case …, moved to start on …`)."""
    for pattern, replacement in _ORIGIN_WORDS:
        origin = pattern.sub(replacement, origin)
    return _SETTING.sub(_setting, origin)


def _setting(match: re.Match[str]) -> str:
    path = tuple(match[1].split("."))
    label = readable.labels().get(path)
    if label is None:
        return match[0]
    raw = match[2]
    value: Any = {"true": True, "false": False}.get(raw, raw)
    return f"{label} = {readable.show_field(path, value, 'fr')}"


def _where(label: str) -> str:
    return {"annexe": "Annexe", "manifest": "Jeu de règles"}.get(label, f"Article {label}")


def _text_pair(old_set: PolicySet, new_set: PolicySet, label: str) -> dict[str, Any]:
    a, b = old_set.document.article(label), new_set.document.article(label)
    old_text = (a.text_of(label) or "") if a else ""
    new_text = (b.text_of(label) or "") if b else ""
    left, right = sides(old_text, new_text)
    return {"old_title": a.title if a else "", "new_title": b.title if b else "", "old": left, "new": right}


def _articles(changes: list[Change], old_set: PolicySet, new_set: PolicySet) -> list[dict[str, Any]]:
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.article, []).append(change)
    out = []
    for label, items in groups.items():
        entry: dict[str, Any] = {"label": label, "where": _where(label), "text": None, "versions": [],
                                 "parameters": [], "rules": [], "rows": [], "others": []}
        for change in items:
            if change.what in ("text", "article"):  # an article added or removed: its text, one side empty
                entry["text"] = _text_pair(old_set, new_set, label)
                if change.what == "article":
                    entry["others"].append(change)
            elif change.what == "version":
                entry["versions"].append((change.old, change.new))
            elif change.what == "parameter":
                entry["parameters"].append(_parameter(change))
            elif change.what == "rule":
                entry["rules"].append(_rule(change))
            elif change.what == "annex_row":
                entry["rows"].append(change)
            else:
                entry["others"].append(change)
        out.append(entry)
    return out


def _parameter(change: Change) -> dict[str, Any]:
    olds = {v["from"]: v for v in change.old or []}
    news = {v["from"]: v for v in change.new or []}
    rows = []
    for day in sorted(set(olds) | set(news)):
        x, y = olds.get(day), news.get(day)
        state = "added" if x is None else "removed" if y is None else "same" if x == y else "changed"
        rows.append({"from": day.isoformat(), "state": state, "old": x, "new": y})
    return {"change": change, "rows": rows}


_RULE_FIELDS = (
    ("title", "intitulé"),
    ("kind", "nature"),
    ("article", "article"),
    ("quote", "passage cité"),
    ("when", "s'applique si"),
    ("condition", "condition"),
    ("effective_from", "en vigueur à partir du"),
    ("effective_until", "en vigueur jusqu'au"),
    ("interpretation", "interprétation"),
)


def _shown(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "kind":
        return KIND_LABELS["fr"].get(str(value), str(value))
    if key == "message" and isinstance(value, dict):
        return str(value.get("fr", ""))
    return readable.show_value(value, "fr")


def _rule(change: Change) -> dict[str, Any]:
    old, new = change.old or {}, change.new or {}
    fields = []
    for key, name in (*_RULE_FIELDS, ("message", "message en cas d'échec")):
        a, b = _shown(key, old.get(key)), _shown(key, new.get(key))
        if a != b:
            left, right = sides(a, b)
            fields.append({"name": name, "old": left, "new": right})
    return {"change": change, "fields": fields}


def _flip(flip: Flip, table: dict[tuple[str, ...], str], rule_ids: set[str]) -> dict[str, Any]:
    def side(summary: dict[str, Any] | None) -> dict[str, Any]:
        summary = summary or {}
        for key in ("violations", "warnings"):
            rule_ids.update(summary.get(key, []))
        return {"verdict": verdict_label(str(summary.get("verdict")), "fr"),
                "violations": summary.get("violations", []), "warnings": summary.get("warnings", []),
                "ceiling": readable.show_value(summary.get("ceiling_eur"), "fr")}

    return {"label": flip_label(flip.kind), "kind": flip.kind, "count": flip.count,
            "origin": origin_in_french(flip.origin),
            "old": side(flip.old), "new": side(flip.new),
            "rows": readable.rows(flip.example or {}, "fr", table)}


def _involved(rule_ids: set[str], changes: list[Change], old_set: PolicySet,
              new_set: PolicySet) -> list[Rule]:
    rule_ids |= {c.name for c in changes if c.what == "rule"}
    rules: dict[str, Rule] = {r.id: r for r in old_set.rules}
    rules.update({r.id: r for r in new_set.rules})
    return [rules[i] for i in sorted(rule_ids) if i in rules]


def render_html(old: str, new: str, changes: list[Change], exploration: Exploration,
                old_set: PolicySet, new_set: PolicySet, completeness: str) -> str:
    """The whole review page; its stylesheet is inlined so the page stands alone."""
    table = readable.labels()
    rule_ids: set[str] = set()
    flips = [_flip(f, table, rule_ids) for f in exploration.flips.values()]
    return environment().get_template("diff.html").render(
        old=old, new=new, articles=_articles(changes, old_set, new_set), flips=flips,
        rules=_involved(rule_ids, changes, old_set, new_set), exploration=exploration,
        completeness=completeness, css=STYLESHEET.read_text(encoding="utf-8"),
        old_version=old_set.manifest.version, new_version=new_set.manifest.version)
