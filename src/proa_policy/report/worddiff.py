"""Word-level differences between two texts, for the tableau comparatif (`<del>` / `<ins>`)."""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def sides(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The old and the new text as `(state, text)` pieces: state is `same`, `del` (old) or `ins` (new)."""
    a, b = tokens(old), tokens(new)
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(("same", "".join(a[i1:i2])))
            right.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(("ins", "".join(b[j1:j2])))
    return _merge(left), _merge(right)


def _merge(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for state, text in pieces:
        if out and out[-1][0] == state:
            out[-1] = (state, out[-1][1] + text)
        elif text:
            out.append((state, text))
    return out
