"""Readable dossiers (worked examples, diff page, PR comment): enumerated titles, oui/non, said origins."""

from __future__ import annotations

import pytest

from proa_policy.report import readable
from proa_policy.report.diffpage import said_origin
from proa_policy.rulebook.site import render_site
from proa_policy.wording import Words
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


def _level(origin, level):
    return Words("origin.level", {"origin": origin, "level": level})


def _row(key, number, levels):
    return Words(key, {"origin": "seed", "number": number, "levels": levels})


def _setting(field, value):
    return Words("level.setting", {"field": field, "value": value})


CASE = Words("origin.test_case", {"id": "art05.yaml::avenant"})
NEW_BOUND = Words("bound.new", {"expr": "a <= b"})
OLD_BOUND = Words("bound.old", {"expr": "x"})


@pytest.mark.parametrize("origin, english, french", [
    (_level(CASE, Words("level.moved", {"day": "2027-01-01"})),
     "test case art05.yaml::avenant, moved to start on 2027-01-01",
     "cas de test art05.yaml::avenant, début déplacé au 2027-01-01"),
    (_row("origin.reduced", 4, [Words("level.moved", {"day": "2027-01-01"}),
                                Words("level.below", {"bound": NEW_BOUND})]),
     "seed, pairwise row 4 reduced to: moved to start on 2027-01-01; just below `new: a <= b`",
     "seed, ligne 4 du tableau par paires, réduite à : début déplacé au 2027-01-01; "
     "juste en dessous de `nouvelle version : a <= b`"),
    (_row("origin.row", 2, [_setting("employee.contract", "contrat_de_mission"),
                            _setting("pro_a.tutor_designated", "false")]),
     "seed, pairwise row 2: employee.contract = contrat_de_mission; pro_a.tutor_designated = false",
     "seed, ligne 2 du tableau par paires : Contrat de travail = Contrat de mission; Tuteur désigné = non"),
    (_level("c", Words("level.last_before_flip", {"bound": OLD_BOUND})),
     "c, last day before the flip of `old: x`",
     "c, dernier jour avant le basculement de `ancienne version : x`"),
    (_level("c", Words("level.on", {"bound": OLD_BOUND})), "c, on `old: x`", "c, sur `ancienne version : x`"),
])
def test_an_example_origin_is_data_said_in_either_language(origin, english, french):
    assert str(origin) == english  # the Python API's string, as the explorer always wrote it
    assert said_origin(origin, "fr") == french


def test_an_unknown_field_in_an_origin_is_kept_as_written():
    origin = _row("origin.row", 1, [_setting("dossier.unknown", "3")])
    assert said_origin(origin, "fr") == "seed, ligne 1 du tableau par paires : dossier.unknown = 3"


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
