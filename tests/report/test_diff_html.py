"""The amendment review: `diff --format html` as a tableau comparatif; the pull-request comment's examples."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.amend.explore import Exploration, Flip
from proa_policy.report.diffreport import COMMENT_LIMIT, render_markdown
from proa_policy.report.worddiff import sides
from proa_policy.wording import Words, said

from ..conftest import POLICIES, ROOT
from tests.rulebook.htmlsite import flat, ids, is_external, parse, references, text_of

AMENDMENTS = ROOT / "examples" / "amendments"
NAMES = ["01-hourly-rate-19", "02-contrat-de-mission", "03-annex-update"]


@pytest.fixture(scope="module")
def pages():
    out = {}
    for name in NAMES:
        result = CliRunner().invoke(main, ["diff", str(POLICIES), str(AMENDMENTS / name / "amendment.patch"),
                                           "--format", "html"])
        assert result.exit_code == 1, result.output
        out[name] = result.output
    return out


@pytest.mark.parametrize("name", NAMES)
def test_the_page_parses_stands_alone_and_its_links_resolve(pages, name):
    tree = parse(pages[name])
    known = set(ids(tree))
    for attribute, value in references(tree):
        assert not is_external(value), (attribute, value)
        assert value.startswith("#") and value[1:] in known, value
    assert not list(tree.iter("link")) and not list(tree.iter("script")) and not list(tree.iter("img"))


def test_changed_text_is_side_by_side_with_word_level_marks(pages):
    tree = parse(pages["02-contrat-de-mission"])
    table = next(t for t in tree.iter("table") if t.get("class") == "comparatif")
    old_cell, new_cell = [td for td in table.iter("td") if td.get("class") == "text"]
    assert not list(old_cell.iter("ins")) and not list(new_cell.iter("del"))
    inserted = flat(" ".join(text_of(e) for e in new_cell.iter("ins")))
    assert inserted.startswith("[FICTIF — avenant imaginaire, exemple pédagogique] À compter du 1er mars")
    assert "Peuvent bénéficier du dispositif « Pro-A »" in flat(text_of(old_cell))


def test_parameter_changes_show_dates_values_and_citations(pages):
    tree = parse(pages["01-hourly-rate-19"])
    rows = [[flat(text_of(td)) for td in tr] for tr in tree.iter("tr")]
    added = next(r for r in rows if r and r[0] == "2027-01-01")
    assert added[1] == "—" and added[2].startswith("19 FICTIF")
    kept = next(r for r in rows if r and r[0] == "2021-05-12")
    assert kept[1] == kept[2] and kept[1].startswith("17 Accord du 22 janvier 2021")


def test_annex_rows_added_and_changed_are_listed(pages):
    rows = {cells[0]: cells[1:] for cells in ([flat(text_of(td)) for td in tr]
                                              for tr in parse(pages["03-annex-update"]).iter("tr")) if cells}
    assert rows["RNCP99001 (FICTIF — Opérateur de démonstration)"][:2] == ["ajoutée", "—"]
    changed = rows["RNCP1120 (Préparateur de commandes)"]
    assert changed[0] == "modifiée"
    assert "effective_until : —" in changed[1] and "effective_until : 2027-06-30" in changed[2]


def test_rules_added_and_changed_are_shown_field_by_field(pages):
    tree = parse(pages["02-contrat-de-mission"])
    text = flat(text_of(tree))
    assert "Règle art2.cdi_or_mission (ajoutée)" in text and "Règle art2.cdi_interimaire (modifiée)" in text
    rows = [[flat(text_of(c)) for c in tr] for tr in tree.iter("tr")]
    assert ["en vigueur jusqu'au", "", "2027-02-28"] in rows
    assert ["condition", "", "dossier.employee.contract in ['cdi_interimaire', 'contrat_de_mission']"] in rows


def test_flips_are_grouped_by_class_with_a_readable_dossier_linked_to_the_rules(pages):
    tree = parse(pages["02-contrat-de-mission"])
    flips = [s for s in tree.iter("section") if s.get("class") == "flip"]
    titles = [flat(text_of(s.find("h3"))) for s in flips]
    assert any(t.startswith("inéligible → éligible — ") for t in titles)
    flip = flips[[t.startswith("inéligible → éligible") for t in titles].index(True)]
    dossier = next(t for t in flip.iter("table") if t.get("class") == "dossier")
    fields = {flat(text_of(tr[0])): flat(text_of(tr[1])) for tr in dossier.find("tbody")}
    assert any(v == "Contrat de mission" for v in fields.values())
    assert "{" not in "".join(fields.values())  # a table of fields, not JSON
    links = [a.get("href") for a in flip.iter("a")]
    assert "#art2.cdi_interimaire" in links
    assert "art2.cdi_interimaire" in ids(tree)


def test_the_page_says_what_the_exploration_covered(pages):
    text = flat(text_of(parse(pages["01-hourly-rate-19"])))
    assert re.search(r"paires de facteurs : un tableau couvrant t = 2 de \d+ lignes sur chaque dossier de "
                     r"départ ; des \d+ paires", text)


def test_the_page_in_english_says_what_the_exploration_covered():
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(AMENDMENTS / NAMES[0] / "amendment.patch"),
                                       "--format", "html", "--lang", "en"])
    assert result.exit_code == 1, result.output
    tree = parse(result.output)
    text = flat(text_of(tree))
    assert re.search(r"pairs of factors: a t = 2 covering array of \d+ rows on every seed; of the \d+ pairs",
                     text)
    assert "What the amendment changes in the text" in text and "Smallest example: test case " in text
    assert "Ce que l'avenant change" not in text and "cas de test" not in text
    assert tree.get("lang") == "en" and "(the accord's text and its quotes stay in French)" in text


def test_flip_classes_read_in_french():
    def kind(key, **values):
        return Words(key, {k: Words(f"verdict.{v}") for k, v in values.items()})

    verdicts = kind("flip.verdicts", old="eligible", new="incomplete")
    assert said(verdicts, "fr") == "éligible → à compléter"
    assert said(kind("flip.violations", verdict="not_applicable"), "fr") == (
        "règles en échec modifiées (non applicable)")
    assert said(kind("flip.ceiling"), "fr") == "plafond de prise en charge modifié"


def test_word_level_sides_keep_both_texts():
    old, new = sides("La durée est de 12 mois.", "La durée est de 18 mois au plus.")
    assert "".join(t for _, t in old) == "La durée est de 12 mois."
    assert "".join(t for _, t in new) == "La durée est de 18 mois au plus."
    assert ("del", "12") in old and ("ins", "18") in new


def test_identical_versions_give_a_page_without_changes():
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(POLICIES), "--format", "html"])
    assert result.exit_code == 0
    text = flat(text_of(parse(result.output)))
    assert "Aucune décision ne change sur les dossiers explorés." in text


@pytest.mark.parametrize("lang, head", [("fr", "| champ | valeur |"), ("en", "| field | value |")])
def test_markdown_comment_shows_readable_examples(pages, lang, head):
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(AMENDMENTS / NAMES[1] / "amendment.patch"),
                                       "--format", "markdown", "--lang", lang])
    assert head in result.output
    assert "| Contrat de travail | Contrat de mission |" in result.output  # the schema's labels and titles
    assert "```json" not in result.output
    assert len(result.output) <= COMMENT_LIMIT


def test_markdown_comment_is_truncated_with_a_note_within_githubs_limit():
    exploration = Exploration(explored=10)
    big = {"id": "X" * 60, "pro_a": {f"field_{i}": "v" * 200 for i in range(40)}}
    for n in range(60):
        flip = Flip(f"class {n}", count=1, example=big, old={"verdict": "eligible"},
                    new={"verdict": "ineligible"})
        exploration.flips[flip.kind] = flip
    text = render_markdown("a", "b", [], exploration)
    assert len(text) <= COMMENT_LIMIT
    assert re.search(r"_Truncated: \d+ example\(s\) left out", text)
    assert text.count("<details>") == text.count("</details>")
    assert text.rstrip().endswith("</details>")


def test_an_added_article_shows_its_whole_text_as_inserted(tmp_path):
    import shutil

    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    article = (target / "article-11.yaml").read_text(encoding="utf-8")
    (target / "article-12.yaml").write_text(
        article.replace('article: "11"', 'article: "12"', 1).replace(
            article[article.index("text: |"):], 'text: |\n  FICTIF : un article douze.\n'), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(target), "--format", "html"])
    assert result.exit_code == 0, result.output  # no rule: no decision changes
    tree = parse(result.output)
    section = next(s for s in tree.iter("section") if s.get("id") == "article-12")
    assert flat(" ".join(text_of(e) for e in section.iter("ins"))) == "FICTIF : un article douze."
