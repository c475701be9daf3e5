"""What a document read from text may hold, and the limits on it, for JSON and YAML alike.

Numbers are exact (`read_number`: a Decimal as written, within MAX_NUMBER_CHARS
digits once written out); mappings and sequences read from YAML remember where
they were written (`MarkedDict`, `MarkedList`); a reading error is a
`DocumentError` whose words come from the catalogue (`document_error`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from proa_policy.errors import DocumentError
from proa_policy.source import line_column
from proa_policy.wording import Words

#: Limits on what a document may be; each has its own error message.
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 100


class MarkedDict(dict):  # type: ignore[type-arg]
    """A dict that remembers where each of its keys and values were written (1-based)."""

    __slots__ = ("line", "column", "key_marks", "value_marks")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 0
        self.column = 0
        self.key_marks: dict[Any, tuple[int, int]] = {}
        self.value_marks: dict[Any, tuple[int, int]] = {}


class MarkedList(list):  # type: ignore[type-arg]
    __slots__ = ("line", "column", "item_marks")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 0
        self.column = 0
        self.item_marks: list[tuple[int, int]] = []


def document_error(key: str, line: int = 0, column: int = 0, /, **values: Any) -> DocumentError:
    """A reading error: its `message` in English, every language through its key (wording/)."""
    return DocumentError.of(key, lang="en", line=line, column=column, **values)


class NumberError(ValueError):
    """A number out of the reader's limits; `words` says why in every language (`str()`: in English)."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.words = Words(key, values)
        super().__init__(self.words.said("en"))


def written_digits(value: Decimal) -> int:
    """How many digits a finite Decimal has when written out without an exponent (`1e400` has 401)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return max(len(digits) + exponent, 1) + max(-exponent, 0)


#: YAML 1.2 core schema float, ASCII digits only (fullmatch: no trailing newline either); NaN/inf are refused
_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NON_FINITE = {".inf", ".nan", "inf", "nan", "infinity", "snan"}


def read_number(text: str) -> Decimal:
    """A number's text → its exact Decimal; `NumberError` (a ValueError saying why) when out of the limits.

    The limit is on the digits written out, not only on the text: `1e999999999` is
    eleven characters but a billion digits once a report prints it in full.
    """
    if len(text) > MAX_NUMBER_CHARS:
        raise NumberError("read.number_too_long", limit=MAX_NUMBER_CHARS, start=text[:20])
    if not _NUMBER.fullmatch(text):  # before Decimal(), which also reads `٤٠٠`, `１６００`, `1_600`, ` 1 `
        if text.lstrip("+-").lower() in _NON_FINITE:
            raise NumberError("read.not_finite", text=text)
        raise NumberError("read.not_number", text=text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None  # an exponent beyond what Decimal can hold
    if value is not None and not value.is_finite():
        raise NumberError("read.not_finite", text=text)
    if value is None or written_digits(value) > MAX_NUMBER_CHARS:
        raise NumberError("read.out_of_range", text=text, limit=MAX_NUMBER_CHARS)
    return value


def check_unicode(text: str) -> None:
    """Refuse a `str` holding lone surrogates (only reachable through the Python API: files are decoded
    strictly)."""
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = line_column(text, exc.start)
        escape = f"\\u{ord(text[exc.start]):04x}"
        raise document_error("read.lone_surrogate", line, column, escape=escape) from None
