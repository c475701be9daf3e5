"""The tool's words, one catalogue per language (`fr.py`, `en.py`), and how they are said.

`say(key, lang, **values)` is how a command words a message: `MESSAGES[lang][key]`
formatted with `values`, English when a language lacks the key. Legal text and
quotes are never here: they stay French, in the policy files.

A reading error is a `DocumentError` with a key of this catalogue (`DocumentError.of`):
`read/documents.py` words its `message` in English, for policy authors and the
Python API alike, `read/inputs.py` in French; people checking a dossier read it in
the language of the command (`reading_error`). Only the tool's own words are
translated: a detail quoted from the JSON or YAML parser stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proa_policy.wording import en, fr

#: The catalogues, one module a language (wording/fr.py, wording/en.py): a language is added as a module.
_CATALOGUES = {"fr": fr, "en": en}
MESSAGES: dict[str, dict[str, str]] = {lang: module.MESSAGES for lang, module in _CATALOGUES.items()}
#: A verdict as people read it, in each language (the text report writes it in capitals). One table, so
#: that a verdict is never called two names.
VERDICT_LABELS: dict[str, dict[str, str]] = {lang: module.VERDICTS for lang, module in _CATALOGUES.items()}
#: A rule's kind as people read it (the rulebook, the amendment review page).
KIND_LABELS: dict[str, dict[str, str]] = {lang: module.KINDS for lang, module in _CATALOGUES.items()}
#: What `diff` finds changed (`amend/compare.py`'s `what`) when its noun is feminine, in each language: its
#: participle is then `diff.kind.<kind>.feminine` (« règle … modifiée »).
FEMININE: dict[str, frozenset[str]] = {lang: module.FEMININE for lang, module in _CATALOGUES.items()}



def kind_label(kind: str, lang: str) -> str:
    """A rule's kind in words (KIND_LABELS), French when `lang` has no table; an unknown kind as it is."""
    return KIND_LABELS.get(lang, KIND_LABELS["fr"]).get(kind, kind)


def verdict_label(verdict: str, lang: str) -> str:
    """A verdict in words (VERDICT_LABELS), French when `lang` has no table; an unknown verdict as it is."""
    return VERDICT_LABELS.get(lang, VERDICT_LABELS["fr"]).get(verdict, verdict)


@dataclass(frozen=True, slots=True)
class Conventions:
    """How a language writes numbers, dates and money (engine/messages.format_value)."""

    decimal_mark: str
    thousands: str  # between groups of three digits of an amount of money
    date: str | None  # a strftime pattern; None: ISO 8601 (2022-01-10)
    money: str  # `{amount}` and the currency


CONVENTIONS: dict[str, Conventions] = {lang: Conventions(**module.CONVENTIONS)
                                       for lang, module in _CATALOGUES.items()}




def conventions(lang: str) -> Conventions:
    """`lang`'s conventions; English's for a language that has none."""
    return CONVENTIONS.get(lang) or CONVENTIONS["en"]


LANGUAGES = tuple(MESSAGES)



class Words(str):
    """A message not said yet: a key of the catalogue and its values (a value may be `Words`, a `Count`, or
    a list of them, said joined by `; `). As a string it is its English text, so a list of them reads as
    it always did where no language is chosen (the JSON of the Python API, `str()`)."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, values: dict[str, Any] | None = None) -> "Words":
        values = dict(values or {})
        self = super().__new__(cls, say(key, "en", **values))
        self.key, self.values = key, values
        return self

    def __getnewargs__(self) -> tuple[str, dict[str, Any]]:  # type: ignore[override]
        return self.key, self.values

    def said(self, lang: str) -> str:
        return say(self.key, lang, **self.values)


class Count(int):
    """A number said with its thousands grouped as `lang` writes them: 100,000 or 100 000."""

    def said(self, lang: str) -> str:
        return f"{self:,}".replace(",", "\u202f") if lang == "fr" else f"{self:,}"


def said(value: Any, lang: str) -> Any:
    """`value` in `lang` when it is words not said yet (`Words`, `Count`, a list of them); else itself."""
    if isinstance(value, (Words, Count)):
        return value.said(lang)
    if isinstance(value, list):
        return "; ".join(str(said(item, lang)) for item in value)
    return value


def _template(key: str, lang: str) -> str:
    """The message `key` in `lang` as written, English when that language lacks it."""
    return MESSAGES.get(lang, {}).get(key) or MESSAGES["en"][key]


def say(key: str, lang: str, /, **values: Any) -> str:
    """The message `key` in `lang` (English when that language lacks it), with `values` filled in."""
    return _template(key, lang).format(**{name: said(value, lang) for name, value in values.items()})


def in_catalogue(key: str) -> bool:
    """Whether the catalogue has the message `key` (every language has the same keys): for a key made from a
    value (`verdict.{verdict}`, `rulebook.unit.{unit}`) that may have no words, then said as it is."""
    return key in MESSAGES["en"]


def section(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose key starts with `prefix`, in `lang` as written, by the rest of its key: the words
    a template looks up by name (the rulebook's `w.rules` is `rulebook.page.rules`)."""
    return {key.removeprefix(prefix): _template(key, lang)
            for key in MESSAGES["en"] if key.startswith(prefix)}


def say_around(key: str, slot: str, lang: str, /, **values: Any) -> tuple[str, str]:
    """The message `key` in `lang` with `values` filled in, cut where `{slot}` goes: the words before it
    and after it (for a message whose middle is made later, piece by piece)."""
    before, _, after = _template(key, lang).partition("{" + slot + "}")
    filled = {name: said(value, lang) for name, value in values.items()}
    return before.format(**filled), after.format(**filled)


#: The language of the accord's text and quotes, whatever the language of the report.
ACCORD_LANGUAGE = "fr"


def accord_notice(lang: str, key: str = "french_only") -> str:
    """Said once by a report that is not in the accord's language: the accord's words stay French ("" when
    the report is French). `key` is how it says so (the rulebook's pages: `rulebook.legal_french`)."""
    return "" if lang == ACCORD_LANGUAGE else say(key, lang)


def translated(french: str, english: str, lang: str) -> str:
    """A text of the policy files in `lang`: its English version (`title_en`, `hint_en`…) when the report is
    English and the file gives one, else the French. The one place a translated field is chosen."""
    return english or french if lang == "en" else french


def in_language(texts: dict[str, Any], lang: str) -> Any:
    """Of a text the policy files give in several languages (a rule's `message: {fr: …, en: …}`), the one in
    `lang`, else the accord's language's."""
    return texts.get(lang) or texts.get(ACCORD_LANGUAGE, "")


def article_label(article: str, lang: str) -> str:
    """Where in the accord a rule is: `article 4`, or the annex."""
    if article == "annexe":
        return say("finding.annex", lang)
    return say("finding.article", lang, article=article)


def reading_error(message: str, lang: str, error: Any = None) -> str:
    """A reading error in `lang`: through the catalogue when `error` has a key (then its French hint, if
    any); an error without a key (a spreadsheet's, already French) is said as it was written."""
    if error is None or not error.key:
        return message
    said = say(error.key, lang, **error.values)
    hint = translated(error.hint, error.hint_en, lang)
    return f"{said} — {hint}" if hint else said
