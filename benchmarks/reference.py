"""A hand-written, pure-Python implementation of the accord's rules: the benchmark baseline.

This is *not* the product. It is the fastest straightforward way to write the
same rules as `policies/pro-a-interim-cdi/*.yaml` by hand, so that
`benchmarks/run.py` can say what the policy engine costs over plain code, and
check that both agree on every dossier. It assumes a *valid* dossier (as the
JSON Schema accepts it, numbers as int or Decimal, dates as ISO text) and
knows only the rules in force from 2021-05-12 (no dated parameter changes).
Two things it reads from the policy files rather than restating them, so that it
follows the policy set across a change of kind or calendar: which rules are
formalities (a failure of only those makes the dossier `incomplete`), and whether
end dates use `anniversary` (the 1st of the next month when the day is missing)
or the month's last day.

`decide(dossier) -> (verdict, failing rule ids, funding ceiling)`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

# --- the legal numbers (accord of 22 January 2021, as extended) -------------------------
ENTRY_INTO_FORCE = dt.date(2021, 5, 12)        # art. 8 (arrêté du 29 avril 2021, JORF 11 mai 2021)
EMPLOYER_KINDS = frozenset({"ETT", "ETTI"})    # art. 7
TERRITORIES = frozenset({"metropole", "drom", "com"})  # art. 7
MIN_DURATION_MONTHS = 6                        # art. 4, al. 1
MAX_DURATION_MONTHS = 12                       # art. 4, al. 1
MAX_DURATION_MONTHS_PRIORITY = 36              # art. 4, al. 1 (publics prioritaires)
PRIORITY_YOUTH_MIN_AGE = 16                    # art. 4, al. 1 (« de 16 à 25 ans révolus »)
PRIORITY_YOUTH_MAX_AGE = 25
TRAINING_SHARE_MIN_PERCENT = 15                # art. 4, al. 2
TRAINING_SHARE_MAX_PERCENT = 25                # art. 4, al. 2
TRAINING_MIN_HOURS = 150                       # art. 4, al. 2
HOURLY_RATE_EUR = Decimal(17)                  # art. 6, al. 2
CENT = Decimal("0.01")

POLICY_DIR = Path(__file__).resolve().parents[1] / "policies" / "pro-a-interim-cdi"
ANNEX_PATH = POLICY_DIR / "annexe.yaml"


def _load_annex(path: Path = ANNEX_PATH) -> tuple[frozenset[str], frozenset[str]]:
    """(every code of the annex, the codes that appear in at least one row not excluded from the
    extension)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    rows = [r for r in data["rows"] if r.get("rncp")]
    codes = frozenset(r["rncp"] for r in rows)
    extended = frozenset(r["rncp"] for r in rows if not r.get("excluded_from_extension"))
    return codes, extended


ANNEX_CODES, ANNEX_EXTENDED_CODES = _load_annex()


def _formalities(folder: Path = POLICY_DIR) -> frozenset[str]:
    """The rules of kind `formality` (a failure makes the dossier « à compléter »), if the set has any."""
    found = set()
    for path in sorted(folder.glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        found.update(r["id"] for r in (data or {}).get("rules") or () if r.get("kind") == "formality")
    return frozenset(found)


FORMALITIES = _formalities()
# The calendar of the policy files' end dates: the same day n months later, else the month's last day
# (`add_months`), or else the 1st of the following month (`anniversary`, docs/semantics.md).
ANNIVERSARY = "anniversary(" in (POLICY_DIR / "article-04.yaml").read_text(encoding="utf-8")

_fromiso = dt.date.fromisoformat
_ONE_DAY = dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later; when the month is too short, its last day (or the 1st of the next month)."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return dt.date(year, month, day.day)
    if not ANNIVERSARY:
        return dt.date(year, month, last)
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def age_completed(birth: dt.date, on: dt.date) -> int:
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def decide(dossier: dict[str, Any]) -> tuple[str, frozenset[str], Decimal]:
    employer = dossier["employer"]
    employee = dossier["employee"]
    pro_a = dossier["pro_a"]
    start = _fromiso(pro_a["start_date"])
    end = _fromiso(pro_a["end_date"])
    training = pro_a["training_hours"]
    total = pro_a["total_hours"]
    failing: list[str] = []

    # applicability (art. 7, 8)
    if start < ENTRY_INTO_FORCE:
        failing.append("art8.entry_into_force")
    if employer["kind"] not in EMPLOYER_KINDS:
        failing.append("art7.employer_kind")
    if employer["territory"] not in TERRITORIES:
        failing.append("art7.territory")
    not_applicable = bool(failing)

    # eligibility (art. 2 to 5, annex)
    if employee["contract"] != "cdi_interimaire":
        failing.append("art2.cdi_interimaire")
    certification = pro_a["certification"]
    kind = certification["kind"]
    if kind == "rncp":
        code = certification["rncp"]
        if code not in ANNEX_CODES:
            failing.append("art3.rncp_listed")
        elif code not in ANNEX_EXTENDED_CODES:
            failing.append("annexe.rncp_extended")
    elif pro_a["pathway"] != "training":  # clea, clea_numerique
        failing.append("art3_1.clea_by_training")

    if end < add_months(start, MIN_DURATION_MONTHS) - _ONE_DAY:
        failing.append("art4.duration_min")
    age = age_completed(_fromiso(employee["birth_date"]), start)
    priority = (
        (PRIORITY_YOUTH_MIN_AGE <= age <= PRIORITY_YOUTH_MAX_AGE
         and not employee["upper_secondary_completed"] and not employee["vocational_diploma"])
        or employee["job_seeker_over_one_year"]
        or employee["social_minima_or_cui"]
    )
    # two rules since 1f42987: the 12-month maximum, and the 36-month one for priority publics
    if priority:
        if end > add_months(start, MAX_DURATION_MONTHS_PRIORITY) - _ONE_DAY:
            failing.append("art4.duration_max_priority")
    elif end > add_months(start, MAX_DURATION_MONTHS) - _ONE_DAY:
        failing.append("art4.duration_max")
    if training * 100 < TRAINING_SHARE_MIN_PERCENT * total:
        failing.append("art4.training_share_min")
    if training * 100 > TRAINING_SHARE_MAX_PERCENT * total:
        failing.append("art4.training_share_max")
    if training < TRAINING_MIN_HOURS:
        failing.append("art4.training_floor")

    amendment = pro_a["contract_amendment"]
    if not amendment["signed"]:
        failing.append("art5.amendment_signed")
    if not amendment["filed_with_akto"]:
        failing.append("art5.amendment_filed")
    if not pro_a["tutor_designated"]:
        failing.append("art5.tutor")
    if pro_a["training_time"] != "outside_working_time":  # working_time or mixed
        pay = pro_a["remuneration"]
        floor = max(pay["mission_reference_monthly"], pay["guaranteed_minimum_monthly"])
        if pay["maintained_monthly"] < floor:
            failing.append("art5.remuneration_maintained")

    ceiling = (HOURLY_RATE_EUR * training).quantize(CENT, rounding=ROUND_HALF_UP)
    if not_applicable:
        verdict = "not_applicable"
    elif any(rule not in FORMALITIES for rule in failing):
        verdict = "ineligible"
    elif failing:
        verdict = "incomplete"
    else:
        verdict = "eligible"
    return verdict, frozenset(failing), ceiling


def funding_warning(dossier: dict[str, Any], ceiling: Decimal) -> bool:
    """art6.funding_within_ceiling (a warning, never a violation): the amount asked exceeds the ceiling."""
    funding = dossier.get("funding")
    return funding is not None and funding["requested_amount"] > ceiling
