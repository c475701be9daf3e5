"""`proa-policy diff --format html`: the amendment as a tableau comparatif, in one self-contained page.

For each changed article the old and the new text side by side with the
changed words marked; parameters value by value with dates and citations;
annex rows and rules added, removed or changed; the decisions that flip,
grouped by class, each with its smallest example as a readable dossier.
The page's words are the catalogue's (`diff.html.*`, in the language asked);
the accord's text, rule titles and quotes stay French.
"""

from __future__ import annotations

from typing import Any

from proa_policy.amend.compare import Change
from proa_policy.engine.policyset import PolicySet
from proa_policy.amend.explore import Exploration, Flip
from proa_policy.policy.model import Rule
from proa_policy.report import readable
from proa_policy.report.diffreport import done_word, source_name, what_word
from proa_policy.report.pages import STYLESHEET, environment
from proa_policy.report.worddiff import sides
from proa_policy.wording import ACCORD_LANGUAGE, Words, kind_label, said, say, verdict_label


def said_origin(origin: Any, lang: str) -> str:
    """Where a smallest example came from, said in `lang`; a field set to a value (`level.setting`) is
    named by its label and the value by its title, as the dossier's table below shows them."""
    return str(said(_readable(origin, lang), lang))


def _readable(value: Any, lang: str) -> Any:
    if isinstance(value, list):
        return [_readable(item, lang) for item in value]
    if not isinstance(value, Words):
        return value
    if value.key == "level.setting":
        path = tuple(value.values["field"].split("."))
        label = readable.labels().get(path)
        if label is not None:
            raw = value.values["value"]
            shown = readable.show_field(path, {"true": True, "false": False}.get(raw, raw), lang)
            return Words("level.setting", {"field": label, "value": shown})
    return Words(value.key, {name: _readable(item, lang) for name, item in value.values.items()})


def _where(label: str, lang: str) -> str:
    if label in ("annexe", "manifest"):
        return say("diff.html.annex" if label == "annexe" else "diff.html.manifest", lang)
    return say("diff.html.article", lang, label=label)


def _text_pair(old_set: PolicySet, new_set: PolicySet, label: str) -> dict[str, Any]:
    a, b = old_set.document.article(label), new_set.document.article(label)
    old_text = (a.text_of(label) or "") if a else ""
    new_text = (b.text_of(label) or "") if b else ""
    left, right = sides(old_text, new_text)
    return {"old_title": a.title if a else "", "new_title": b.title if b else "", "old": left, "new": right}


def _articles(changes: list[Change], old_set: PolicySet, new_set: PolicySet,
              lang: str) -> list[dict[str, Any]]:
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.article, []).append(change)
    out = []
    for label, items in groups.items():
        entry: dict[str, Any] = {"label": label, "where": _where(label, lang), "text": None, "versions": [],
                                 "parameters": [], "rules": [], "rows": [], "others": []}
        for change in items:
            if change.what in ("text", "article"):  # an article added or removed: its text, one side empty
                entry["text"] = _text_pair(old_set, new_set, label)
                if change.what == "article":
                    entry["others"].append(_other(change, lang))
            elif change.what == "version":
                entry["versions"].append((change.old, change.new))
            elif change.what == "parameter":
                entry["parameters"].append({**_parameter(change), "done": done_word(change, lang)})
            elif change.what == "rule":
                entry["rules"].append({**_rule(change, lang), "done": done_word(change, lang)})
            elif change.what == "annex_row":
                entry["rows"].append({"change": change, "done": done_word(change, lang)})
            else:
                entry["others"].append(_other(change, lang))
        out.append(entry)
    return out


def _other(change: Change, lang: str) -> dict[str, Any]:
    """A change the page has no table for (an article added, an extension changed): one line, its details."""
    return {"what": what_word(change, lang), "name": change.name, "done": done_word(change, lang),
            "detail": [said(line, lang) for line in change.detail]}


def _parameter(change: Change) -> dict[str, Any]:
    olds = {v["from"]: v for v in change.old or []}
    news = {v["from"]: v for v in change.new or []}
    rows = []
    for day in sorted(set(olds) | set(news)):
        x, y = olds.get(day), news.get(day)
        state = "added" if x is None else "removed" if y is None else "same" if x == y else "changed"
        rows.append({"from": day.isoformat(), "state": state, "old": x, "new": y})
    return {"change": change, "rows": rows}


#: The fields of a rule the page compares, in order; each named by `diff.html.rule.<field>`.
_RULE_FIELDS = ("title", "kind", "article", "quote", "when", "condition", "effective_from", "effective_until",
                "interpretation", "message")


def _shown(key: str, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if key == "kind":
        return kind_label(str(value), lang)
    if key == "message" and isinstance(value, dict):
        return str(value.get(ACCORD_LANGUAGE, ""))  # the message people read is the accord's French
    return readable.show_value(value, lang)


def _rule(change: Change, lang: str) -> dict[str, Any]:
    old, new = change.old or {}, change.new or {}
    fields = []
    for key in _RULE_FIELDS:
        a, b = _shown(key, old.get(key), lang), _shown(key, new.get(key), lang)
        if a != b:
            left, right = sides(a, b)
            fields.append({"name": say(f"diff.html.rule.{key}", lang), "old": left, "new": right})
    return {"change": change, "fields": fields}


def _flip(flip: Flip, table: dict[tuple[str, ...], str], rule_ids: set[str], lang: str) -> dict[str, Any]:
    def side(summary: dict[str, Any] | None) -> dict[str, Any]:
        summary = summary or {}
        for key in ("violations", "warnings"):
            rule_ids.update(summary.get(key, []))
        return {"verdict": verdict_label(str(summary.get("verdict")), lang),
                "violations": summary.get("violations", []), "warnings": summary.get("warnings", []),
                "ceiling": readable.show_value(summary.get("ceiling_eur"), lang)}

    return {"label": said(flip.kind, lang), "kind": flip.kind, "count": flip.count,
            "origin": said_origin(flip.origin, lang),
            "old": side(flip.old), "new": side(flip.new),
            "rows": readable.rows(flip.example or {}, lang, table)}


def _involved(rule_ids: set[str], changes: list[Change], old_set: PolicySet,
              new_set: PolicySet) -> list[Rule]:
    rule_ids |= {c.name for c in changes if c.what == "rule"}
    rules: dict[str, Rule] = {r.id: r for r in old_set.rules}
    rules.update({r.id: r for r in new_set.rules})
    return [rules[i] for i in sorted(rule_ids) if i in rules]


def _exploration(exploration: Exploration, lang: str) -> dict[str, Any]:
    """What the exploration covered, said in `lang`: how many dossiers from where, covered, limits."""
    return {"explored": exploration.explored,
            "by_source": [(source_name(name, lang), count) for name, count in exploration.by_source.items()],
            "covered": [said(line, lang) for line in exploration.covered],
            "limits": [said(line, lang) for line in exploration.limits]}


def render_html(old: str, new: str, changes: list[Change], exploration: Exploration,
                old_set: PolicySet, new_set: PolicySet, lang: str = "fr") -> str:
    """The whole review page in `lang` (the accord's text stays French); its stylesheet is inlined so the
    page stands alone."""
    table = readable.labels()
    rule_ids: set[str] = set()
    flips = [_flip(f, table, rule_ids, lang) for f in exploration.flips.values()]
    return environment().get_template("diff.html").render(
        old=old, new=new, articles=_articles(changes, old_set, new_set, lang), flips=flips,
        rules=_involved(rule_ids, changes, old_set, new_set), exploration=_exploration(exploration, lang),
        completeness=say("diff.completeness", lang), french_only=say("french_only", lang),
        css=STYLESHEET.read_text(encoding="utf-8"),
        old_version=old_set.manifest.version, new_version=new_set.manifest.version, lang=lang,
        t=lambda key, **values: say(f"diff.html.{key}", lang, **values))
