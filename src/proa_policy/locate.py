"""JSON pointer → line and column in the text a dossier was read from (JSON or YAML).

Only called when something must be reported: a YAML document already knows
where its values were written (`MarkedDict`); a JSON text is scanned for the
pointer. The fast path never pays for positions.
"""

from __future__ import annotations

from typing import Any

from .documents import MarkedDict, MarkedList, load_yaml, looks_like_json
from .errors import DocumentError
from .source import pointer_tokens


def locate(name: str, text: str, ptr: str, document: Any = None) -> tuple[int, int]:
    """1-based (line, column) of the value at `ptr`, or of its nearest existing parent; (0, 0) if unknown.

    `document`, when it is the YAML document read from `text`, saves reading the text again.
    """
    try:
        tokens = pointer_tokens(ptr)
    except ValueError:
        return 0, 0
    if isinstance(document, MarkedDict):
        return _locate_marked(document, tokens)
    if looks_like_json(name, text):
        return _locate_json(text, tokens)
    try:
        document = load_yaml(text)
    except DocumentError:
        return 0, 0
    return _locate_marked(document, tokens)


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
    """A minimal JSON walker that records where each value starts; enough for valid JSON text."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def ws(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in " \t\r\n\ufeff":
            pos += 1
        self.pos = pos

    def string(self) -> str:
        import json

        start = self.pos
        value, end = json.decoder.scanstring(self.text, start + 1)
        self.pos = end
        return value

    def skip_value(self) -> None:
        self.ws()
        char = self.text[self.pos]
        if char == "{":
            self.pos += 1
            self.ws()
            if self.text[self.pos] == "}":
                self.pos += 1
                return
            while True:
                self.ws()
                self.string()
                self.ws()
                self.pos += 1  # ':'
                self.skip_value()
                self.ws()
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                self.pos += 1  # '}'
                return
        if char == "[":
            self.pos += 1
            self.ws()
            if self.text[self.pos] == "]":
                self.pos += 1
                return
            while True:
                self.skip_value()
                self.ws()
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                self.pos += 1
                return
        if char == '"':
            self.string()
            return
        while self.pos < len(self.text) and self.text[self.pos] not in ",}] \t\r\n":
            self.pos += 1

    def find(self, tokens: list[str]) -> int:
        """Offset of the value at `tokens`, or of the deepest parent that exists."""
        self.ws()
        found = self.pos
        for token in tokens:
            self.ws()
            char = self.text[self.pos]
            if char == "{":
                self.pos += 1
                located = False
                while True:
                    self.ws()
                    if self.text[self.pos] == "}":
                        break
                    key = self.string()
                    self.ws()
                    self.pos += 1
                    self.ws()
                    if key == token:
                        located = True
                        break
                    self.skip_value()
                    self.ws()
                    if self.text[self.pos] == ",":
                        self.pos += 1
                if not located:
                    return found
                found = self.pos
            elif char == "[" and token.isdigit():
                self.pos += 1
                index = int(token)
                for _ in range(index):
                    self.skip_value()
                    self.ws()
                    if self.text[self.pos] != ",":
                        return found
                    self.pos += 1
                self.ws()
                found = self.pos
            else:
                return found
        return found


def _locate_json(text: str, tokens: list[str]) -> tuple[int, int]:
    try:
        offset = _Scanner(text).find(tokens)
    except (IndexError, ValueError):
        return 0, 0
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
