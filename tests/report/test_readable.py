"""Readable dossiers (worked examples, diff page, PR comment): enumerated titles, oui/non, French origins."""

from __future__ import annotations

import pytest

from proa_policy.report import readable
from proa_policy.report.diffpage import origin_in_french
from proa_policy.rulebook.site import render_site
from tests.rulebook.htmlsite import flat, parse, text_of


def test_enumerated_values_show_their_french_title_from_the_schema():
    shown = {path: value for path, _, value in readable.rows(
        {"employer": {"kind": "ETT", "territory": "drom"}, "employee": {"contract": "contrat_de_mission"}})}
    assert shown == {("employer", "kind"): "Entreprise de travail temporaire (ETT)",
                     ("employer", "territory"): "Département ou région d'outre-mer (DROM)",
                     ("employee", "contract"): "Contrat de mission"}


def test_every_enumerated_value_of_the_schema_has_its_title_shown(policies):
    titles = readable.enum_titles()
    assert titles, "the schema gives x-enum-titles"
    for path, table in titles.items():
        for value, title in table.items():
            assert readable.show_field(path, value, "fr") == title


def test_a_value_outside_the_enumeration_and_other_types_are_shown_as_they_are():
    assert readable.show_field(("employee", "contract"), "cdd", "fr") == "cdd"
    assert readable.show_field(("pro_a", "tutor_designated"), True, "fr") == "oui"
    assert readable.show_field(("pro_a", "tutor_designated"), False, "en") == "no"
    assert readable.show_field(("pro_a", "start_date"), "2022-01-10", "fr") == "2022-01-10"


def test_the_markdown_table_escapes_titles_and_values():
    table = readable.markdown_table({"id": "a|b*<x>", "employee": {"contract": "cdi_interimaire"}})
    assert "| Contrat de travail | CDI intérimaire |" in table
    assert "a\\|b\\*" in table and "<x>" not in table


@pytest.mark.parametrize("english, french", [
    ("test case art05.yaml::avenant, moved to start on 2027-01-01",
     "cas de test art05.yaml::avenant, début déplacé au 2027-01-01"),
    ("test case x, pairwise row 4 reduced to: moved to start on 2027-01-01; just below `new: a <= b`",
     "cas de test x, ligne 4 du tableau par paires, réduite à : début déplacé au 2027-01-01; "
     "juste en dessous de `nouvelle version : a <= b`"),
    ("seed, pairwise row 2: employee.contract = contrat_de_mission; pro_a.tutor_designated = false",
     "seed, ligne 2 du tableau par paires : Contrat de travail = Contrat de mission; Tuteur désigné = non"),
    ("c, last day before the flip of `old: x`",
     "c, dernier jour avant le basculement de `ancienne version : x`"),
    ("c, on `old: x`", "c, sur `ancienne version : x`"),
])
def test_an_example_origin_is_said_in_french(english, french):
    assert origin_in_french(english) == french


def test_an_unknown_field_in_an_origin_is_kept_as_written():
    said = origin_in_french("s, pairwise row 1: dossier.unknown = 3")
    assert said == "s, ligne 1 du tableau par paires : dossier.unknown = 3"


@pytest.fixture(scope="module")
def site(policies):
    return render_site(policies)


def test_the_coverage_page_counts_the_cases_by_verdict_incomplete_included(site):
    tree = parse(site["couverture.html"])
    table = next(t for t in tree.iter("table") if t.get("class") == "verdicts")
    counts = {flat(text_of(tr[0])): int(text_of(tr[1])) for tr in table.find("tbody")}
    assert counts["à compléter"] >= 1 and counts["éligible"] >= 1 and counts["inéligible"] >= 1
    assert "formalité de l'article 5" in flat(text_of(tree))


def test_an_incomplete_worked_example_says_what_is_to_complete(site):
    tree = parse(site["article-5.html"])
    examples = [e for e in tree.iter("div") if e.get("class") == "example verdict-incomplete"]
    assert examples
    for example in examples:
        outcome = flat(text_of(next(p for p in example.iter("p") if p.get("class") == "outcome")))
        assert outcome.startswith("→ Verdict : à compléter · Formalités à compléter : art5.")
