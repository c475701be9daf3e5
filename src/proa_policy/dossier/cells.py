"""One spreadsheet cell → the JSON value of its field, by the field's type; or a message saying what to write.

French spreadsheet conventions are accepted here, and only here (never in
JSON or YAML): a decimal comma with space thousands separators (`1 600,50`),
dates as `JJ/MM/AAAA` (`10/01/2022` is 10 January), `oui`/`non`/`vrai`/`faux`,
an enumerated value by its French title (`x-enum-titles`: « Entreprise de
travail temporaire » is `ETT`).
Each reading is exact, or refused: a text that could mean two things
(`1.600`: 1600 or 1.6?) is an error that says how to write it.

Typed cells of an XLSX file: a date cell is a date; a number cell is the
decimal Excel shows, at most 15 significant digits (Excel's own precision:
a float `1766.92` is 1766.92, not 1766.9200000000000727…); a boolean cell is
a boolean. A text field keeps its text: `00123` stays `00123`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from proa_policy.read.values import read_number
from proa_policy.dossier.columns import BOOLEAN, CHOICE, DATE, INTEGER, NUMBER, Column, fold
from proa_policy.wording import Words, say

_SPACES = "\u00a0\u202f\u2009 "  # space, no-break space, narrow no-break space, thin space
_TRUE = {"oui", "vrai", "true"}
_FALSE = {"non", "faux", "false"}
# digits, or groups of three separated by one kind of space; then a decimal comma or point and digits
_FRENCH_NUMBER = re.compile(
    r"([-+]?)(\d{1,3}(?:([ \u00a0\u202f\u2009])\d{3})(?:\3\d{3})*|\d+)(?:([,.])(\d+))?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: 00:00(?::00)?)?")
_SHORT_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


class CellError(ValueError):
    """A cell that cannot be read as its field's type; the message says what to write instead.

    `key` and `values` word it in any language (`wording.say`); `str()` is the French.
    """

    def __init__(self, key: str, **values: Any):
        self.key, self.values = key, values
        super().__init__(say(key, "fr", **values))


def convert(column: Column, raw: Any) -> Any:
    """The value of `raw` for `column`, or None when the cell is empty (an absent field)."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = raw.strip(_SPACES + "\t\r\n")
        if not raw:
            return None
    kind = column.kind
    if kind in (NUMBER, INTEGER):
        value = _number(raw)
        if kind == INTEGER and value != value.to_integral_value():
            raise CellError("cell.not_integer", raw=_show(raw))
        return value
    if kind == DATE:
        return _date(raw)
    if kind == BOOLEAN:
        return _boolean(raw)
    return _text(raw, column)


def _show(raw: Any) -> str:
    text = raw.isoformat() if isinstance(raw, (dt.date, dt.datetime)) else str(raw)
    return text if len(text) <= 40 else text[:40] + "…"


def excel_decimal(number: float) -> Decimal:
    """A float cell as the decimal Excel displays: 15 significant digits, trailing zeros dropped."""
    return Decimal(format(number, ".15g"))


def _number(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise CellError("cell.boolean_not_number", raw="VRAI" if raw else "FAUX")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellError("cell.not_finite")
        return excel_decimal(raw)
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, (dt.date, dt.datetime)):
        raise CellError("cell.date_not_number", raw=_show(raw))
    text = str(raw).removesuffix("€").rstrip(_SPACES)
    match = _FRENCH_NUMBER.fullmatch(text)
    if match is None:
        raise CellError("cell.not_number", raw=_show(raw))
    sign, whole, grouped, separator, fraction = match.groups()
    if separator == "." and not grouped and len(fraction) == 3 and whole != "0" and len(whole) <= 3:
        raise CellError("cell.ambiguous", raw=_show(raw), whole=whole, fraction=fraction)
    digits = whole.translate({ord(c): None for c in _SPACES})
    literal = sign + digits + (f".{fraction}" if fraction is not None else "")
    try:
        return read_number(literal)
    except ValueError:
        raise CellError("cell.number_too_long", raw=_show(raw)) from None


def _date(raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            raise CellError("cell.date_with_time", raw=_show(raw))
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        raise CellError("cell.number_not_date", raw=_show(raw))
    text = str(raw)
    iso, french = _ISO_DATE.fullmatch(text), _FRENCH_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif french:
        day, month, year = (int(g) for g in french.groups())
    elif _SHORT_YEAR.fullmatch(text):
        raise CellError("cell.short_year", raw=_show(raw))
    else:
        raise CellError("cell.not_date", raw=_show(raw))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        order = Words("cell.order_french" if french else "cell.order_iso")
        raise CellError("cell.not_calendar_date", raw=_show(raw), order=order) from None


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError("cell.not_boolean", raw=_show(raw))


def _text(raw: Any, column: Column) -> str:
    """Text and choice fields keep their text; a typed cell there is refused rather than guessed."""
    if isinstance(raw, str):
        return _choice(raw, column) if column.kind == CHOICE else raw
    what = Words("cell.what_choice" if column.kind == CHOICE else "cell.what_text")
    if isinstance(raw, bool):
        raise CellError("cell.boolean_in_text", raw="VRAI" if raw else "FAUX", what=what)
    if isinstance(raw, (dt.date, dt.datetime)):
        raise CellError("cell.date_in_text", raw=_show(raw), what=what)
    if isinstance(raw, int):
        return str(raw)  # an id typed as a number: its digits (the sheet itself dropped any leading zeros)
    if isinstance(raw, (float, Decimal)):
        return format(excel_decimal(raw) if isinstance(raw, float) else raw, "f")
    raise CellError("cell.unexpected_type", what=what)


def _choice(raw: str, column: Column) -> str:
    """A value of the list as written (`ETT`), or named by its French title, in any case and accents
    (« Entreprise de travail temporaire (ETT) », or without its final parenthesis when that is unique)."""
    if raw in column.choices:
        return raw
    return _by_title(column).get(fold(raw), raw)  # anything else is kept: the schema says what to write


@lru_cache(maxsize=256)
def _by_title(column: Column) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for value, title in column.choice_titles:
        short = _PARENTHESIS.sub("", title)
        for text in {title, short}:
            found.setdefault(fold(text), set()).add(value)
    return {text: next(iter(values)) for text, values in found.items() if len(values) == 1 and text}
