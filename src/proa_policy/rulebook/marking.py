"""The accord's text cut into paragraphs and pieces: which rules quote each piece, which piece is excluded.

A quote is found in the text up to whitespace (the same reading as `check`'s
quote lint). Overlapping quotes share their common piece; each piece knows
every rule quoting it, so a rule is linked from exactly its passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Piece:
    text: str
    rules: tuple[str, ...] = ()  # rule ids quoting this piece
    excluded: bool = False
    line_break: bool = False  # a line break inside the paragraph (the text is then empty)
    anchor: str = ""  # the id of the first piece of a quote, for the rule's link back


@dataclass
class Paragraph:
    pieces: list[Piece]
    rules: list[str] = field(default_factory=list)  # rules whose quote starts here, shown beside it
    footnotes: list[str] = field(default_factory=list)  # footnotes of excluded passages starting here


def find(passage: str, text: str) -> tuple[int, int] | None:
    """Where `passage` occurs in `text`, whitespace-insensitively; None when it does not."""
    words = passage.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (found.start(), found.end()) if found else None


def _spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for gap in _PARAGRAPH.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def paragraphs(text: str, quotes: list[tuple[str, str]], excluded: list[tuple[str, str]],
               anchor_prefix: str) -> tuple[list[Paragraph], list[str], dict[str, str]]:
    """Cut `text` into paragraphs of pieces.

    `quotes` are `(rule id, quote)`, `excluded` are `(passage, footnote)`.
    Returns the paragraphs, the rule ids whose quote is not in this text, and
    each placed rule's anchor (the id of its quote's first piece).
    """
    marks: list[tuple[int, int, str]] = []
    missing: list[str] = []
    for rule_id, quote in quotes:
        where = find(quote, text)
        if where is None:
            missing.append(rule_id)
        else:
            marks.append((*where, rule_id))
    cuts = [(*where, note) for passage, note in excluded if (where := find(passage, text)) is not None]
    anchors: dict[str, str] = {}
    out = [_paragraph(text, start, end, marks, cuts, anchors, anchor_prefix) for start, end in _spans(text)]
    return out, missing, anchors


def _paragraph(text: str, start: int, end: int, marks: list[tuple[int, int, str]],
               cuts: list[tuple[int, int, str]], anchors: dict[str, str], prefix: str) -> Paragraph:
    """One paragraph, cut at every quote, exclusion and line break; new anchors are added to `anchors`."""
    paragraph = Paragraph([])
    for a, b in _segments(text, start, end, marks + cuts):
        if text[a:b] == "\n":
            paragraph.pieces.append(Piece("", line_break=True))
            continue
        rules = tuple(r for x, y, r in marks if x <= a and b <= y)
        fresh = [r for r in rules if r not in anchors]
        anchor = f"{prefix}{len(anchors) + 1}" if fresh else ""
        anchors.update({r: anchor for r in fresh})
        excluded = any(x <= a and b <= y for x, y, _ in cuts)
        paragraph.pieces.append(Piece(text[a:b], rules, excluded, anchor=anchor))
    paragraph.rules = [r for x, _, r in sorted(marks, key=lambda m: m[0]) if start <= x < end]
    paragraph.footnotes = [note for x, _, note in cuts if start <= x < end]
    return paragraph


def _segments(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The consecutive pieces of `text[start:end]` between every span boundary and around every line break."""
    bounds = {start, end}
    for a, b, _ in spans:
        bounds |= {min(max(a, start), end), min(max(b, start), end)}
    for i in range(start, end):
        if text[i] == "\n":
            bounds |= {i, i + 1}
    points = sorted(bounds)
    return list(zip(points, points[1:]))
