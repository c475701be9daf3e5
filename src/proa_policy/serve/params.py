"""Query parameters as on the command line (`explain`, `as_of`, `lang`): a bad value is a 400, said."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from proa_policy.engine.batch import Options

_TRUE, _FALSE = {"true", "1", "yes", "oui"}, {"false", "0", "no", "non", ""}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
LANGS = ("fr", "en")


class BadParameter(Exception):
    """A query parameter with a value the CLI would refuse too; the message names it."""


def flag(query: Mapping[str, str], name: str) -> bool:
    value = query.get(name)
    if value is None:
        return False
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise BadParameter(f"`{name}` : `{value[:40]}` n'est pas un booléen (true ou false)")


def date(query: Mapping[str, str], name: str) -> dt.date | None:
    value = query.get(name)
    if value is None or value == "":
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"`{name}` : `{value[:40]}` n'est pas une date réelle (AAAA-MM-JJ)") from None


def lang(query: Mapping[str, str]) -> str:
    value = query.get("lang", "fr")
    if value not in LANGS:
        raise BadParameter(f"`lang` : `{value[:40]}` n'est pas une langue prise en charge (fr ou en)")
    return value


def options(query: Mapping[str, str]) -> Options:
    """The evaluation options of a request, as `evaluate --explain --as-of --lang` would take them."""
    return Options(as_of=date(query, "as_of"), lang=lang(query), explain=flag(query, "explain"))
