"""Rendering `proa-policy diff`: the law as written (structural) and the decisions (behavioural)."""

from __future__ import annotations

from typing import Any

from proa_policy.amend.compare import Change
from proa_policy.amend.explore import Exploration
from proa_policy.report.escape import markdown, markdown_code, text as esc
from proa_policy.report.jsonout import dumps

COMPLETENESS = (
    "Every condition of the rule language compares a dossier field, or a value computed from dossier fields by "
    "monotone functions, with a bound made of parameters, or tests membership in a finite set (enumerations, annex "
    "codes). The exploration reads its factors from the dossier schema and both versions: every enumerated and "
    "boolean field, the certification with one code per class of annex memberships, the period (the day before and "
    "the day of every change), and every bounded field just below, on and just above each bound of either version. "
    "Around every seed dossier it tries each level alone, then the rows of a t = 2 covering array, in which every "
    "pair of levels of two factors meets; a row that changes a decision is then given back to the seed one factor at "
    "a time. No change of decision that needs at most two classes at once is missed where the pair is realised "
    "(the count below says where it was)."
)

#: GitHub refuses a comment longer than this (characters).
COMMENT_LIMIT = 65536

def _change_line(change: Change) -> str:
    where = "annexe" if change.article == "annexe" else ("manifeste" if change.article == "manifest" else f"article {change.article}")
    if change.what in ("version",):
        return f"{esc(where)}: version {esc(change.old)} -> {esc(change.new)}"
    if change.kind == "changed":
        return f"{esc(where)}: {change.what} `{esc(change.name)}` changed"
    return f"{esc(where)}: {change.what} `{esc(change.name)}` {change.kind}"


def render_text(old: str, new: str, changes: list[Change], exploration: Exploration) -> str:
    lines = [f"proa-policy diff {esc(old)} {esc(new)}", "", "Structural changes:"]
    if not changes:
        lines.append("  (none)")
    for change in changes:
        lines.append("  " + _change_line(change))
        lines += [f"      {esc(d)}" for d in change.detail]
    lines += ["", f"Behavioural changes ({exploration.explored} dossiers explored: "
              + ", ".join(f"{n} from {esc(s)}" for s, n in exploration.by_source.items()) + "):"]
    if not exploration.flips:
        lines.append("  none: both versions decide identically on every explored dossier")
    for flip in exploration.flips.values():
        lines.append(f"  {esc(flip.kind)}: {flip.count} dossier(s)")
        lines.append(f"      smallest example ({esc(flip.origin)}):")
        lines.append(f"      old: {esc(dumps(flip.old))}")
        lines.append(f"      new: {esc(dumps(flip.new))}")
        lines.append(f"      dossier: {esc(dumps(flip.example))}")
    lines += ["", "Completeness: " + COMPLETENESS, "Covered:"]
    lines += [f"  - {esc(line)}" for line in exploration.covered]
    lines += ["Limits:"]
    lines += [f"  - {esc(limit)}" for limit in exploration.limits]
    return "\n".join(lines) + "\n"


_md = markdown  # every value of the Markdown diff: no raw HTML, no table break (report/escape.py)


def _md_flip(flip: Any) -> list[str]:
    from proa_policy.rulebook.readable import markdown_table

    def side(summary: dict[str, Any] | None) -> str:
        summary = summary or {}
        rules = ", ".join(f"`{r}`" for r in summary.get("violations", [])) or "aucune"
        return f"{_md(summary.get('verdict'))} (règles en échec : {rules})"

    return ["", f"<details><summary>{_md(flip.kind)}: smallest example</summary>", "",
            f"- old: {side(flip.old)}", f"- new: {side(flip.new)}", f"- origin: {_md(flip.origin)}", "",
            markdown_table(flip.example or {}), "", "</details>"]


def render_markdown(old: str, new: str, changes: list[Change], exploration: Exploration,
                    limit: int = COMMENT_LIMIT) -> str:
    """The pull-request comment; its examples are readable dossiers, the whole within `limit` characters."""
    verdict = "**Decisions change.**" if exploration.flips else "**No decision changes** on the explored dossiers."
    head = [f"## proa-policy diff {markdown_code(old)} → {markdown_code(new)}", "", verdict, "",
            "### What the amendment changes in the text", ""]
    if changes:
        head += ["| article | change | what | details |", "|---|---|---|---|"]
        for change in changes:
            where = "annexe" if change.article == "annexe" else change.article
            head.append(f"| {_md(where)} | {change.kind} | {change.what} {markdown_code(change.name)} | "
                        f"{'<br>'.join(_md(d) for d in change.detail)} |")
    else:
        head.append("No structural change.")
    head += ["", f"### What it changes in the decisions ({exploration.explored} dossiers explored)", ""]
    if exploration.flips:
        head += ["| change | dossiers | smallest example |", "|---|---|---|"]
        head += [f"| {_md(f.kind)} | {f.count} | {_md(f.origin)} |" for f in exploration.flips.values()]
    else:
        head.append("Both versions decide identically everywhere explored.")
    tail = ["", "<details><summary>How complete is this exploration</summary>", "", COMPLETENESS, ""]
    tail += [f"- covered: {_md(line)}" for line in exploration.covered]
    tail += [f"- {_md(limit_)}" for limit_ in exploration.limits]
    tail += ["", "</details>", ""]
    blocks = [_md_flip(f) for f in exploration.flips.values()]
    return _fit(head, blocks, tail, limit)


def _fit(head: list[str], blocks: list[list[str]], tail: list[str], limit: int) -> str:
    """Head, as many whole blocks as fit, a note for the rest, tail; cut hard only if the head alone is too long."""
    note = ("", "_Truncated: {n} example(s) left out to stay within GitHub's {limit} characters; "
                "`proa-policy diff --format html` shows them all._")
    text = "\n".join(head)
    budget = limit - len("\n".join(tail)) - len("\n".join(note)) - 40
    kept = 0
    for block in blocks:
        piece = "\n" + "\n".join(block)
        if len(text) + len(piece) > budget:
            break
        text += piece
        kept += 1
    if kept < len(blocks):
        text += "\n" + "\n".join(note).format(n=len(blocks) - kept, limit=limit)
    text += "\n" + "\n".join(tail)
    if len(text) > limit:
        marker = "\n\n_Truncated._\n"
        text = text[: limit - len(marker)] + marker
    return text


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
            "covered": exploration.covered,
            "pairs": {"total": exploration.pairs_total, "realised": exploration.pairs_realised},
            "limits": exploration.limits,
        },
    }, pretty=True) + "\n"
