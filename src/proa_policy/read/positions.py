"""JSON pointer → line and column in the text a dossier was read from (JSON or YAML).

Only called when something must be reported: a YAML document already knows
where its values were written (`MarkedDict`); a JSON text is scanned once,
recording where every value starts, and all of its errors are looked up
there (linear in the text, however many errors). The fast path never pays
for positions.
"""

from __future__ import annotations

import json
from typing import Any

from proa_policy.read.documents import looks_like_json
from proa_policy.read.values import MarkedDict, MarkedList
from proa_policy.read.yamltext import load_yaml
from proa_policy.errors import DocumentError
from proa_policy.source import LineIndex, pointer_tokens


def locate(name: str, text: str, ptr: str, document: Any = None) -> tuple[int, int]:
    """1-based (line, column) of the value at `ptr`, or of its nearest existing parent; (0, 0) if unknown.

    `document`, when it is the YAML document read from `text`, saves reading the text again. For many
    pointers into one document, make one `Positions` and ask it for each.
    """
    return Positions(name, text, document).at(ptr)


def _locate_marked(node: Any, tokens: list[str]) -> tuple[int, int]:
    line, column = getattr(node, "line", 0), getattr(node, "column", 0)
    for token in tokens:
        if isinstance(node, MarkedDict) and token in node:
            line, column = node.value_marks[token]
            node = node[token]
        elif isinstance(node, MarkedList) and token.isdigit() and int(token) < len(node):
            line, column = node.item_marks[int(token)]
            node = node[int(token)]
        else:
            break
    return line, column


class _Scanner:
    """A minimal JSON walker over valid JSON text, recording where each value starts, in one pass."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.starts: dict[tuple[str, ...], int] = {}

    def ws(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in " \t\r\n\ufeff":
            pos += 1
        self.pos = pos

    def string(self) -> str:
        value, self.pos = json.decoder.scanstring(self.text, self.pos + 1)
        return value

    def index(self) -> dict[tuple[str, ...], int]:
        """Offset of every value, by its reference tokens; iterative, so depth costs no recursion."""
        stack: list[tuple[tuple[str, ...], str, int]] = []  # (container path, kind, next array index)
        path: tuple[str, ...] = ()
        while True:
            self.ws()
            self.starts[path] = self.pos
            char = self.text[self.pos]
            if char in "{[":
                self.pos += 1
                self.ws()
                if self.text[self.pos] in "}]":
                    self.pos += 1
                else:
                    stack.append((path, char, 0))
                    path = self._child(stack)
                    continue
            elif char == '"':
                self.string()
            else:
                while self.pos < len(self.text) and self.text[self.pos] not in ",}] \t\r\n":
                    self.pos += 1
            while stack:  # after a value: the next sibling, or close containers
                self.ws()
                if self.text[self.pos] == ",":
                    self.pos += 1
                    parent, kind, count = stack[-1]
                    stack[-1] = (parent, kind, count + 1)
                    path = self._child(stack)
                    break
                self.pos += 1  # `}` or `]`
                stack.pop()
            else:
                return self.starts

    def _child(self, stack: list[tuple[tuple[str, ...], str, int]]) -> tuple[str, ...]:
        """The path of the next member (reading its key) or item of the innermost container."""
        parent, kind, count = stack[-1]
        if kind == "[":
            return (*parent, str(count))
        self.ws()
        key = self.string()
        self.ws()
        self.pos += 1  # `:`
        return (*parent, key)


class Positions:
    """Where the values of one document were written; the text is scanned at most once, lines counted once."""

    def __init__(self, name: str, text: str, document: Any = None):
        self.name, self.text, self.document = name, text, document
        self._starts: dict[tuple[str, ...], int] | None = None
        self._lines: LineIndex | None = None

    def at(self, ptr: str | None) -> tuple[int, int]:
        """1-based (line, column) of the value at `ptr`, or of its nearest existing parent; else (0, 0)."""
        if ptr is None:
            return 0, 0
        try:
            tokens = pointer_tokens(ptr)
        except ValueError:
            return 0, 0
        if isinstance(self.document, MarkedDict):
            return _locate_marked(self.document, tokens)
        if not looks_like_json(self.name, self.text):
            try:
                self.document = load_yaml(self.text)
            except DocumentError:
                return 0, 0
            return _locate_marked(self.document, tokens)
        return self._json(tuple(tokens))

    def _json(self, tokens: tuple[str, ...]) -> tuple[int, int]:
        if self._starts is None:
            try:
                self._starts = _Scanner(self.text).index()
            except (IndexError, ValueError):
                self._starts = {}
            self._lines = LineIndex(self.text)
        while tokens not in self._starts and tokens:
            tokens = tokens[:-1]
        offset = self._starts.get(tokens)
        return self._lines.at(offset) if offset is not None and self._lines else (0, 0)
