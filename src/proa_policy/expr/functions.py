"""The functions a condition may call: one small function each, registered in `FUNCTIONS`.

Adding a function is one definition and one line in the table; the compiler
checks arity and argument types against the signature at load time.

Calendar (docs/semantics.md, « Un seul calendrier »): the anniversary of a
date n months later is the same day, or the 1st of the following month when
that month has no such day. Arithmetic is total: a day past 9999-12-31 (or
before 0001-01-01) is a `FarDate`, later (earlier) than every real date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import total_ordering
from typing import Any, Callable

from proa_policy.expr.types import DATE, NUMBER, Type

_CYCLE_DAYS = 146097  # the Gregorian calendar repeats every 400 years, of exactly this many days
_MAX_ORDINAL = dt.date.max.toordinal()


@total_ordering
@dataclass(frozen=True, slots=True)
class FarDate:
    """A day outside dt.date's range (years 1–9999), by its Gregorian ordinal; compares with dates."""

    ordinal: int

    def toordinal(self) -> int:
        return self.ordinal

    @property
    def ymd(self) -> tuple[int, int, int]:
        cycles, rest = divmod(self.ordinal - 1, _CYCLE_DAYS)
        day = dt.date.fromordinal(rest + 1)
        return day.year + 400 * cycles, day.month, day.day

    def isoformat(self) -> str:
        year, month, day = self.ymd
        return f"{'+' if year > 0 else '-'}{abs(year):05d}-{month:02d}-{day:02d}"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (FarDate, dt.date)):
            return self.ordinal == other.toordinal()
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, (FarDate, dt.date)):
            return self.ordinal < other.toordinal()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ordinal)


Day = dt.date | FarDate


def _day(ordinal: int) -> Day:
    return dt.date.fromordinal(ordinal) if 1 <= ordinal <= _MAX_ORDINAL else FarDate(ordinal)


def _ordinal(year: int, month: int, day: int) -> int:
    cycles, rest = divmod(year - 1, 400)
    return dt.date(rest + 1, month, day).toordinal() + cycles * _CYCLE_DAYS


def _ymd(day: Day) -> tuple[int, int, int]:
    return (day.year, day.month, day.day) if isinstance(day, dt.date) else day.ymd


def anniversary(day: Day, months: Decimal | int) -> Day:
    """The same day `months` later; the 1st of the next month when that month lacks the day
    (31 Jan + 1 = 1 Mar)."""
    if type(day) is dt.date:  # the common case, answered without ordinals: the same day as `_anniversary`
        year, month = divmod(day.year * 12 + day.month - 1 + int(months), 12)
        if 1 <= year <= 9999:
            try:
                return dt.date(year, month + 1, day.day)
            except ValueError:
                pass  # no such day in that month
    return _anniversary(day, months)


def _anniversary(day: Day, months: Decimal | int) -> Day:
    """`anniversary` on any day, by Gregorian ordinals (the reference its fast path is tested against)."""
    y, m, d = _ymd(day)
    year, month = divmod(y * 12 + m - 1 + int(months), 12)
    try:
        return _day(_ordinal(year, month + 1, d))
    except ValueError:  # no such day in that month: the 1st of the next one
        year, month = divmod(year * 12 + month + 1, 12)
        return _day(_ordinal(year, month + 1, 1))


def add_days(day: Day, days: Decimal | int) -> Day:
    return _day(day.toordinal() + int(days))


def years_between(start: Day, end: Day) -> int:
    """Completed years from `start` to `end` (age): the largest n with anniversary(start, 12 n) <= end."""
    return _completed(start, end, 12)


def months_between(start: Day, end: Day) -> int:
    """Completed months: the largest n with anniversary(start, n) <= end (negative when end < start)."""
    return _completed(start, end, 1)


def _completed(start: Day, end: Day, step: int) -> int:
    if type(start) is dt.date and type(end) is dt.date and start.day <= 28:
        # every month has the start's day: anniversary(start, k) is (y0, m0 + k, d0), compared as a tuple
        months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
        return months // step
    return _completed_by_search(start, end, step)


def _completed_by_search(start: Day, end: Day, step: int) -> int:
    """`_completed` on any days, by trying anniversaries (the reference its fast path is tested against)."""
    (y0, m0, _), (y1, m1, _) = _ymd(start), _ymd(end)
    n = ((y1 - y0) * 12 + (m1 - m0)) // step
    # the anniversary n steps later is in end's month or the next: at most one step too far, never short
    while anniversary(start, step * n) > end:
        n -= 1
    while anniversary(start, step * (n + 1)) <= end:
        n += 1
    return n


def days_between(start: Day, end: Day) -> int:
    return end.toordinal() - start.toordinal()


def round_half_up(value: Decimal | int, places: Decimal | int) -> Decimal:
    """Commercial rounding (half away from zero for positives), e.g. cents: round_half_up(x, 2)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


def round_down(value: Decimal | int, places: Decimal | int) -> Decimal:
    """Rounded towards −∞: a share below a bound never prints as the bound (14,9999… % → 14,99 %)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_FLOOR)


def round_up(value: Decimal | int, places: Decimal | int) -> Decimal:
    """Rounded towards +∞: a share above a bound never prints as the bound (25,0001 % → 25,01 %)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_CEILING)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in euros, for messages: printed `1 600,00 €` in French, `1,600.00 EUR` in English."""

    amount: Decimal


def euros(value: Decimal | int) -> Money:
    return Money(Decimal(value))


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


MONEY = Type("money")
FUNCTIONS: dict[str, Function] = {
    "anniversary": Function(anniversary, (DATE, NUMBER), DATE,
                            doc="même jour n mois plus tard, "
                                "ou le 1er du mois suivant quand ce jour manque"),
    "add_days": Function(add_days, (DATE, NUMBER), DATE, doc="n jours plus tard (n peut être négatif)"),
    "years_between": Function(years_between, (DATE, DATE), NUMBER, doc="années révolues entre deux dates"),
    "months_between": Function(months_between, (DATE, DATE), NUMBER, doc="mois révolus entre deux dates"),
    "days_between": Function(days_between, (DATE, DATE), NUMBER,
                             doc="nombre de jours de la première à la seconde date"),
    "round_half_up": Function(round_half_up, (NUMBER, NUMBER), NUMBER,
                              doc="arrondi commercial à n décimales"),
    "round_down": Function(round_down, (NUMBER, NUMBER), NUMBER, doc="arrondi par défaut à n décimales"),
    "round_up": Function(round_up, (NUMBER, NUMBER), NUMBER, doc="arrondi par excès à n décimales"),
    "euros": Function(euros, (NUMBER,), MONEY, doc="un montant en euros, pour les messages (1 600,00 €)"),
    "max": Function(maximum, (NUMBER,), NUMBER, variadic=True, doc="le plus grand de plusieurs nombres"),
    "min": Function(minimum, (NUMBER,), NUMBER, variadic=True, doc="le plus petit de plusieurs nombres"),
}
#: `if(condition, then, else)` is special: only the chosen branch is evaluated (see compiler).
SPECIAL_FORMS = {"if": "si la condition est vraie, la première valeur, sinon la seconde"}
