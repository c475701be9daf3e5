"""What a finding says, as data, and how values are written in each language.

A rule's message is a template with `{expression}` placeholders, compiled like
its condition. When a rule fails, the engine evaluates the placeholders at once
and keeps a `Message`: the template's text pieces, the values it computed and the
citation — plain data, no closure back into the engine. Its words are made when
somebody reads them (`Message.text`), so a decision nobody prints costs no
formatting; the values are fixed at decision time, whatever happens after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, NamedTuple

from proa_policy.expr.functions import FarDate, Money
from proa_policy.wording import Conventions, article_label, conventions, say, say_around

Fn = Callable[[list[Any]], Any]


class _Unset:
    """A placeholder value that is not there: absent from the dossier, or not computable."""

    __slots__ = ("key",)

    def __init__(self, key: str):
        self.key = key

    def __reduce__(self) -> str:
        return "MISSING" if self.key == "finding.missing_value" else "NOT_COMPUTABLE"


#: What a placeholder holds when its value is absent, or cannot be computed (a message says so rather
#: than print « — » or « ? »: issue 10).
MISSING = _Unset("finding.missing_value")
NOT_COMPUTABLE = _Unset("finding.not_computable")


class Message(NamedTuple):
    """A finding's message: `pieces` of text as written (the citation of the rule included), each followed
    by one of `values` (the last piece by none), in `lang`, the language the decision was asked in."""

    pieces: tuple[str, ...]
    values: tuple[Any, ...]
    lang: str

    def text(self) -> str:
        lang = self.lang
        out = [self.pieces[0]]
        for value, piece in zip(self.values, self.pieces[1:]):
            out.append(say(value.key, lang) if isinstance(value, _Unset) else format_value(value, lang))
            out.append(piece)
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Template:
    """A rule's message in one language: its text pieces with the rule's citation around them, and one
    compiled placeholder expression between each two."""

    pieces: tuple[str, ...]
    placeholders: tuple[Fn, ...]
    lang: str

    @classmethod
    def cited(cls, pieces: list[str], placeholders: list[Fn], lang: str, article: str, quote: str
              ) -> "Template":
        """The template of a rule's message, said with where it comes from (`finding.cited`): the citation
        is words made once, when the rule is compiled."""
        where = article_label(article, lang)
        before, after = say_around("finding.cited", "text", lang, where=where, quote=quote)
        cited = list(pieces)
        cited[0] = before + cited[0]
        cited[-1] += after
        return cls(tuple(cited), tuple(placeholders), lang)

    def said(self, env: list[Any]) -> Message:
        try:
            values = [placeholder(env) for placeholder in self.placeholders]
        except Exception:  # a message must never hide the verdict: the placeholders one by one
            values = [_value_of(placeholder, env) for placeholder in self.placeholders]
        if None in values:
            values = [MISSING if value is None else value for value in values]
        return Message(self.pieces, tuple(values), self.lang)


def _value_of(placeholder: Fn, env: list[Any]) -> Any:
    try:
        return placeholder(env)
    except Exception:
        return NOT_COMPUTABLE


def evaluation_error(rule: str, why: str, lang: str) -> Message:
    """The message of a rule that could not be evaluated: never its failure message, whose values may be
    missing, so untrue."""
    return Message((say("finding.evaluation_error", lang, rule=rule, why=why),), (), lang)


def format_value(value: Any, lang: str) -> str:
    """A value as `lang` writes it (`wording.CONVENTIONS`: decimal mark, dates, money)."""
    kind = type(value)  # the two commonest exact types first: the same text as the chain below
    if kind is Decimal:
        return _decimal(value, conventions(lang))
    if kind is dt.date:
        pattern = conventions(lang).date
        return value.strftime(pattern) if pattern else value.isoformat()
    if isinstance(value, bool):
        return say("finding.yes" if value else "finding.no", lang)
    if isinstance(value, dt.date):
        pattern = conventions(lang).date
        return value.strftime(pattern) if pattern else value.isoformat()
    if isinstance(value, FarDate):  # past 9999-12-31: later than every date a dossier can hold
        pattern = conventions(lang).date
        if not pattern:
            return value.isoformat()
        year, month, day = value.ymd
        return pattern.replace("%d", f"{day:02d}").replace("%m", f"{month:02d}").replace("%Y", str(year))
    if isinstance(value, Money):
        return format_money(value.amount, lang)
    if isinstance(value, Decimal):
        return _decimal(value, conventions(lang))
    if value is None:
        return "—"
    return str(value)


def _decimal(value: Decimal, way: Conventions) -> str:
    text = format(value, "f")
    return text if way.decimal_mark == "." else text.replace(".", way.decimal_mark)


def format_money(amount: Decimal | int, lang: str) -> str:
    """Euros the one French way, `1 600,00 €` (at least the cents, every decimal there is);
    `1,600.00 EUR`."""
    way = conventions(lang)
    value = Decimal(amount)
    sign, text = ("-" if value < 0 else ""), format(abs(value), "f")
    whole, _, cents = text.partition(".")
    cents = cents.ljust(2, "0")  # padded as text, not quantized: exact whatever the number of digits
    groups = [whole[max(i - 3, 0):i] for i in range(len(whole), 0, -3)][::-1]
    return way.money.format(amount=f"{sign}{way.thousands.join(groups)}{way.decimal_mark}{cents}")
