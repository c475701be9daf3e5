"""The invariants of the accord, as hypothesis properties (issue 3, section 3).

Each test is one invariant; its docstring quotes the sentence of the accord it protects. The numbers of
the accord are never written here: they are read from the policy set under test (`Accord`, in
`tests/strategies.py`), so the invariants follow the policy when it changes.

The policy set under test is the shipped one, or the folder named by `PROA_POLICY_POLICIES` (the
mutation check, `tools/mutate.py`, points it at a mutant of the shipped set). With
`PROA_POLICY_MUTATION=1`, hypothesis does not shrink a failure: the first counterexample is enough to
say that a mutant was caught.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, assume, example, given, settings
from hypothesis import strategies as st

from proa_policy import Decision, load_policies
from proa_policy.engine.decision import ELIGIBLE, INCOMPLETE, INELIGIBLE, INVALID, NOT_APPLICABLE, VERDICTS
from proa_policy.read.documents import load_text
from proa_policy.dossier.schema import normalize
from proa_policy.authoring.cases import load_cases

from ..conftest import BASE
from ..strategies import (
    BREAKS,
    ONE_DAY,
    Accord,
    SchemaNotSupported,
    _get,
    _set,
    as_floats,
    between,
    damaged,
    eligible_dossiers,
    from_schema,
    json_values,
    outside_codes,
    repair,
    schema_enum,
    shuffled,
    single_violations,
    to_json,
    to_yaml,
)

if os.environ.get("PROA_POLICY_MUTATION"):
    settings.register_profile("mutation", parent=settings.get_profile("ci"),
                              phases=(Phase.explicit, Phase.reuse, Phase.generate), database=None)
    settings.load_profile("mutation")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "dossiers"
POLICIES = load_policies(os.environ.get("PROA_POLICY_POLICIES") or None)
ACCORD = Accord(POLICIES)
SCHEMA = ACCORD.schema
KIND_VERDICT = {"applicability": NOT_APPLICABLE, "eligibility": INELIGIBLE, "formality": INCOMPLETE}
INTERNAL = "erreur interne"

schema_dossiers = from_schema(SCHEMA)
eligible = eligible_dossiers(ACCORD)
singles = single_violations(ACCORD)
valid_dossiers = st.one_of(schema_dossiers, eligible, singles.map(lambda t: t[2]))
anything = st.one_of(valid_dossiers, damaged(valid_dossiers), json_values)


# --- helpers ----------------------------------------------------------------------------------------

def decide(dossier: Any, **options: Any) -> Decision:
    """Evaluate, and check what every decision owes: a Decision, a known verdict, no internal error."""
    decision = POLICIES.evaluate(dossier, **options)
    assert isinstance(decision, Decision)
    assert decision.verdict in VERDICTS
    texts = [e.message for e in decision.errors] + [
        f.message for f in (*decision.violations, *decision.warnings)
    ]
    assert not [t for t in texts if INTERNAL in t], texts
    return decision


def failing(decision: Decision) -> set[str]:
    return {v.rule for v in decision.violations}


def start(dossier: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(dossier["pro_a"]["start_date"])


def check_precedence(decision: Decision) -> None:
    if decision.verdict == INVALID:
        assert decision.errors and not decision.violations and not decision.warnings
        return
    assert not decision.errors
    for finding in decision.violations:
        assert finding.kind == ACCORD.rule_kinds[finding.rule] != "warning", finding
    for finding in decision.warnings:
        assert finding.kind == ACCORD.rule_kinds[finding.rule] == "warning", finding
    kinds = {f.kind for f in decision.violations}
    assert decision.verdict == by_precedence(kinds), (decision.verdict, kinds)


def by_precedence(kinds: set[str]) -> str:
    """invalid > not_applicable > ineligible > incomplete > eligible (issue 10): formalities alone →
    incomplete."""
    if "applicability" in kinds:
        return NOT_APPLICABLE
    if "eligibility" in kinds:
        return INELIGIBLE
    return INCOMPLETE if "formality" in kinds else ELIGIBLE


def restated_verdict(dossier: Any) -> str:
    document, issues = normalize(dossier)
    if issues or not POLICIES.schema.is_valid(document):
        return INVALID
    return by_precedence({ACCORD.rule_kinds[r] for r in ACCORD.failures(document)})


def check_invariants(dossier: Any, decision: Decision) -> None:
    """Every invariant that can be said of one dossier and its decision."""
    check_precedence(decision)
    assert decision.verdict == restated_verdict(dossier), (decision.verdict, failing(decision))
    if decision.verdict == INVALID:
        return
    document, _ = normalize(dossier)
    assert failing(decision) == ACCORD.failures(document)
    assert {w.rule for w in decision.warnings} == ACCORD.warnings(document)
    assert decision.funding["ceiling_eur"] == ACCORD.ceiling(
        document["pro_a"]["training_hours"], start(document)
    )
    assert decision.computed == ACCORD.computed(document)


# --- the schema strategy ----------------------------------------------------------------------------

@given(schema_dossiers)
def test_schema_strategy_follows_the_schema(dossier):
    """« Every dossier follows the contract in `schemas/dossier.schema.json` » (examples/README.md): the
    dossiers generated from the schema are valid, so the invariants below run on real dossiers."""
    assert POLICIES.schema.is_valid(dossier)
    assert decide(dossier).verdict != INVALID


@pytest.mark.parametrize("schema", [
    {"type": "string", "format": "email"},
    {"type": "object", "additionalProperties": False, "minProperties": 1},
    {"type": "object", "properties": {}},
    {"type": "array", "items": {"type": "string"}},
    {"anyOf": [{"type": "string"}]},
])
def test_schema_walker_refuses_what_it_does_not_know(schema):
    """A schema keyword without a strategy is an error, so that the generator follows the schema as it
    grows."""
    with pytest.raises(SchemaNotSupported):
        from_schema(schema)


def test_schema_certification_code_is_rncp_and_digits_only():
    """« Code RNCP de la certification (par exemple RNCP34860) » (schéma): RNCP and 1 to 6 digits, nothing
    after, not even a final newline (which Python's `$` would let through)."""
    dossier = _set(BASE, "/pro_a/certification/rncp", ACCORD.extended(start(BASE))[0] + "\n")
    assert decide(dossier).verdict == INVALID


# --- totality, determinism, precedence ---------------------------------------------------------------

def _deep(levels: int) -> Any:
    value: Any = []
    for _ in range(levels):
        value = [value]
    return value


@given(json_values, st.sampled_from(["fr", "en"]), st.booleans())
@example(float("nan"), "fr", False)
@example({1: "non-text key"}, "fr", False)
@example({"id": "x", "employer": None, "employee": [], "pro_a": "", "funding": {}}, "en", True)
def test_totality_any_json_value_gives_a_decision(value, lang, explain):
    """Totality: « every JSON value given to the evaluator yields a Decision (invalid for non-dossiers),
    never an exception » (issue 3), and never an « erreur interne »."""
    decision = decide(value, lang=lang, explain=explain)
    if not isinstance(value, dict):
        assert decision.verdict == INVALID
    json.dumps(decision.to_dict(explain=explain))
    check_precedence(decision)


def test_totality_extreme_values_give_a_decision():
    """Totality at the limits: nesting deeper than Python's recursion, numbers of thousands of digits."""
    for value in (_deep(10_000), {"pro_a": _deep(500)}, {"id": "x", "pro_a": {"total_hours": 10 ** 5000}},
                  10 ** 5000, Decimal("1e999999"), Decimal("-sNaN"), float("-inf")):
        decision = decide(value, explain=True)
        assert decision.verdict == INVALID
        json.dumps(decision.to_dict(explain=True))


@given(damaged(valid_dossiers), st.sampled_from(["fr", "en"]), st.booleans())
def test_totality_damaged_dossiers_give_a_decision(dossier, lang, explain):
    """Totality on near-dossiers (a field deleted, replaced, or added): a Decision, invalid exactly when the
    schema says so, with the schema's errors; never an exception."""
    decision = decide(dossier, lang=lang, explain=explain)
    document, issues = normalize(dossier)
    assert (decision.verdict == INVALID) == bool(issues or not POLICIES.schema.is_valid(document))
    json.dumps(decision.to_dict(explain=explain))


@given(st.data(), valid_dossiers)
def test_determinism_same_dossier_same_decision(data, dossier):
    """Determinism: « same dossier, same decision; key order … [doesn't] matter » (issue 3). The dossier
    is not changed by its evaluation."""
    before = copy.deepcopy(dossier)
    first = decide(dossier, explain=True).to_dict(explain=True)
    assert dossier == before
    assert decide(copy.deepcopy(dossier), explain=True).to_dict(explain=True) == first
    assert decide(data.draw(shuffled(dossier)), explain=True).to_dict(explain=True) == first


@given(valid_dossiers)
def test_determinism_yaml_and_json_text_give_the_same_decision(dossier):
    """Determinism: « YAML vs JSON representation don't matter » (issue 3); a number is the decimal as
    written, a YAML date the same text as a JSON string."""
    expected = decide(dossier, explain=True).to_dict(explain=True)
    for name, text in (("dossier.json", to_json(dossier)), ("dossier.yaml", to_yaml(dossier))):
        assert load_text(name, text) == dossier, text
        assert decide(load_text(name, text), explain=True).to_dict(explain=True) == expected, name
    assert decide(as_floats(dossier), explain=True).to_dict(explain=True) == expected


@given(anything)
def test_precedence_and_eligible_iff_no_violation(dossier):
    """« Verdicts by precedence: `invalid` (schema errors) > `not_applicable` > `ineligible` > `incomplete` >
    `eligible`.
    Every rule is evaluated and every failing rule is listed » (examples/README.md): eligible iff no
    violation; a warning never changes the verdict."""
    check_precedence(decide(dossier))


@given(schema_dossiers)
def test_failing_rules_are_exactly_the_broken_conditions(dossier):
    """Every rule of the accord, restated condition by condition, fails exactly when the evaluator says so."""
    decision = decide(dossier)
    assert failing(decision) == ACCORD.failures(dossier)
    assert {w.rule for w in decision.warnings} == ACCORD.warnings(dossier)


@given(valid_dossiers)
def test_computed_values_are_what_the_accord_counts(dossier):
    """Art. 4 « les jeunes âgés de 16 à 25 ans révolus », durations « comprise entre 6 et 12 mois » in
    calendar
    months, the share « de la durée totale de la période »; art. 6 « 17 € de l'heure »: every value a decision
    shows is the one the accord counts."""
    decision = decide(dossier)
    assert decision.computed == ACCORD.computed(dossier)


@given(eligible)
def test_every_condition_met_means_eligible(dossier):
    """A dossier on the bounds of every condition is eligible: « comprise entre 6 et 12 mois », « jusqu'à
    36 mois pour les publics prioritaires », « entre 15 % et 25 % de la durée totale de la période sans
    pouvoir être inférieure à 150 heures » (art. 4): bounds included."""
    decision = decide(dossier)
    assert decision.verdict == ELIGIBLE, [v.message for v in decision.violations]
    assert {w.rule for w in decision.warnings} == ACCORD.warnings(dossier)


# --- Art. 2, 3 -----------------------------------------------------------------------------------------

OTHER_CONTRACTS = [c for c in schema_enum(SCHEMA, "employee", "contract") if c != "cdi_interimaire"]


@given(
    st.one_of(
        st.tuples(eligible, st.sampled_from(OTHER_CONTRACTS)).map(
            lambda t: _set(t[0], "/employee/contract", t[1])
        ),
        schema_dossiers,
    )
)
def test_art2_only_a_cdi_interimaire_can_be_eligible(dossier):
    """Art. 2: « Peuvent bénéficier du dispositif « Pro-A », les salariés intérimaires titulaires d'un contrat
    à durée indéterminée (CDI), tel que mentionné à l'article L. 1251-58-1 du code du travail. »"""
    assume(dossier["employee"]["contract"] != "cdi_interimaire")
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert "art2.cdi_interimaire" in failing(decision)


@given(st.one_of(
    st.tuples(eligible_dossiers(ACCORD, certification="rncp"), outside_codes(ACCORD)).map(
        lambda t: _set(t[0], "/pro_a/certification/rncp", t[1])),
    schema_dossiers,
))
def test_art3_code_outside_the_annex_is_never_eligible(dossier):
    """Art. 3.1: the certification must be « l'une des certifications enregistrées au RNCP et figurant dans
    une liste de branche »; a code the annex does not list is never eligible."""
    certification = dossier["pro_a"]["certification"]
    assume(certification["kind"] == "rncp" and certification["rncp"] not in ACCORD.codes)
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert "art3.rncp_listed" in failing(decision)
    assert "annexe.rncp_extended" not in failing(decision)


@given(eligible_dossiers(ACCORD, certification="rncp"), st.data())
def test_art3_code_only_in_rows_marked_1_is_never_eligible(dossier, data):
    """Annexe: « (1) Certifications exclues de l'extension en tant qu'elles contreviennent aux dispositions
    prévues par l'article L. 6324-3 du code du travail. » A code listed only in rows marked (1) is never
    eligible, by training or by VAE."""
    excluded = ACCORD.excluded_only(start(dossier))
    assume(excluded)
    decision = decide(_set(dossier, "/pro_a/certification/rncp", data.draw(st.sampled_from(excluded))))
    assert decision.verdict != ELIGIBLE
    assert failing(decision) == {"annexe.rncp_extended"}


@given(st.one_of(
    eligible_dossiers(ACCORD, certification="clea").map(lambda d: _set(d, "/pro_a/pathway", "vae")),
    eligible_dossiers(ACCORD, certification="clea_numerique").map(lambda d: _set(d, "/pro_a/pathway", "vae")),
    schema_dossiers,
))
def test_art3_1_clea_through_vae_is_never_eligible(dossier):
    """Art. 3.1: « les actions de formation complémentaires à la validation des acquis de l'expérience (VAE)
    visant l'acquisition des certifications mentionnées dans la liste fixée dans le cadre du présent accord,
    sont également éligibles » — CléA and CléA numérique are not in that list: never through VAE."""
    assume(dossier["pro_a"]["certification"]["kind"] != "rncp" and dossier["pro_a"]["pathway"] == "vae")
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert "art3_1.clea_by_training" in failing(decision)


def test_art3_annex_rows_are_the_rows_of_the_source_text():
    """Annexe: « Liste des certifications éligibles à la « Pro-A » » — every RNCP code of the source table
    is one row, in order, and a row is excluded from the extension exactly when its line carries « (1) ».
    (Rows an amendment adds later, with their own `effective_from`, come from another text.)"""
    root = Path(POLICIES.document.root)
    lines = (root / POLICIES.manifest.source).read_text(encoding="utf-8").splitlines()
    signed = POLICIES.annex.article.effective_from
    rows = [r for r in POLICIES.annex.rows if r.effective_from is None or r.effective_from <= signed]
    header = next(i for i, line in enumerate(lines, 1) if line.rstrip().endswith("Code RNCP"))
    in_source = [(number, code) for number in range(header + 1, len(lines) + 1)
                 for code in re.findall(r"RNCP[0-9]+", lines[number - 1])]
    assert [(r.source_line, r.rncp) for r in rows] == in_source
    for row in rows:
        marked = bool(re.search(rf"{row.rncp}\b[^A-Z]*\(1\)", lines[row.source_line - 1]))
        assert row.excluded_from_extension == marked, row


# --- Art. 4 --------------------------------------------------------------------------------------------

@st.composite
def moved_end(draw: Any, base: st.SearchStrategy, bound: str) -> dict[str, Any]:
    """A dossier whose end date is moved 1 day (or more) beyond one of the duration bounds."""
    dossier = draw(base)
    day = start(dossier)
    beyond = draw(st.one_of(st.just(1), st.integers(1, 800)))
    if bound == "min":
        end = ACCORD.earliest_end(day) - beyond * ONE_DAY
    else:
        end = ACCORD.latest_end(day, bound == "priority") + beyond * ONE_DAY
    return _set(dossier, "/pro_a/end_date", end.isoformat())


@given(st.one_of(moved_end(eligible, "priority"), schema_dossiers))
def test_art4_more_than_36_months_is_never_eligible(dossier):
    """Art. 4: « cette durée peut être allongée jusqu'à 36 mois pour les publics prioritaires » — and no
    further, whoever the employee is."""
    day = start(dossier)
    assume(dt.date.fromisoformat(dossier["pro_a"]["end_date"]) > ACCORD.latest_end(day, True))
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert failing(decision) & {"art4.duration_max", "art4.duration_max_priority"}


NOT_PRIORITY = st.one_of(
    eligible_dossiers(ACCORD, priority="none"), eligible_dossiers(ACCORD, priority="none_diploma")
)


@given(st.one_of(moved_end(NOT_PRIORITY, "max"), schema_dossiers))
def test_art4_more_than_12_months_without_priority_is_never_eligible(dossier):
    """Art. 4: « La durée minimale de la « Pro-A » est comprise entre 6 et 12 mois », longer only « pour
    les publics prioritaires suivants »."""
    assume(not ACCORD.priority(dossier))
    assume(dt.date.fromisoformat(dossier["pro_a"]["end_date"]) > ACCORD.latest_end(start(dossier), False))
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert "art4.duration_max" in failing(decision)


@given(st.one_of(moved_end(eligible, "min"), schema_dossiers))
def test_art4_fewer_than_6_months_is_never_eligible(dossier):
    """Art. 4: « La durée minimale de la « Pro-A » est comprise entre 6 et 12 mois. »"""
    assume(dt.date.fromisoformat(dossier["pro_a"]["end_date"]) < ACCORD.earliest_end(start(dossier)))
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert "art4.duration_min" in failing(decision)


@st.composite
def moved_training(draw: Any, side: str) -> dict[str, Any]:
    """An eligible dossier whose training hours go just (or far) below the floor, or outside the share."""
    dossier = draw(eligible)
    day, total = start(dossier), Decimal(dossier["pro_a"]["total_hours"])
    delta = draw(
        st.one_of(st.just(Decimal("0.01")), st.just(Decimal("0.0001")), st.decimals(0, 1000, places=2))
    )
    if side == "floor":
        hours = ACCORD.number("training_min_hours", day) - delta
    elif side == "below":
        hours = total * ACCORD.number("training_share_min_percent", day) / 100 - delta
    else:
        hours = total * ACCORD.number("training_share_max_percent", day) / 100 + delta
    assume(hours >= 0)
    return _set(dossier, "/pro_a/training_hours", hours)


@given(st.one_of(moved_training("floor"), schema_dossiers))
def test_art4_training_below_150_hours_is_never_eligible(dossier):
    """Art. 4: « Les actions de formation … sont d'une durée … sans pouvoir être inférieure à 150 heures. »"""
    assume(Decimal(dossier["pro_a"]["training_hours"]) < ACCORD.number("training_min_hours", start(dossier)))
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert "art4.training_floor" in failing(decision)


@given(st.one_of(moved_training("below"), moved_training("above"), schema_dossiers))
def test_art4_training_share_outside_15_25_percent_is_never_eligible(dossier):
    """Art. 4: « Les actions de formation prévues dans le cadre de la « Pro-A » sont d'une durée comprise
    entre 15 % et 25 % de la durée totale de la période »."""
    day, pro_a = start(dossier), dossier["pro_a"]
    share = Decimal(pro_a["training_hours"]) * 100
    low = Decimal(pro_a["total_hours"]) * ACCORD.number("training_share_min_percent", day)
    high = Decimal(pro_a["total_hours"]) * ACCORD.number("training_share_max_percent", day)
    assume(share < low or share > high)
    decision = decide(dossier)
    assert decision.verdict != ELIGIBLE
    assert failing(decision) & {"art4.training_share_min", "art4.training_share_max"}


def test_parameters_are_the_numbers_their_citations_quote():
    """« Law beside code »: a number parameter whose citation quotes a text (between « ») is a number of that
    quotation, and the entry into force is « le lendemain du jour de la parution au Journal officiel de son
    arrêté d'extension »."""
    for parameter in POLICIES.parameters.values():
        for value in parameter.values:
            quoted = " ".join(re.findall(r"«(.*)»", value.citation))
            if parameter.type == "number" and quoted:
                numbers = {Decimal(n.replace(",", ".")) for n in re.findall(r"\d+(?:,\d+)?", quoted)}
                assert Decimal(value.value) in numbers, (parameter.name, value.value, value.citation)
    entry = POLICIES.parameters[POLICIES.manifest.entry_into_force]
    published = POLICIES.manifest.extension_order["journal_officiel"]
    assert entry.values[0].value == published + ONE_DAY


# --- monotonicity ----------------------------------------------------------------------------------------

@given(st.data(), eligible)
def test_monotonicity_training_hours_within_the_bounds_keep_a_dossier_eligible(data, dossier):
    """Art. 4: « entre 15 % et 25 % de la durée totale de la période sans pouvoir être inférieure à 150
    heures »: any number of hours in [max(150, 15 %), 25 %] keeps an eligible dossier eligible."""
    low, high = ACCORD.training_bounds(Decimal(dossier["pro_a"]["total_hours"]), start(dossier))
    hours = data.draw(between(low, high))
    decision = decide(_set(dossier, "/pro_a/training_hours", hours))
    assert decision.verdict == ELIGIBLE, [v.message for v in decision.violations]


PRIORITY_ATTRIBUTES = {
    "job seeker": {"/employee/job_seeker_over_one_year": True},
    "social minima": {"/employee/social_minima_or_cui": True},
    "no diploma": {"/employee/upper_secondary_completed": False, "/employee/vocational_diploma": False},
}


@given(eligible, st.sampled_from(sorted(PRIORITY_ATTRIBUTES)))
def test_monotonicity_a_priority_attribute_never_turns_eligible_into_ineligible(dossier, attribute):
    """Art. 4: « cette durée peut être allongée jusqu'à 36 mois pour les publics prioritaires suivants » —
    becoming a priority public only ever allows more."""
    assume(decide(dossier).verdict == ELIGIBLE)
    changed = dossier
    for pointer, value in PRIORITY_ATTRIBUTES[attribute].items():
        changed = _set(changed, pointer, value)
    decision = decide(changed)
    assert decision.verdict == ELIGIBLE, [v.message for v in decision.violations]


# --- Art. 6 --------------------------------------------------------------------------------------------

@given(valid_dossiers, st.one_of(st.none(), st.decimals(0, 10 ** 5, places=3), st.integers(0, 10 ** 5)))
def test_art6_ceiling_is_the_hourly_rate_times_training_hours(dossier, hours):
    """Art. 6: « Le forfait de prise en charge de l'action de formation réalisée dans le cadre de la « Pro-A »
    est fixé à 17 € de l'heure »: the ceiling is exactly rate × training hours, rounded half-up to the cent,
    never negative."""
    if hours is not None:
        dossier = _set(dossier, "/pro_a/training_hours", hours)
    decision = decide(dossier)
    ceiling = decision.funding["ceiling_eur"]
    assert ceiling == ACCORD.ceiling(dossier["pro_a"]["training_hours"], start(dossier))
    assert ceiling >= 0
    assert decision.computed[POLICIES.manifest.funding_ceiling] == ceiling


@given(valid_dossiers, st.data())
def test_art6_requested_amount_above_the_ceiling_only_adds_a_warning(dossier, data):
    """Art. 6: the « forfait » caps the funding; a request above it is capped, with a warning: it changes
    neither the ceiling, nor the verdict, nor the violations."""
    bare = {k: v for k, v in dossier.items() if k != "funding"}
    without = decide(bare)
    ceiling = without.funding["ceiling_eur"]
    cent = Decimal("0.01")
    amount = data.draw(
        st.one_of(
            st.sampled_from([ceiling, ceiling + cent, max(ceiling - cent, Decimal(0)), 0]),
            st.decimals(0, 10**7, places=2),
        )
    )
    decision = decide({**bare, "funding": {"requested_amount": amount}})
    assert decision.funding["ceiling_eur"] == ceiling
    assert decision.verdict == without.verdict
    assert [v.to_dict() for v in decision.violations] == [v.to_dict() for v in without.violations]
    extra = {w.rule for w in decision.warnings} - {w.rule for w in without.warnings}
    assert extra == ({"art6.funding_within_ceiling"} if amount > ceiling else set())
    assert decision.funding["capped"] == (amount > ceiling)


# --- Art. 8 --------------------------------------------------------------------------------------------

@given(st.one_of(schema_dossiers, eligible.map(lambda d: _set(d, "/pro_a/start_date", "2000-01-01"))))
def test_art8_start_before_entry_into_force_is_never_applicable(dossier):
    """Art. 8: « Le présent accord est conclu pour une durée indéterminée et entre en vigueur le lendemain du
    jour de la parution au Journal officiel de son arrêté d'extension. »"""
    assume(start(dossier) < ACCORD.entry)
    decision = decide(dossier)
    assert decision.verdict == NOT_APPLICABLE
    assert "art8.entry_into_force" in failing(decision)


def _years_earlier(iso: str, years: int) -> str:
    day = dt.date.fromisoformat(iso)
    return day.replace(year=day.year - years).isoformat()


@given(st.one_of(eligible, singles.map(lambda t: t[2])), st.integers(0, 3))
def test_art8_moving_the_start_before_entry_into_force_changes_only_applicability(dossier, extra):
    """Art. 8: « entre en vigueur le lendemain du jour de la parution au Journal officiel de son arrêté
    d'extension »: the same Pro-A, every date moved before that day (by whole 4-year cycles, so that every
    duration and age stays the same), is not applicable, and nothing else changes."""
    years = 4 * (extra + 1 + max(0, (start(dossier) - ACCORD.entry).days // 1461))
    moved = copy.deepcopy(dossier)
    for pointer in ("/pro_a/start_date", "/pro_a/end_date", "/employee/birth_date"):
        moved = _set(moved, pointer, _years_earlier(_get(moved, pointer), years))
    assert start(moved) < ACCORD.entry
    decision = decide(moved)
    same = decide(dossier, as_of=start(moved))  # the same parameters: those in force on the moved start
    assert decision.verdict == NOT_APPLICABLE
    assert failing(decision) == failing(same) | {"art8.entry_into_force"}
    for name, value in same.computed.items():
        if isinstance(value, dt.date):
            value = value.replace(year=value.year - years)
        assert decision.computed[name] == value, name


# --- metamorphic -----------------------------------------------------------------------------------------

def test_every_rule_has_a_single_violation_strategy():
    """Each rule of the policy set can be broken alone (tests/strategies.py BREAKS): a new rule needs one."""
    assert set(BREAKS) == {r.id for r in POLICIES.rules if r.kind != "warning"}


@given(singles, st.data())
def test_metamorphic_fixing_the_one_failing_field_makes_a_dossier_eligible(single, data):
    """Metamorphic: a dossier breaking exactly one rule names the field at fault; moving that one field onto
    the nearest bound the accord allows makes it eligible (issue 3: « fixing the one failing field of a
    single-violation dossier makes it eligible »)."""
    rule, _origin, broken = single
    decision = decide(broken)
    assert failing(decision) == {rule}, [v.message for v in decision.violations]
    assert decision.verdict == KIND_VERDICT[ACCORD.rule_kinds[rule]]
    pointer = decision.violations[0].pointer
    assert pointer is not None
    fixed = decide(repair(ACCORD, broken, pointer, data.draw))
    assert fixed.verdict == ELIGIBLE, (pointer, [v.message for v in fixed.violations])


# --- examples and policy test cases ---------------------------------------------------------------------

EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
PREFIX_VERDICT = {"eligible-": ELIGIBLE, "incomplete-": INCOMPLETE, "ineligible-": INELIGIBLE,
                  "not-applicable-": NOT_APPLICABLE, "invalid-": INVALID}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_agree_with_the_invariants(path):
    """The example dossiers (examples/dossiers) satisfy every invariant, and their names say their
    verdicts."""
    dossier = load_text(str(path), path.read_text(encoding="utf-8"))
    decision = decide(dossier)
    check_invariants(dossier, decision)
    expected = next(v for prefix, v in PREFIX_VERDICT.items() if path.name.startswith(prefix))
    assert decision.verdict == expected


CASES, CASE_PROBLEMS = load_cases(POLICIES.document.root)


def test_policy_test_cases_load():
    assert not CASE_PROBLEMS and CASES


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_policy_test_cases_agree_with_the_invariants(case):
    """Every policy test case (policies/<set>/tests/*.yaml) satisfies the invariants, and so does what it
    expects."""
    decision = decide(case.dossier, as_of=case.as_of)
    check_invariants(case.dossier, decision)
    assert case.expect["verdict"] == restated_verdict(case.dossier)
