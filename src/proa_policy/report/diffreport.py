"""Rendering `proa-policy diff`: the law as written (structural) and the decisions (behavioural)."""

from __future__ import annotations

from typing import Any

from proa_policy.amend.compare import Change
from proa_policy.amend.explore import Exploration
from proa_policy.report.escape import markdown, markdown_code, text as esc
from proa_policy.report.jsonout import dumps
from proa_policy.wording import FEMININE, in_catalogue, said, say

#: GitHub refuses a comment longer than this (characters).
COMMENT_LIMIT = 65536


def _where(article: str, lang: str) -> str:
    if article in ("annexe", "manifest"):
        return say("diff.annex" if article == "annexe" else "diff.manifest", lang)
    return say("diff.article", lang, label=article)


def what_word(change: Change, lang: str) -> str:
    """What changed, as a noun: `parameter`, « paramètre »."""
    return say(f"diff.what.{change.what}", lang)


def done_word(change: Change, lang: str) -> str:
    """What became of it, agreeing with the noun: `added`, « ajouté », « ajoutée »."""
    key = f"diff.kind.{change.kind}"
    return say(f"{key}.feminine" if change.what in FEMININE.get(lang, ()) else key, lang)


def _change_line(change: Change, lang: str) -> str:
    where = esc(_where(change.article, lang))
    if change.what in ("version",):
        return say("diff.version", lang, where=where, old=esc(change.old), new=esc(change.new))
    return say("diff.change", lang, where=where, what=what_word(change, lang), name=esc(change.name),
               done=done_word(change, lang))


def _verdict(verdict: Any, lang: str) -> Any:
    """A verdict of a flip's summary: its identifier in English (as in the JSON), its label in French."""
    key = f"verdict.{verdict}"
    return say(key, lang) if in_catalogue(key) else verdict


def source_name(name: str, lang: str) -> str:
    """Where explored dossiers came from (`Exploration.by_source`'s keys), said in `lang`."""
    key = f"diff.source.{name}"
    return say(key, lang) if in_catalogue(key) else name


def _sources(exploration: Exploration, lang: str) -> str:
    return ", ".join(say("diff.from", lang, count=n, source=esc(source_name(s, lang)))
                     for s, n in exploration.by_source.items())


def render_text(old: str, new: str, changes: list[Change], exploration: Exploration, lang: str = "en") -> str:
    lines = [say("diff.title", lang, old=esc(old), new=esc(new)), "", say("diff.structural", lang)]
    if not changes:
        lines.append(say("diff.none", lang))
    for change in changes:
        lines.append("  " + _change_line(change, lang))
        lines += [f"      {esc(said(d, lang))}" for d in change.detail]
    lines += [
        "",
        say("diff.behavioural", lang, explored=exploration.explored, sources=_sources(exploration, lang)),
    ]
    if not exploration.flips:
        lines.append(say("diff.no_flip", lang))
    for flip in exploration.flips.values():
        lines.append(say("diff.flip", lang, kind=esc(said(flip.kind, lang)), count=flip.count))
        lines.append(say("diff.smallest", lang, origin=esc(said(flip.origin, lang))))
        lines.append(say("diff.old", lang, value=esc(dumps(flip.old))))
        lines.append(say("diff.new", lang, value=esc(dumps(flip.new))))
        lines.append(say("diff.dossier", lang, value=esc(dumps(flip.example))))
    lines += ["", say("diff.completeness_label", lang, text=say("diff.completeness", lang)),
              say("diff.covered", lang)]
    lines += [f"  - {esc(said(line, lang))}" for line in exploration.covered]
    lines += [say("diff.limits", lang)]
    lines += [f"  - {esc(said(limit, lang))}" for limit in exploration.limits]
    return "\n".join(lines) + "\n"


_md = markdown  # every value of the Markdown diff: no raw HTML, no table break (report/escape.py)


def _md_flip(flip: Any, lang: str) -> list[str]:
    from proa_policy.report.readable import markdown_table

    def side(summary: dict[str, Any] | None) -> str:
        summary = summary or {}
        rules = ", ".join(f"`{r}`" for r in summary.get("violations", [])) or say("diff.md.no_rule", lang)
        return say("diff.md.side", lang, verdict=_md(_verdict(summary.get("verdict"), lang)), rules=rules)

    return ["", say("diff.md.example", lang, kind=_md(said(flip.kind, lang))), "",
            say("diff.md.old", lang, side=side(flip.old)), say("diff.md.new", lang, side=side(flip.new)),
            say("diff.md.origin", lang, origin=_md(said(flip.origin, lang))), "",
            markdown_table(flip.example or {}, lang), "", "</details>"]


def render_markdown(old: str, new: str, changes: list[Change], exploration: Exploration,
                    limit: int = COMMENT_LIMIT, lang: str = "en") -> str:
    """The pull-request comment; its examples are readable dossiers, the whole within `limit` characters."""
    verdict = say("diff.md.changes" if exploration.flips else "diff.md.no_change", lang)
    head = [f"## proa-policy diff {markdown_code(old)} → {markdown_code(new)}", "", verdict, "",
            say("diff.md.text", lang), ""]
    if changes:
        head += [say("diff.md.text_head", lang), "|---|---|---|---|"]
        for change in changes:
            where = (
                _where(change.article, lang) if change.article in ("annexe", "manifest") else change.article
            )
            head.append(f"| {_md(where)} | {done_word(change, lang)} | {what_word(change, lang)} "
                        f"{markdown_code(change.name)} | "
                        f"{'<br>'.join(_md(said(d, lang)) for d in change.detail)} |")
    else:
        head.append(say("diff.md.no_text", lang))
    head += ["", say("diff.md.decisions", lang, explored=exploration.explored), ""]
    if exploration.flips:
        head += [say("diff.md.decisions_head", lang), "|---|---|---|"]
        head += [
            f"| {_md(said(f.kind, lang))} | {f.count} | {_md(said(f.origin, lang))} |"
            for f in exploration.flips.values()
        ]
    else:
        head.append(say("diff.md.no_flip", lang))
    tail = ["", say("diff.md.how_complete", lang), "", say("diff.completeness", lang), ""]
    tail += [say("diff.md.covered", lang, line=_md(said(line, lang))) for line in exploration.covered]
    tail += [f"- {_md(said(limit_, lang))}" for limit_ in exploration.limits]
    tail += ["", "</details>", ""]
    blocks = [_md_flip(f, lang) for f in exploration.flips.values()]
    return _fit(head, blocks, tail, limit, lang)


def _fit(head: list[str], blocks: list[list[str]], tail: list[str], limit: int, lang: str = "en") -> str:
    """Head, as many whole blocks as fit, a note for the rest, tail; cut hard only if the head alone is too
    long."""
    note = ("", say("diff.md.truncated_examples", lang, count="{n}", limit="{limit}"))
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
        marker = f"\n\n{say('diff.md.truncated', lang)}\n"
        text = text[: limit - len(marker)] + marker
    return text


def render_json(old: str, new: str, changes: list[Change], exploration: Exploration, lang: str = "en") -> str:
    return dumps({
        "old": old, "new": new,
        "structural": [c.to_dict(lang) for c in changes],
        "behavioural": {
            "explored": exploration.explored,
            "by_source": exploration.by_source,
            "changed": exploration.changed,
            "flips": [f.to_dict(lang) for f in exploration.flips.values()],
            "probes": [said(note, lang) for note in exploration.probes],
            "completeness": say("diff.completeness", lang),
            "covered": [said(line, lang) for line in exploration.covered],
            "pairs": {"total": exploration.pairs_total, "realised": exploration.pairs_realised},
            "limits": [said(limit, lang) for limit in exploration.limits],
        },
    }, pretty=True) + "\n"
