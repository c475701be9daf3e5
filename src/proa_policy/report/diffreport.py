"""Rendering `proa-policy diff`: the law as written (structural) and the decisions (behavioural)."""

from __future__ import annotations

from typing import Any

from ..compare import Change
from ..explore import Exploration
from .jsonout import dumps

COMPLETENESS = (
    "Every condition of the rule language compares a dossier field, or a value computed from dossier fields by "
    "monotone functions, with a bound made of parameters, or tests membership in a finite set (enumerations, annex "
    "codes). The exploration puts every such comparison of both versions on its bound, just below and just above it, "
    "and tries every enumerated value and every class of annex codes, around every seed dossier: along each axis, no "
    "change of decision can lie between two explored points."
)


def _change_line(change: Change) -> str:
    where = "annexe" if change.article == "annexe" else ("manifeste" if change.article == "manifest" else f"article {change.article}")
    if change.what in ("version",):
        return f"{where}: version {change.old} -> {change.new}"
    if change.kind == "changed":
        return f"{where}: {change.what} `{change.name}` changed"
    return f"{where}: {change.what} `{change.name}` {change.kind}"


def render_text(old: str, new: str, changes: list[Change], exploration: Exploration) -> str:
    lines = [f"proa-policy diff {old} {new}", "", "Structural changes:"]
    if not changes:
        lines.append("  (none)")
    for change in changes:
        lines.append("  " + _change_line(change))
        lines += [f"      {d}" for d in change.detail]
    lines += ["", f"Behavioural changes ({exploration.explored} dossiers explored: "
              + ", ".join(f"{n} from {s}" for s, n in exploration.by_source.items()) + "):"]
    if not exploration.flips:
        lines.append("  none: both versions decide identically on every explored dossier")
    for flip in exploration.flips.values():
        lines.append(f"  {flip.kind}: {flip.count} dossier(s)")
        lines.append(f"      smallest example ({flip.origin}):")
        lines.append(f"      old: {dumps(flip.old)}")
        lines.append(f"      new: {dumps(flip.new)}")
        lines.append(f"      dossier: {dumps(flip.example)}")
    lines += ["", "Completeness: " + COMPLETENESS, "Limits:"]
    lines += [f"  - {limit}" for limit in exploration.limits]
    return "\n".join(lines) + "\n"


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(old: str, new: str, changes: list[Change], exploration: Exploration) -> str:
    verdict = "**Decisions change.**" if exploration.flips else "**No decision changes** on the explored dossiers."
    lines = [f"## proa-policy diff `{old}` → `{new}`", "", verdict, "", "### What the amendment changes in the text", ""]
    if changes:
        lines += ["| article | change | what | details |", "|---|---|---|---|"]
        for change in changes:
            where = "annexe" if change.article == "annexe" else change.article
            lines.append(f"| {_md(where)} | {change.kind} | {change.what} `{_md(change.name)}` | "
                         f"{_md('<br>'.join(change.detail)) if change.detail else ''} |")
    else:
        lines.append("No structural change.")
    lines += ["", f"### What it changes in the decisions ({exploration.explored} dossiers explored)", ""]
    if exploration.flips:
        lines += ["| change | dossiers | smallest example |", "|---|---|---|"]
        for flip in exploration.flips.values():
            lines.append(f"| {_md(flip.kind)} | {flip.count} | {_md(flip.origin)} |")
        for flip in exploration.flips.values():
            lines += ["", f"<details><summary>{_md(flip.kind)}: smallest example</summary>", "",
                      f"- old: `{dumps(flip.old)}`", f"- new: `{dumps(flip.new)}`", "", "```json",
                      dumps(flip.example, pretty=True), "```", "", "</details>"]
    else:
        lines.append("Both versions decide identically everywhere explored.")
    lines += ["", "<details><summary>How complete is this exploration</summary>", "", COMPLETENESS, ""]
    lines += [f"- {_md(limit)}" for limit in exploration.limits]
    lines += ["", "</details>", ""]
    return "\n".join(lines)


def render_json(old: str, new: str, changes: list[Change], exploration: Exploration) -> str:
    return dumps({
        "old": old, "new": new,
        "structural": [c.to_dict() for c in changes],
        "behavioural": {
            "explored": exploration.explored,
            "by_source": exploration.by_source,
            "changed": exploration.changed,
            "flips": [f.to_dict() for f in exploration.flips.values()],
            "probes": exploration.probes,
            "completeness": COMPLETENESS,
            "limits": exploration.limits,
        },
    }, pretty=True) + "\n"
