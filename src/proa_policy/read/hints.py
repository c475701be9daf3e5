"""Hints that turn an error into something a person can fix: « vouliez-vous dire », and what to write instead.

Three kinds, each a small pure function:

* `closest`: the valid field name or enumerated value nearest to a misspelled
  one (`tutor_desginated` → `tutor_designated`, `métropole` → `metropole`,
  `ett` → `ETT`): same letters up to case and accents first, then difflib;
* `value_hint`: for a JSON or YAML value of the wrong shape, how to write it
  (`"1050,5"` → `1050.5` without quotes; `10/01/2022` → `2022-01-10`);
* `explain_syntax`: a JSON or YAML syntax error explained in French (or English
  with `--lang en`), with the likely cause when the text shows it (a decimal
  comma, an unquoted date).

Their words are the catalogue's (`hint.*`, `syntax.*` in wording/).

French conventions are *hints* here, never readings: a JSON or YAML dossier
is read strictly (documents.py); only spreadsheet cells accept them (dossier/cells.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any, Iterable

from proa_policy.errors import DocumentError
from proa_policy.wording import say


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def closest(word: str, choices: Iterable[Any]) -> str | None:
    """The choice a person most likely meant by `word`, or None when nothing is close."""
    options = [str(c) for c in choices]
    folded = {_fold(c): c for c in options}
    if _fold(word) in folded:
        return folded[_fold(word)]
    found = difflib.get_close_matches(_fold(word), list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def did_you_mean(word: Any, choices: Iterable[Any], lang: str = "fr") -> str:
    """` ; vouliez-vous dire `x` ?` when a choice is close to `word`, else nothing."""
    if not isinstance(word, str):
        return ""
    match = closest(word, choices)
    return say("hint.did_you_mean", lang, match=match) if match is not None and match != word else ""


_FRENCH_NUMBER = re.compile(r"([-+]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+)(\.\d+)?")
_FRENCH_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _as_json_number(text: str) -> str | None:
    """`1 600,50` → `1600.50`, `400` → `400`; None when the text is not a number in either writing."""
    text = text.strip()
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    match = _FRENCH_NUMBER.fullmatch(text)
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    digits = re.sub(r"[ \u00a0\u202f]", "", whole)
    return sign + digits + (f".{fraction}" if fraction else "")


def _as_iso_date(text: str) -> str | None:
    match = _FRENCH_DATE.fullmatch(text.strip())
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def value_hint(value: Any, expected: str, lang: str = "fr") -> str:
    """What to write instead of `value` where the schema expects `expected` (`number`, `boolean`, `date`…)."""
    if not isinstance(value, str):
        if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return say("hint.quote_it", lang, value=value)
        return ""
    if expected in ("number", "integer"):
        number = _as_json_number(value)
        if number is None:
            return ""
        return say("hint.decimal_point" if "," in value else "hint.unquote_number", lang, number=number)
    if expected == "boolean" and _fold(value.strip()) in {"true", "false", "oui", "non", "vrai", "faux"}:
        word = "true" if _fold(value.strip()) in {"true", "oui", "vrai"} else "false"
        return say("hint.unquote_boolean", lang, word=word)
    if expected == "date":
        iso = _as_iso_date(value)
        if iso is not None:
            return say("hint.iso_date", lang, iso=iso)
    return ""


# --- syntax ------------------------------------------------------------------

#: (the parser's words, the catalogue key of their explanation)
_JSON_WHY = (
    ("Expecting property name enclosed in double quotes", "syntax.property_name"),
    ("Expecting ',' delimiter", "syntax.comma"),
    ("Expecting ':' delimiter", "syntax.colon"),
    ("Expecting value", "syntax.value"),
    ("Extra data", "syntax.extra_data"),
    ("Unterminated string", "syntax.unterminated"),
    ("Invalid control character", "syntax.control_character"),
    ("Invalid \\escape", "syntax.escape"),
)
_YAML_WHY = (
    ("mapping values are not allowed", "syntax.yaml_colon"),
    ("cannot start any token", "syntax.yaml_token"),
    ("found unexpected end of stream", "syntax.unterminated"),
    ("did not find expected key", "syntax.indentation"),
    ("did not find expected ',' or ']'", "syntax.open_list"),
    ("did not find expected ',' or '}'", "syntax.open_object"),
    ("could not find expected ':'", "syntax.colon"),
    ("found unknown escape character", "syntax.yaml_escape"),
)
_DECIMAL_COMMA = re.compile(r"(?<![\w.\"])(-?\d+),(\d+)(?![\w.\"])")
_BARE_DATE = re.compile(r"(?<![\w\"])(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?![\w\"])")


def _cause(line_text: str, column: int, lang: str) -> str:
    """The likely cause seen around the error, in `lang`: a decimal comma or an unquoted date."""
    for match in _DECIMAL_COMMA.finditer(line_text):
        if match.start() <= column <= match.end() + 1:
            return say("syntax.decimal_comma", lang, text=match[0], fixed=f"`{match[1]}.{match[2]}`")
    for match in _BARE_DATE.finditer(line_text):
        if match.start() <= column <= match.end() + 1:
            iso = _as_iso_date(match[1]) if "/" in match[1] else match[1]
            return say("syntax.quote_date", lang, iso=iso or say("syntax.date_form", lang))
    return ""


def explain_syntax(error: DocumentError, text: str) -> DocumentError:
    """The same error with an explanation appended (the parser's own words are kept, located).

    Its `message` is the parser's words and the French explanation; its key and
    its hints (French, English) say it in the report's language (`wording.reading_error`).
    """
    message = error.message
    table = _JSON_WHY if message.startswith("invalid JSON") else \
        _YAML_WHY if message.startswith("invalid YAML") else ()
    key = next((key for words, key in table if words in message), None)
    if key is None:
        return error
    lines = text.splitlines()
    line_text = lines[error.line - 1] if 0 < error.line <= len(lines) else ""
    column = max(error.column - 1, 0)
    hint, hint_en = (say(key, lang) + _cause(line_text, column, lang) for lang in ("fr", "en"))
    return DocumentError(f"{message} — {hint}", pointer=error.pointer, line=error.line, column=error.column,
                         key=error.key, values=error.values, hint=hint, hint_en=hint_en)
