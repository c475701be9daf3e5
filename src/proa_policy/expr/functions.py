"""The functions a condition may call: one small function each, registered in `FUNCTIONS`.

Adding a function is one definition and one line in the table; the compiler
checks arity and argument types against the signature at load time.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

from .types import DATE, NUMBER, Type


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: Decimal | int) -> dt.date:
    """The same day `months` later, clamped to the last day of the target month (31 Jan + 1 = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + int(months), 12)
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    last = 29 if month == 1 and calendar.isleap(year) else _MONTH_DAYS[month]
    return dt.date(year, month + 1, day.day if day.day <= last else last)


def add_days(day: dt.date, days: Decimal | int) -> dt.date:
    return day + dt.timedelta(days=int(days))


def years_between(start: dt.date, end: dt.date) -> int:
    """Completed years from `start` to `end` (age). Born on 29 February: a year completes on 1 March in non-leap years."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def months_between(start: dt.date, end: dt.date) -> int:
    """Completed months: the largest n with add_months(start, n) <= end (negative when end < start)."""
    n = (end.year - start.year) * 12 + (end.month - start.month)
    # start + n months falls in end's month: at most one month too far, never short
    return n - 1 if add_months(start, n) > end else n


def days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


def round_half_up(value: Decimal | int, places: Decimal | int) -> Decimal:
    """Commercial rounding (half away from zero for positives), e.g. cents: round_half_up(x, 2)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


def maximum(*values: Any) -> Any:
    return max(values)


def minimum(*values: Any) -> Any:
    return min(values)


@dataclass(frozen=True, slots=True)
class Function:
    impl: Callable[..., Any]
    params: tuple[Type, ...]
    returns: Type
    variadic: bool = False
    doc: str = ""


FUNCTIONS: dict[str, Function] = {
    "add_months": Function(add_months, (DATE, NUMBER), DATE, doc="même jour n mois plus tard, ramené au dernier jour du mois"),
    "add_days": Function(add_days, (DATE, NUMBER), DATE, doc="n jours plus tard (n peut être négatif)"),
    "years_between": Function(years_between, (DATE, DATE), NUMBER, doc="années révolues entre deux dates"),
    "months_between": Function(months_between, (DATE, DATE), NUMBER, doc="mois révolus entre deux dates"),
    "days_between": Function(days_between, (DATE, DATE), NUMBER, doc="nombre de jours de la première à la seconde date"),
    "round_half_up": Function(round_half_up, (NUMBER, NUMBER), NUMBER, doc="arrondi commercial à n décimales"),
    "max": Function(maximum, (NUMBER,), NUMBER, variadic=True, doc="le plus grand de plusieurs nombres"),
    "min": Function(minimum, (NUMBER,), NUMBER, variadic=True, doc="le plus petit de plusieurs nombres"),
}
#: `if(condition, then, else)` is special: only the chosen branch is evaluated (see compiler).
SPECIAL_FORMS = {"if": "si la condition est vraie, la première valeur, sinon la seconde"}
