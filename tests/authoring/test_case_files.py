"""The policy set's test files as `load_cases` reads them: bases shared and local, overlays, and the
mistakes of a test file said at their line, never a case silently dropped or run twice."""

from __future__ import annotations

from proa_policy.authoring.cases import load_cases

from ..conftest import POLICIES, edited_set

EXTRA = """
  - name: "montant demandé égal au plafond"
    base: eligible
    expect: {verdict: eligible}
  - name: "une base qui n'existe pas"
    base: no_such_base
    expect: {verdict: eligible}
"""


def test_every_case_of_every_file_loads_from_its_base_and_overlay():
    cases, problems = load_cases(POLICIES)
    assert problems == [] and len(cases) >= 59
    capped = next(c for c in cases if c.name.startswith("un centime au-dessus du plafond"))
    assert str(capped.dossier["funding"]["requested_amount"]) == "6800.01"  # the overlay on the shared base
    assert capped.file.endswith("art06.yaml") and capped.article == "6"


def test_a_duplicate_name_and_an_unknown_base_are_problems_at_their_line(tmp_path):
    root = edited_set(tmp_path, "tests/art06.yaml", "\ncases:\n", "\ncases:\n" + EXTRA.lstrip("\n"))
    cases, problems = load_cases(root)
    said = sorted((p.span.line, p.message) for p in problems)
    assert said == [(9, "cases/1/base: unknown base `no_such_base`"),  # at its `base:` key
                    (11, "cases/2/name: duplicate case name `montant demandé égal au plafond`")]
    assert not any(c.name == "une base qui n'existe pas" for c in cases)  # said, not run


def test_a_pattern_keeps_the_cases_whose_id_it_matches():
    everything, _ = load_cases(POLICIES)
    some, problems = load_cases(POLICIES, "plafond")
    assert problems == [] and 0 < len(some) < len(everything)
    assert all("plafond" in c.id.lower() for c in some)
