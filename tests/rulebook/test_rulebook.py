"""The rulebook: the accord's text with each rule beside the sentence it quotes, as a static site."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.amend.revisions import apply_patch
from proa_policy.rulebook import render_site
from proa_policy.rulebook.context import page_of
from proa_policy.report.readable import field_labels
from proa_policy.wording import LANGUAGES, VERDICT_LABELS, section
from proa_policy.authoring.cases import load_cases

from ..conftest import POLICIES, ROOT
from .htmlsite import flat, ids, is_external, parse, references, text_of

AMENDMENTS = ROOT / "examples" / "amendments"


@pytest.fixture(scope="module")
def policies():
    return load_policies()


@pytest.fixture(scope="module")
def site(policies):
    return render_site(policies)


@pytest.fixture(scope="module")
def trees(site):
    return {name: parse(data) for name, data in site.items() if name.endswith(".html")}


def test_every_page_parses_without_error(site, trees):
    assert {"index.html", "annexe.html", "article-4.html", "couverture.html"} <= set(trees)
    assert len(trees) == 1 + 1 + len(load_policies().document.articles)


def test_every_rule_is_on_its_article_page_once_beside_its_quote(policies, trees):
    for article in policies.document.articles:
        tree = trees[page_of(article.article)]
        for rule in article.rules:
            found = [e for e in tree.iter() if e.get("id") == rule.id]
            assert len(found) == 1, rule.id
            passage = next(p for p in tree.iter("div") if p.get("class") == "passage"
                           and any(e is found[0] for e in p.iter()))
            marks = [m for m in passage.iter("mark")
                     if any(a.get("href") == f"#{rule.id}" for a in m.iter("a"))
                     or _followed_by_link(passage, m, rule.id)]
            assert flat(" ".join(text_of(m) for m in marks)) == flat(rule.quote), rule.id
        for other, other_tree in trees.items():
            if other != page_of(article.article):
                assert not set(r.id for r in article.rules) & set(ids(other_tree)), other


def _followed_by_link(passage, mark, rule_id):
    """A mark shared by several rules links the first; the others follow it as <sup> links."""
    paragraph = next(p for p in passage.iter("p") if any(e is mark for e in p))
    children = list(paragraph)
    at = next(i for i, e in enumerate(children) if e is mark)
    for sibling in children[at + 1:]:
        if sibling.tag != "sup":
            break
        if any(a.get("href") == f"#{rule_id}" for a in sibling.iter("a")):
            return True
    return False


def test_rule_shows_its_words_condition_and_dated_parameters(trees):
    rule = next(e for e in trees["article-4.html"].iter() if e.get("id") == "art4.training_floor")
    text = flat(text_of(rule))
    assert "Formation d'au moins 150 heures" in text
    assert "moins que le minimum de {param.training_min_hours} heures" in text
    assert "dossier.pro_a.training_hours >= param.training_min_hours" in text
    assert "150 heures depuis le 2021-05-12" in text
    assert "« sans pouvoir être inférieure à 150 heures »" in text


def test_excluded_sentence_is_struck_through_with_its_footnote(policies, trees):
    tree = trees["article-5.html"]
    excluded, footnote = policies.document.article("5").extension.excluded[0]
    struck = [flat(text_of(s)) for s in tree.iter("s") if s.get("class") == "excluded"]
    assert flat(excluded) in struck
    notes = [flat(text_of(p)) for p in tree.iter("p") if p.get("class") == "footnote"]
    assert any(flat(footnote) in n for n in notes)


def test_interpretations_and_notes_are_marked(trees):
    page = trees["article-4.html"]
    marked = [flat(text_of(p)) for p in page.iter("p") if p.get("class") == "interpretation"]
    assert any(t.startswith("Interprétation : « La durée minimale") for t in marked)  # the article's notes
    assert any("de 16 ans révolus jusqu'à la veille des 26 ans" in t for t in marked)  # a computed value's


def test_every_annex_row_is_in_the_table_and_each_code_addressable(policies, trees):
    tree = trees["annexe.html"]
    table = next(t for t in tree.iter("table") if t.get("id") == "annex-rows")
    rows = list(table.find("tbody"))
    assert len(rows) == len(policies.annex.rows) == 221
    for row, element in zip(policies.annex.rows, rows):
        cells = [flat(text_of(td)) for td in element]
        assert cells[:7] == [row.sector, row.sub_sector, row.occupation, row.title or "—", row.rncp,
                             str(row.level) if row.level is not None else "—",
                             "(1)" if row.excluded_from_extension else ""]
        assert element.get("data-eligible") == ("yes" if row.rncp in policies.annex.extended_codes else "no")
    page_ids = ids(tree)
    assert {r.rncp for r in policies.annex.rows} <= set(page_ids)
    assert "RNCP34860" in page_ids


def test_annex_filters_need_no_server_and_rows_show_without_script(trees, site):
    tree = trees["annexe.html"]
    form = next(f for f in tree.iter("form") if f.get("id") == "filters")
    assert form.get("hidden") is not None  # shown by the script only: without it, all rows, no dead controls
    assert {s.get("name") for s in form.iter("select")} == {"sector", "level", "eligible"}
    assert not any(tr.get("hidden") is not None for tr in tree.iter("tr"))
    script = site["rulebook.js"].decode()
    assert "data-sector" in script and "fetch" not in script and "XMLHttpRequest" not in script


def test_every_internal_link_resolves_and_nothing_refers_outside(site, trees):
    for name, tree in trees.items():
        for attribute, value in references(tree):
            assert not is_external(value), (name, attribute, value)
            target, _, fragment = value.partition("#")
            target = target or name
            assert target in site, (name, value)
            if fragment:
                assert fragment in ids(trees[target]), (name, value)
    css = site["style.css"].decode()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_worked_examples_show_each_case_with_its_verdict_and_failing_rules(policies, trees):
    cases, _ = load_cases(policies.document.root)
    tree = trees["article-4.html"]
    examples = [e for e in tree.iter("div") if (e.get("class") or "").startswith("example ")]
    mine = [c for c in cases if c.article == "4"]
    assert len(examples) == len(mine)
    by_name = {flat(text_of(e.find("h3"))): e for e in examples}
    case = next(c for c in mine if c.name == "un jour de moins que 6 mois")
    outcome = flat(text_of(next(p for p in by_name[case.name].iter("p") if p.get("class") == "outcome")))
    assert outcome == "→ Verdict : inéligible · Règles en échec : art4.duration_min"
    differs = flat(text_of(by_name[case.name].find("table")))
    assert "2022-07-08" in differs and "TEST-ELIGIBLE" not in differs  # only what sets it apart


def test_coverage_by_rule_lists_every_rule(policies, trees):
    table = trees["couverture.html"].find(".//table")
    listed = [flat(text_of(tr[0])) for tr in table.find("tbody")]
    assert listed == [r.id for r in policies.rules]


def test_index_names_the_accord_its_extension_and_the_set(policies, trees):
    text = flat(text_of(trees["index.html"]))
    manifest = policies.manifest
    for expected in (manifest.title, "Prism'emploi", "CGT intérim",
                     "Arrêté du 29 avril 2021 (JORF du 11 mai 2021)", "2021-05-11", "2021-05-12",
                     manifest.version, "empreinte SHA-256"):
        assert expected in text
    assert "9" in text and "ne figure pas dans le texte source" in text
    toc = [a.get("href") for a in trees["index.html"].find(".//table").iter("a")]
    assert toc == [page_of(a.article) for a in policies.document.articles]


def test_rendering_is_deterministic(policies, site, tmp_path):
    assert render_site(policies) == site
    runner = CliRunner()
    for name in ("one", "two"):
        result = runner.invoke(main, ["rulebook", "--output", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two == site


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_written_files_have_an_ordinary_files_mode(site, tmp_path, umask):
    from proa_policy.rulebook.site import write_site

    previous = os.umask(umask)
    try:
        written = write_site(site, tmp_path / "out")
    finally:
        os.umask(previous)
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o666 & ~umask}


def test_output_that_is_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "file.html"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["rulebook", "--output", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "x"


def test_what_these_rules_do_not_check_is_rendered_when_the_article_says(tmp_path):
    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    article = target / "article-04.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "not_checked:\n", "not_checked:\n  - requirement: \"Le tuteur <b>formé</b>\"\n"
        "    reason: \"aucune donnée du dossier ne le dit\"\n", 1), encoding="utf-8")
    tree = parse(render_site(load_policies(target))["article-4.html"])
    section = next(s for s in tree.iter("section") if s.get("class") == "not-checked")
    assert flat(text_of(section)).startswith(
        "Ce que ces règles ne vérifient pas "
        "Le tuteur <b>formé</b> — raison : aucune donnée du dossier ne le dit"
    )
    assert not list(section.iter("b"))  # policy text is escaped, never markup


def test_no_such_section_when_nothing_is_declared(policies, trees):
    for article in policies.document.articles:
        page = trees[page_of(article.article)]
        sections = [s for s in page.iter("section") if s.get("class") == "not-checked"]
        assert len(sections) == (1 if article.not_checked else 0)


def test_as_of_selects_the_values_and_rules_in_force(tmp_path):
    patch = AMENDMENTS / "01-hourly-rate-19" / "amendment.patch"
    policies = load_policies(apply_patch(POLICIES, patch, tmp_path / "a"))
    before = parse(render_site(policies, dt.date(2026, 6, 1))["article-6.html"])
    after = parse(render_site(policies, dt.date(2027, 6, 1))["article-6.html"])

    def in_force(tree):
        return [flat(text_of(li)) for li in tree.iter("li") if li.get("class") == "in-force"]

    assert {v.split()[0] for v in in_force(before)} & {"17", "19"} == {"17"}
    assert {v.split()[0] for v in in_force(after)} & {"17", "19"} == {"19"}
    mission = load_policies(apply_patch(POLICIES, AMENDMENTS / "02-contrat-de-mission" / "amendment.patch",
                                        tmp_path / "b"))
    art2 = parse(render_site(mission, dt.date(2027, 6, 1))["article-2.html"])
    retired = next(e for e in art2.iter() if e.get("id") == "art2.cdi_interimaire")
    assert "not-in-force" in retired.get("class")
    current = next(e for e in art2.iter() if e.get("id") == "art2.cdi_or_mission")
    assert "not-in-force" not in current.get("class")


def test_english_translates_the_tools_words_and_keeps_the_law_in_french(policies):
    site = render_site(policies, lang="en")
    index = flat(text_of(parse(site["index.html"])))
    assert "Table of articles" in index and "Table des articles" not in index
    assert index.count("stay in French") == 1
    article = flat(text_of(parse(site["article-4.html"])))
    assert "La durée minimale de la « Pro-A » est comprise entre 6 et 12 mois." in article
    assert "On failure" in article and "En cas d'échec" not in article
    assert "training lasts {dossier.pro_a.training_hours} hours" in article


def test_the_pages_say_every_word_of_their_section_and_no_other():
    """The templates' `w.<name>` are the catalogue's `rulebook.page.<name>`, in both languages, none dead (the
    signatories' groups, `w[group]`, are the manifest's)."""
    templates = ROOT / "src" / "proa_policy" / "rulebook" / "templates"
    used = {name for path in templates.glob("*.html")
            for name in re.findall(r"\bw\.([a-z_0-9]+)", path.read_text("utf-8"))}
    used |= set(load_policies().document.manifest.signatories)
    for lang in LANGUAGES:
        assert set(section("rulebook.page.", lang)) == used, lang


def test_verdict_labels_include_incomplete():
    assert VERDICT_LABELS["fr"]["incomplete"] == "à compléter"
    verdicts = {"eligible", "ineligible", "not_applicable", "invalid", "incomplete"}
    assert set(VERDICT_LABELS["fr"]) == set(VERDICT_LABELS["en"]) >= verdicts


def test_field_labels_take_the_schema_title_else_the_dotted_name():
    schema = {"properties": {"pro_a": {"title": "Pro-A", "properties": {
        "start_date": {"title": "Date de début"}, "end_date": {"type": "string"}}}}}
    assert field_labels(schema) == {("pro_a",): "Pro-A", ("pro_a", "start_date"): "Date de début",
                                    ("pro_a", "end_date"): "pro_a.end_date"}


def test_policy_text_is_escaped(tmp_path):
    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    article = target / "article-04.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        'title: "Formation d\'au moins 150 heures"', 'title: "<script>alert(1)</script> & co"'),
        encoding="utf-8")
    page = render_site(load_policies(target))["article-4.html"].decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    parse(page)


def test_site_files_are_flat_and_only_the_sites_files_are_written(tmp_path):
    keep = tmp_path / "site" / "mine.txt"
    keep.parent.mkdir()
    keep.write_text("kept", encoding="utf-8")
    result = CliRunner().invoke(main, ["rulebook", "-o", str(keep.parent)])
    assert result.exit_code == 0, result.output
    assert keep.read_text(encoding="utf-8") == "kept"
    assert all("/" not in name for name in render_site(load_policies()))
    expected = sorted([*render_site(load_policies()), "mine.txt"])
    assert sorted(p.name for p in keep.parent.iterdir()) == expected


def test_a_broken_test_file_is_reported_not_silently_dropped(tmp_path):
    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    (target / "tests" / "broken.yaml").write_text("kind: tests\narticle: \"4\"\ncases: 3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rulebook", "-o", str(tmp_path / "site"),
                                      "--policies", str(target)])
    assert result.exit_code == 0
    assert "broken.yaml:" in result.stderr and "warning:" in result.stderr
