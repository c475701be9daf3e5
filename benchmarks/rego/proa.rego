# The accord's 18 rules in Rego: the peer engines' side of the benchmark (benchmarks/peers.py).
#
# Written from policies/pro-a-interim-cdi/*.yaml and benchmarks/reference.py, for valid dossiers only
# (as the dossier schema accepts them). The legal numbers are not here: `data.params` holds the policy
# set's parameters, `data.annex` its annex codes and `data.kinds` each rule's kind, all read from the
# policy files by benchmarks/peers.py, so this file keeps only the shape of the rules.
#
# Two interpretations a Rego engine forces, stated so that a disagreement can be traced:
# - numbers: OPA computes with binary big floats (150.1 * 100 != 15010), so every number is compared
#   as an integer count of ten-thousandths (`fixed`). Exact for numbers of at most 4 decimal places
#   and of a dossier's magnitudes, which is what benchmarks/generate.py writes (all below 10^5);
#   proa-policy itself is exact for any number.
# - dates: "YYYY-MM-DD" as day numbers (days from civil, H. Hinnant). `data.calendar` says how a date
#   n months later is found: "clamp" (the same day, or the month's last day) or "anniversary" (the
#   same day, or the 1st of the following month), as the policy files' computed end dates do.
package proa

import rego.v1

p := data.params

# --- numbers and dates -----------------------------------------------------------------------------

fixed(x) := round(x * 10000)

idiv(a, b) := (a - (a % b)) / b # a >= 0, b > 0

ymd(s) := [y, m, d] if {
	parts := split(s, "-")
	y := to_number(parts[0])
	m := to_number(trim_left(parts[1], "0")) # "05": a leading zero is no JSON number
	d := to_number(trim_left(parts[2], "0"))
}

leap(y) if {
	y % 4 == 0
	y % 100 != 0
}

leap(y) if y % 400 == 0

month_days := [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

days_in(y, m) := 29 if {
	m == 2
	leap(y)
} else := month_days[m - 1]

# the day of month `d` in month `m` of year `y`, when that month is too short for it
short_month(y, m, d) := [y, m, days_in(y, m)] if data.calendar == "clamp"

short_month(y, m, d) := [y + 1, 1, 1] if {
	data.calendar == "anniversary"
	m == 12
}

short_month(y, m, d) := [y, m + 1, 1] if {
	data.calendar == "anniversary"
	m < 12
}

months_later(date, n) := [y, m, date[2]] if {
	i := ((date[0] * 12) + date[1] - 1) + n
	y := idiv(i, 12)
	m := (i % 12) + 1
	date[2] <= days_in(y, m)
} else := short_month(y, m, date[2]) if {
	i := ((date[0] * 12) + date[1] - 1) + n
	y := idiv(i, 12)
	m := (i % 12) + 1
}

march_year(y, m) := y - 1 if m <= 2 else := y

day_number(date) := ((era * 146097) + doe) - 719468 if {
	y := march_year(date[0], date[1])
	era := idiv(y, 400)
	yoe := y - (era * 400)
	doy := (idiv((153 * ((date[1] + 9) % 12)) + 2, 5) + date[2]) - 1
	doe := (((yoe * 365) + idiv(yoe, 4)) - idiv(yoe, 100)) + doy
}

birthday_later(birth, on) := 1 if ((on[1] * 100) + on[2]) < ((birth[1] * 100) + birth[2]) else := 0

years_completed(birth, on) := (on[0] - birth[0]) - birthday_later(birth, on)

# --- the dossier -----------------------------------------------------------------------------------

pro_a := input.pro_a

start := ymd(pro_a.start_date)

start_day := day_number(start)

end_day := day_number(ymd(pro_a.end_date))

training := fixed(pro_a.training_hours)

total := fixed(pro_a.total_hours)

certification := pro_a.certification

# computed: priority public (art. 4, al. 1)
priority_youth if {
	age := years_completed(ymd(input.employee.birth_date), start)
	age >= p.priority_youth_min_age
	age <= p.priority_youth_max_age
	not input.employee.upper_secondary_completed
	not input.employee.vocational_diploma
}

priority if priority_youth

priority if input.employee.job_seeker_over_one_year

priority if input.employee.social_minima_or_cui

# computed: funding ceiling in cents, rounded half up (art. 6, al. 2)
ceiling_cents := idiv((fixed(p.hourly_rate_eur) * training) + 500000, 1000000)

# --- the rules: each contains its id when it fails ---------------------------------------------------

failing contains "art8.entry_into_force" if start_day < day_number(ymd(p.entry_into_force))

failing contains "art7.employer_kind" if not input.employer.kind in {"ETT", "ETTI"}

failing contains "art7.territory" if not input.employer.territory in {"metropole", "drom", "com"}

failing contains "art2.cdi_interimaire" if input.employee.contract != "cdi_interimaire"

failing contains "art3_1.clea_by_training" if {
	certification.kind in {"clea", "clea_numerique"}
	pro_a.pathway != "training"
}

failing contains "art3.rncp_listed" if {
	certification.kind == "rncp"
	not data.annex.codes[certification.rncp]
}

failing contains "annexe.rncp_extended" if {
	certification.kind == "rncp"
	data.annex.codes[certification.rncp]
	not data.annex.extended_codes[certification.rncp]
}

failing contains "art4.duration_min" if end_day < day_number(months_later(start, p.min_duration_months)) - 1

failing contains "art4.duration_max" if {
	not priority
	end_day > day_number(months_later(start, p.max_duration_months)) - 1
}

failing contains "art4.duration_max_priority" if {
	priority
	end_day > day_number(months_later(start, p.max_duration_months_priority)) - 1
}

failing contains "art4.training_share_min" if (training * 100) < (p.training_share_min_percent * total)

failing contains "art4.training_share_max" if (training * 100) > (p.training_share_max_percent * total)

failing contains "art4.training_floor" if training < p.training_min_hours * 10000

failing contains "art5.amendment_signed" if not pro_a.contract_amendment.signed

failing contains "art5.amendment_filed" if not pro_a.contract_amendment.filed_with_akto

failing contains "art5.tutor" if not pro_a.tutor_designated

failing contains "art5.remuneration_maintained" if {
	pro_a.training_time in {"working_time", "mixed"}
	pay := pro_a.remuneration
	minimum := max([fixed(pay.mission_reference_monthly), fixed(pay.guaranteed_minimum_monthly)])
	fixed(pay.maintained_monthly) < minimum
}

failing contains "art6.funding_within_ceiling" if {
	input.funding.requested_amount != null
	fixed(input.funding.requested_amount) > ceiling_cents * 100
}

# --- the verdict: invalid > not_applicable > ineligible > incomplete > eligible ------------------------

failing_of(kind) := {id | some id in failing; data.kinds[id] == kind}

verdict := "not_applicable" if count(failing_of("applicability")) > 0
else := "ineligible" if count(failing_of("eligibility")) > 0
else := "incomplete" if count(failing_of("formality")) > 0
else := "eligible"

decision := {
	"verdict": verdict,
	"violations": [id | some id in failing; data.kinds[id] != "warning"],
	"warnings": [id | some id in failing; data.kinds[id] == "warning"],
	"ceiling_cents": ceiling_cents,
}
