"""Seeded generator of schema-valid Pro-A dossiers, spread across verdicts, with boundary values.

Each dossier aims at a verdict (about 35 % eligible, 40 % ineligible, 25 % not
applicable) by breaking none, some eligibility rules, or some applicability
rules; the verdict itself is whatever the rules say (the aim only shapes the
mix). Boundary values are frequent on purpose: start on the day of entry
into force or the day before, ends on the earliest / latest allowed day or
one day off, training exactly 150 h or just under, training share exactly
15 % or 25 %, ages 16 / 25 / 26 around the birthday, 29 February births,
month-end starts, remuneration exactly at the floor or one cent under.

Fractional numbers are `Decimal` with few digits, so that each one is written
to JSON as a number that reads back as the same decimal.

    python benchmarks/generate.py N [--seed S] > dossiers.jsonl
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import sys
from decimal import Decimal
from typing import Any, Iterator

from reference import ANNEX_CODES, ANNEX_EXTENDED_CODES

ENTRY = dt.date(2021, 5, 12)
EXTENDED = sorted(ANNEX_EXTENDED_CODES)
EXCLUDED_ONLY = sorted(ANNEX_CODES - ANNEX_EXTENDED_CODES)
ELIGIBILITY_GROUPS = ("contract", "certification", "duration_min", "duration_max", "share_min", "share_max",
                      "floor", "signed", "filed", "tutor", "remuneration")
APPLICABILITY_GROUPS = ("date", "kind", "territory")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February → 28 February in a common year)."""
    year = day.year - years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _hours(rng: random.Random, low: int, high: int) -> int | Decimal:
    """Whole hours most of the time, sometimes with one or two decimals."""
    whole = rng.randint(low, high)
    roll = rng.random()
    if roll < 0.7:
        return whole
    places = 1 if roll < 0.85 else 2
    return Decimal(rng.randint(whole * 10 ** places, (whole + 1) * 10 ** places - 1)).scaleb(-places)


def _money(rng: random.Random, low: int, high: int) -> int | Decimal:
    if rng.random() < 0.5:
        return rng.randint(low, high)
    return Decimal(rng.randint(low * 100, high * 100)).scaleb(-2)


def _start_date(rng: random.Random, applicable: bool) -> dt.date:
    roll = rng.random()
    if applicable:
        if roll < 0.08:
            return ENTRY
        day = ENTRY + dt.timedelta(days=rng.randint(0, 6 * 365))
        if roll < 0.2:  # month ends and 29 February: add_months clamps
            last = calendar.monthrange(day.year, day.month)[1]
            day = day.replace(day=last)
            if roll < 0.13 and calendar.isleap(day.year):
                day = dt.date(day.year, 2, 29)
        return day
    if roll < 0.3:
        return ENTRY - dt.timedelta(days=1)
    return ENTRY - dt.timedelta(days=rng.randint(1, 3 * 365))


def _birth_date(rng: random.Random, start: dt.date) -> dt.date:
    roll = rng.random()
    if roll < 0.08:  # leap-day births
        year = rng.choice([y for y in range(start.year - 40, start.year - 15) if calendar.isleap(y)])
        return dt.date(year, 2, 29)
    if roll < 0.5:  # around the 16th and the 26th birthday
        years = rng.choice((16, 26))
        return _years_before(start, years) + dt.timedelta(days=rng.choice((-1, 0, 1)))
    return start - dt.timedelta(days=rng.randint(15 * 365, 62 * 365))


def dossier(rng: random.Random, index: int) -> dict[str, Any]:
    aim = rng.random()
    broken: set[str] = set()
    if aim < 0.25:  # not applicable: one or two applicability rules, maybe some eligibility ones too
        broken.update(rng.sample(APPLICABILITY_GROUPS, rng.choice((1, 1, 1, 2))))
        if rng.random() < 0.5:
            broken.update(rng.sample(ELIGIBILITY_GROUPS, rng.randint(1, 3)))
    elif aim < 0.65:  # ineligible: one to three eligibility rules
        broken.update(rng.sample(ELIGIBILITY_GROUPS, rng.choice((1, 1, 1, 2, 3))))

    start = _start_date(rng, "date" not in broken)
    birth = _birth_date(rng, start)
    upper_secondary = rng.random() < 0.5
    vocational = rng.random() < 0.4
    job_seeker = rng.random() < 0.15
    social_minima = rng.random() < 0.1
    youth = 16 <= _age(birth, start) <= 25 and not upper_secondary and not vocational
    priority = youth or job_seeker or social_minima

    # duration (art. 4): the earliest / latest end, and a day either side
    earliest = _add_months(start, 6) - dt.timedelta(days=1)
    latest = _add_months(start, 36 if priority else 12) - dt.timedelta(days=1)
    roll = rng.random()
    if "duration_min" in broken:
        end = earliest - dt.timedelta(days=1 if roll < 0.4 else rng.randint(1, 150))
    elif "duration_max" in broken:
        end = latest + dt.timedelta(days=1 if roll < 0.4 else rng.randint(1, 400))
    elif roll < 0.2:
        end = earliest
    elif roll < 0.4:
        end = latest
    else:
        end = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))

    # training hours and share (art. 4): 150 h floor, 15 % to 25 % of the total
    training = 150 if rng.random() < 0.15 else _hours(rng, 150, 900)
    if "floor" in broken:
        training = Decimal("149.99") if rng.random() < 0.3 else _hours(rng, 20, 149)
    t = Decimal(training)
    roll = rng.random()
    if "share_min" in broken:  # share under 15 %
        total = t * 100 / 15 + (Decimal("0.01") if roll < 0.3 else _hours(rng, 1, 3000))
    elif "share_max" in broken:  # share over 25 %
        total = t * 4 - (Decimal("0.01") if roll < 0.3 else _hours(rng, 1, 100) * t / 200)
    elif roll < 0.15 and training == int(training) and int(training) % 3 == 0:
        total = t * 100 / 15  # exactly 15 %
    elif roll < 0.3:
        total = t * 4  # exactly 25 %
    else:
        total = t * rng.randint(4000, 6600) / 1000
    total = _tidy(total)
    training = _tidy(training)
    if total <= 0:
        total = Decimal("0.5")

    # certification (art. 3, 3.1, annex)
    if "certification" in broken:
        roll = rng.random()
        if roll < 0.35:
            certification, pathway = {"kind": rng.choice(("clea", "clea_numerique"))}, "vae"
        elif roll < 0.7 and EXCLUDED_ONLY:
            certification, pathway = {"kind": "rncp", "rncp": rng.choice(EXCLUDED_ONLY)}, rng.choice(("training", "vae"))
        else:
            code = f"RNCP{rng.randint(1, 999999)}"
            while code in ANNEX_CODES:
                code = f"RNCP{rng.randint(1, 999999)}"
            certification, pathway = {"kind": "rncp", "rncp": code}, rng.choice(("training", "vae"))
    elif rng.random() < 0.35:
        certification, pathway = {"kind": rng.choice(("clea", "clea_numerique"))}, "training"
    else:
        certification, pathway = {"kind": "rncp", "rncp": rng.choice(EXTENDED)}, rng.choice(("training", "training", "vae"))

    # remuneration (art. 5), required by the schema unless training is wholly outside working time
    training_time = "outside_working_time" if "remuneration" not in broken and rng.random() < 0.25 else rng.choice(("working_time", "mixed"))
    pro_a: dict[str, Any] = {
        "purpose": rng.choice(("reconversion", "promotion")),
        "pathway": pathway,
        "certification": certification,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "total_hours": total,
        "training_hours": training,
        "training_time": training_time,
        "contract_amendment": {"signed": "signed" not in broken, "filed_with_akto": "filed" not in broken},
        "tutor_designated": "tutor" not in broken,
    }
    if training_time != "outside_working_time" or rng.random() < 0.3:
        mission = _money(rng, 1200, 4000)
        minimum = _money(rng, 1200, 2000)
        floor = max(mission, minimum)
        roll = rng.random()
        if "remuneration" in broken:
            maintained = floor - (Decimal("0.01") if roll < 0.4 else _money(rng, 1, 800))
            maintained = max(maintained, 0)
        elif roll < 0.3:
            maintained = floor
        else:
            maintained = floor + _money(rng, 0, 900)
        pro_a["remuneration"] = {"maintained_monthly": _tidy(maintained), "mission_reference_monthly": mission,
                                 "guaranteed_minimum_monthly": minimum}

    document: dict[str, Any] = {
        "id": f"bench-{index:07d}",
        "employer": {
            "kind": "other" if "kind" in broken else rng.choice(("ETT", "ETT", "ETTI")),
            "territory": "other" if "territory" in broken else rng.choice(("metropole", "metropole", "drom", "com")),
        },
        "employee": {
            "birth_date": birth.isoformat(),
            "contract": rng.choice(("contrat_de_mission", "other")) if "contract" in broken else "cdi_interimaire",
            "upper_secondary_completed": upper_secondary,
            "vocational_diploma": vocational,
            "job_seeker_over_one_year": job_seeker,
            "social_minima_or_cui": social_minima,
        },
        "pro_a": pro_a,
    }
    if rng.random() < 0.5:  # art. 6: sometimes at the ceiling, sometimes over it (a warning only)
        ceiling = 17 * Decimal(training)
        roll = rng.random()
        requested = ceiling if roll < 0.3 else ceiling + Decimal("0.01") if roll < 0.5 else ceiling * rng.randint(50, 130) / 100
        document["funding"] = {"requested_amount": _tidy(requested)}
    return document


def _tidy(value: int | Decimal) -> int | Decimal:
    """Integers as int; other values as a Decimal with at most 4 places (rounded down, never to 0 from above)."""
    if isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    tidy = value.quantize(Decimal("0.0001"), rounding="ROUND_DOWN").normalize()
    if tidy == 0:
        tidy = Decimal("0.0001")
    if tidy != value and tidy == tidy.to_integral_value():
        return int(tidy)
    return tidy


def dossiers(n: int, seed: int = 20210122) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for index in range(n):
        yield dossier(rng, index)


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        as_float = float(value)
        if Decimal(repr(as_float)) != value:  # would not read back as the same decimal
            raise ValueError(f"{value} does not survive JSON as a number")
        return as_float
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(document: dict[str, Any]) -> str:
    """One JSON Lines record; every Decimal is written as a number that reads back as the same decimal."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_number)


def write_jsonl(path: str, n: int, seed: int = 20210122, progress: Any = None) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for index, document in enumerate(dossiers(n, seed)):
            out.write(dumps(document) + "\n")
            if progress is not None and index and index % 100_000 == 0:
                progress(index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=20210122)
    args = parser.parse_args()
    for document in dossiers(args.n, args.seed):
        sys.stdout.write(dumps(document) + "\n")


if __name__ == "__main__":
    main()
