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


def did_you_mean(word: Any, choices: Iterable[Any]) -> str:
    """` ; vouliez-vous dire `x` ?` when a choice is close to `word`, else nothing."""
    if not isinstance(word, str):
        return ""
    match = closest(word, choices)
    return f" ; vouliez-vous dire `{match}` ?" if match is not None and match != word else ""


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


def value_hint(value: Any, expected: str) -> str:
    """What to write instead of `value` where the schema expects `expected` (`number`, `boolean`, `date`…)."""
    if not isinstance(value, str):
        if expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f" ; écrivez-le entre guillemets : `\"{value}\"`"
        return ""
    if expected in ("number", "integer"):
        number = _as_json_number(value)
        if number is None:
            return ""
        if "," in value:
            return (" ; en JSON et en YAML, un nombre s'écrit avec un point décimal et sans guillemets : "
                    f"`{number}`")
        return f" ; écrivez le nombre sans guillemets : `{number}`"
    if expected == "boolean" and _fold(value.strip()) in {"true", "false", "oui", "non", "vrai", "faux"}:
        word = "true" if _fold(value.strip()) in {"true", "oui", "vrai"} else "false"
        return f" ; écrivez `{word}` sans guillemets"
    if expected == "date":
        iso = _as_iso_date(value)
        if iso is not None:
            return f" ; écrivez la date en AAAA-MM-JJ : `{iso}` (lu comme jour/mois/année)"
    return ""


# --- syntax ------------------------------------------------------------------

#: (the parser's words, the explanation in French, in English)
_JSON_WHY = (
    ("Expecting property name enclosed in double quotes",
     "un nom de champ entre guillemets droits (\") est attendu ici",
     "a field name in straight double quotes (\") is expected here"),
    ("Expecting ',' delimiter", "une virgule est attendue entre deux éléments",
     "a comma is expected between two items"),
    ("Expecting ':' delimiter", "deux-points (:) sont attendus après le nom du champ",
     "a colon (:) is expected after the field name"),
    ("Expecting value",
     "une valeur est attendue ici (texte entre guillemets, nombre, true, false, objet ou liste)",
     "a value is expected here (text in quotes, a number, true, false, an object or a list)"),
    ("Extra data", "du texte suit la fin du document", "text follows the end of the document"),
    ("Unterminated string", "un texte entre guillemets n'est pas refermé", "a quoted text is not closed"),
    ("Invalid control character",
     "un caractère de contrôle (tabulation, retour à la ligne) est dans un texte",
     "a control character (tab, line break) is inside a text"),
    ("Invalid \\escape", "une barre oblique inverse (\\) doit être doublée dans un texte",
     "a backslash (\\) must be doubled inside a text"),
)
_YAML_WHY = (
    ("mapping values are not allowed", "deux-points inattendus : une valeur qui contient « : » s'écrit entre "
                                       "guillemets, ou l'indentation est décalée",
     "an unexpected colon: a value containing « : » is written in quotes, or the indentation is off"),
    ("cannot start any token", "une tabulation ou un caractère réservé (@, `) : indentez avec des espaces, "
                               "et mettez ce texte entre guillemets",
     "a tab or a reserved character (@, `): indent with spaces, and put this text in quotes"),
    ("found unexpected end of stream", "un texte entre guillemets n'est pas refermé",
     "a quoted text is not closed"),
    ("did not find expected key", "l'indentation est incohérente : alignez les champs d'un même niveau",
     "the indentation is inconsistent: align the fields of one level"),
    ("did not find expected ',' or ']'", "une liste entre crochets n'est pas refermée",
     "a list in square brackets is not closed"),
    ("did not find expected ',' or '}'", "un objet entre accolades n'est pas refermé",
     "an object in braces is not closed"),
    ("could not find expected ':'", "deux-points (:) sont attendus après le nom du champ",
     "a colon (:) is expected after the field name"),
    ("found unknown escape character",
     "une barre oblique inverse (\\) doit être doublée entre guillemets doubles",
     "a backslash (\\) must be doubled inside double quotes"),
)
_DECIMAL_COMMA = re.compile(r"(?<![\w.\"])(-?\d+),(\d+)(?![\w.\"])")
_BARE_DATE = re.compile(r"(?<![\w\"])(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?![\w\"])")


def _cause(line_text: str, column: int) -> tuple[str, str]:
    """The likely cause seen around the error, in French and English: a decimal comma or an unquoted date."""
    for match in _DECIMAL_COMMA.finditer(line_text):
        if match.start() <= column <= match.end() + 1:
            fixed = f"`{match[1]}.{match[2]}`"
            return (f" ; `{match[0]}` : un nombre s'écrit avec un point décimal, sans espace : {fixed}",
                    f"; `{match[0]}`: a number is written with a decimal point, without spaces: {fixed}")
    for match in _BARE_DATE.finditer(line_text):
        if match.start() <= column <= match.end() + 1:
            iso = _as_iso_date(match[1]) if "/" in match[1] else match[1]
            return (f" ; une date s'écrit entre guillemets, en AAAA-MM-JJ : `\"{iso or 'AAAA-MM-JJ'}\"`",
                    f"; a date is written in quotes, as YYYY-MM-DD: `\"{iso or 'YYYY-MM-DD'}\"`")
    return "", ""


def explain_syntax(error: DocumentError, text: str) -> DocumentError:
    """The same error with an explanation appended (the parser's own words are kept, located).

    Its `message` is the parser's words and the French explanation; its key and
    its hints (French, English) say it in the report's language (`wording.reading_error`).
    """
    message = error.message
    table = _JSON_WHY if message.startswith("invalid JSON") else \
        _YAML_WHY if message.startswith("invalid YAML") else ()
    found = next(((fr, en) for words, fr, en in table if words in message), None)
    if found is None:
        return error
    lines = text.splitlines()
    line_text = lines[error.line - 1] if 0 < error.line <= len(lines) else ""
    cause_fr, cause_en = _cause(line_text, max(error.column - 1, 0))
    return DocumentError(f"{message} — {found[0]}{cause_fr}", pointer=error.pointer, line=error.line,
                         column=error.column, key=error.key, values=error.values,
                         hint=found[0] + cause_fr, hint_en=found[1] + cause_en)
