"""JSON read exactly (read/documents.py says how): Decimal numbers, no NaN or Infinity, no duplicate keys,
no lone surrogates, nesting within MAX_DEPTH; every error located at its line and column."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from proa_policy.read.values import (
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    NumberError,
    check_unicode,
    document_error,
    read_number,
)
from proa_policy.source import line_column
from proa_policy.wording import Words

def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # a key given twice: find which, for the message
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _JsonDuplicate(key)
            seen.add(key)
    return out


class _JsonDuplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _json_float(text: str) -> Decimal:
    if len(text) < 30 and "e" not in text and "E" not in text and text.isascii():
        return Decimal(text)  # short plain decimals: within every limit, no check needed
    try:
        return read_number(text)
    except NumberError as exc:
        raise _JsonNumber(exc.words, text) from None


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _JsonNumber(
            Words("read.number_too_long", {"limit": MAX_NUMBER_CHARS, "start": text[:20]}), text
        )
    if not text.isascii():  # the pure-Python scanner's `\\d` would pass `1١` on to int()
        raise _JsonNumber(Words("read.not_number", {"text": text}), text)
    return int(text)


class _JsonNumber(Exception):
    def __init__(self, words: Words, literal: str) -> None:
        super().__init__(words.said("en"))
        self.words, self.literal = words, literal


def _json_constant(name: str) -> Any:
    raise _JsonNumber(Words("read.not_finite", {"text": name}), name)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_json_object,
    parse_float=_json_float,
    parse_int=_json_int,
    parse_constant=_json_constant,
)


def load_json(text: str) -> Any:
    """Parse JSON exactly: Decimal floats, no NaN/Infinity, no duplicate keys, no lone surrogates."""
    check_unicode(text)
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise document_error("read.invalid_json", exc.lineno, exc.colno, detail=exc.msg) from None
    except _JsonDuplicate as exc:
        raise document_error("read.duplicate_key", *_locate_key(text, exc.key), key=exc.key) from None
    except _JsonNumber as exc:
        raise document_error(exc.words.key, *_locate_literal(text, exc.literal), **exc.words.values) from None
    except RecursionError:
        raise document_error("read.nesting", limit=MAX_DEPTH) from None
    # nesting needs as many brackets as levels: most documents are cleared by counting them
    if text.count("{") + text.count("[") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        raise document_error("read.nesting", limit=MAX_DEPTH)
    if _SURROGATE_ESCAPE.search(text):
        _check_strings(value, text)
    return value


# `\ud800` alone is valid JSON text but no character: it could not be printed back as UTF-8
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_strings(value: Any, text: str) -> None:
    """Every key and string of a decoded document is real Unicode (escaped surrogates come in pairs)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, str):
            try:
                current.encode("utf-8")
            except UnicodeEncodeError as exc:
                escape = f"\\u{ord(current[exc.start]):04x}"
                line, column = _locate_literal(text.lower(), escape[1:])
                raise document_error("read.half_surrogate", line, max(column - 1, 0), escape=escape) from None


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        if isinstance(current, dict):
            stack.extend((v, depth + 1) for v in current.values())
        elif isinstance(current, list):
            stack.extend((v, depth + 1) for v in current)
    return deepest


_JSON_KEY = re.compile(r'("(?:[^"\\\n]|\\.)*")\s*:')


def _locate_key(text: str, key: str) -> tuple[int, int]:
    """Line/column of the second occurrence of `"key":`, best effort for duplicate-key errors.

    Every key is compared once decoded, so `"\\u0069d"` is found as a second `id`.
    """
    found = []
    for match in _JSON_KEY.finditer(text):
        try:
            same = json.loads(match.group(1)) == key
        except ValueError:
            continue
        if same:
            found.append(match.start())
            if len(found) == 2:
                break
    if len(found) < 2:
        return 0, 0
    return line_column(text, found[1])


def _locate_literal(text: str, literal: str) -> tuple[int, int]:
    """Line/column of the first `literal` standing alone (not inside a longer word or number), best effort."""
    found = re.search(r"(?<![\w.+\-])" + re.escape(literal) + r"(?![\w.])", text)
    if found is None:
        return 0, 0
    return line_column(text, found.start())
