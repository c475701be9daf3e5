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
    cuts = [(*find(p, text), note) for p, note in excluded if find(p, text)]  # type: ignore[misc]
    out: list[Paragraph] = []
    anchors: dict[str, str] = {}
    for start, end in _spans(text):
        paragraph = Paragraph([])
        bounds = {start, end}
        for a, b, _ in marks + cuts:  # type: ignore[operator]
            bounds |= {min(max(a, start), end), min(max(b, start), end)}
        bounds |= {i for i in range(start, end) if text[i] == "\n"} | {i + 1 for i in range(start, end)
                                                                       if text[i] == "\n"}
        points = sorted(bounds)
        for a, b in zip(points, points[1:]):
            chunk = text[a:b]
            if chunk == "\n":
                paragraph.pieces.append(Piece("", line_break=True))
                continue
            rules = tuple(r for x, y, r in marks if x <= a and b <= y)
            is_excluded = any(x <= a and b <= y for x, y, _ in cuts)
            anchor = ""
            fresh = [r for r in rules if r not in anchors]
            if fresh:
                anchor = f"{anchor_prefix}{len(anchors) + 1}"
                for r in fresh:
                    anchors[r] = anchor
            paragraph.pieces.append(Piece(chunk, rules, is_excluded, anchor=anchor))
        paragraph.rules = [r for x, _, r in sorted(marks, key=lambda m: m[0]) if start <= x < end]
        paragraph.footnotes = [note for x, _, note in cuts if start <= x < end]
        out.append(paragraph)
    return out, missing, anchors
