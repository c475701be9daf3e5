"""`diff --lang fr|en`: every word of the report (text, markdown, JSON, html) comes from the catalogue: the
explorer's covered and limits lines, where each example came from (carried as `Words`), the kinds of
structural change and their details. What is data (field names, rule ids, expressions, the accord's text)
stays as written. `diff` defaults to French like every command; the Python API's strings stay English."""

from __future__ import annotations

import json
from collections import OrderedDict

import pytest
from click.testing import CliRunner

from proa_policy.amend.compare import Change
from proa_policy.amend.explore import Exploration, Flip
from proa_policy.cli import main
from proa_policy.report import diffreport
from proa_policy.wording import MESSAGES, Count, Words, say

from ..conftest import POLICIES, ROOT

KIND = Words("flip.verdicts", {"old": Words("verdict.eligible"), "new": Words("verdict.ineligible")})


def exploration() -> Exploration:
    flip = Flip(KIND, count=2, example={"id": "X"}, old={"verdict": "eligible", "violations": []},
                new={"verdict": "ineligible", "violations": ["art4.duration_min"]},
                origin=Words("origin.test_case", {"id": "a::b"}))
    return Exploration(
        explored=5,
        by_source={"test cases": 2, "one axis at a time": 3},
        flips=OrderedDict([(KIND, flip)]),
        covered=[Words("explore.seeds", {"seeds": 2}), Words("explore.one_axis", {"levels": 7})],
        limits=[Words("explore.budget", {"budget": Count(100000)}), Words("explore.three")],
        pairs_total=4,
        pairs_realised=4,
    )


CHANGES = [Change("manifest", "changed", "version", "pro-a", "1.0.0", "1.1.0"),
           Change("annexe", "added", "annex_row", "RNCP1", None, {})]


def test_the_text_report_in_french_says_every_word_of_the_tool_in_french():
    text = diffreport.render_text("a", "b", CHANGES, exploration(), lang="fr")
    for line in (
        "Changements du texte :",
        "  manifeste : version 1.0.0 -> 1.1.0",
        "  annexe : ligne de l'annexe `RNCP1` ajoutée",
        "Changements des décisions (5 dossiers explorés : 2 par cas de test, 3 par un axe à la fois) :",
        "  éligible → inéligible : 2 dossier(s)",
        "      plus petit exemple (cas de test a::b) :",
        "Couvert :",
        "  - 2 dossiers de départ (les cas de test valides des deux versions et le corpus)",
        "Limites :",
        "  - " + say("explore.budget", "fr", budget=Count(100000)),
    ):
        assert line in text.splitlines()
    assert "100\u202f000 dossiers" in text
    assert say("diff.completeness", "fr") in text
    english = [say(key, "en") for key in ("diff.structural", "diff.covered", "diff.limits")]
    assert not [words for words in english if words in text]


def test_the_text_report_in_english_reads_as_before():
    text = diffreport.render_text("a", "b", CHANGES, exploration(), lang="en")
    for line in (
        "Structural changes:",
        "  manifest: version 1.0.0 -> 1.1.0",
        "  annex: annex_row `RNCP1` added",
        "Behavioural changes (5 dossiers explored: 2 from test cases, 3 from one axis at a time):",
        "  eligible -> ineligible: 2 dossier(s)",
        "      smallest example (test case a::b):",
        "Completeness: " + say("diff.completeness", "en"),
        "Covered:",
        (
            "  - budget: the exploration stopped after 100,000 dossiers (a limit of docs/reliability.md): "
            "decisions beyond it were not compared"
        ),
    ):
        assert line in text.splitlines()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_markdown_comment_is_in_one_language(lang):
    text = diffreport.render_markdown("a", "b", CHANGES, exploration(), lang=lang)
    other = "en" if lang == "fr" else "fr"
    for key in ("diff.md.text", "diff.md.text_head", "diff.md.decisions_head", "diff.md.how_complete"):
        assert say(key, lang, explored=5) in text and say(key, other, explored=5) not in text
    side = say("diff.md.side", lang, verdict=say("verdict.ineligible", lang), rules="`art4.duration_min`")
    assert say("diff.md.new", lang, side=side) in text
    assert ("| champ | valeur |" in text) == (lang == "fr") and ("| field | value |" in text) == (
        lang == "en"
    )


def test_the_json_report_keeps_its_identifiers_and_says_its_sentences():
    french = json.loads(diffreport.render_json("a", "b", CHANGES, exploration(), lang="fr"))["behavioural"]
    english = json.loads(diffreport.render_json("a", "b", CHANGES, exploration()))["behavioural"]
    assert french["flips"][0]["kind"] == english["flips"][0]["kind"] == "eligible -> ineligible"
    assert french["completeness"] == say("diff.completeness", "fr")
    assert english["covered"][0] == "2 seed dossiers (the valid test cases of both versions and the corpus)"
    assert (
        french["covered"][0]
        == "2 dossiers de départ (les cas de test valides des deux versions et le corpus)"
    )


def test_the_explorers_lines_are_english_strings_for_the_python_api():
    found = exploration()
    assert found.covered[0].startswith("2 seed dossiers") and "never realised" not in found.limits[1]
    assert str(KIND) == "eligible -> ineligible" and {KIND: 1}["eligible -> ineligible"] == 1


def test_every_diff_and_explore_key_is_in_both_languages():
    keys = {k for k in MESSAGES["en"] if k.split(".")[0] in ("diff", "explore", "flip", "verdict")}
    assert keys and keys <= set(MESSAGES["fr"])


def test_diff_defaults_to_french_like_every_command():
    help_text = " ".join(CliRunner().invoke(main, ["diff", "--help"]).output.split())
    assert "[default: fr]" in help_text and "stay as written" in help_text and "every format" in help_text


@pytest.mark.slow
def test_diff_lang_fr_on_a_worked_amendment():
    patch = ROOT / "examples" / "amendments" / "01-hourly-rate-19" / "amendment.patch"
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(patch), "--lang", "fr"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "Changements du texte :" in lines and "  article 6 : paramètre `hourly_rate_eur` modifié" in lines
    assert "  plafond de prise en charge modifié : 1196 dossier(s)" in lines
    assert not [line for line in lines if line.startswith(("Structural", "Behavioural", "Covered", "Limits"))]


# --- the three worked amendments, said in one language each ---------------------------------------------

AMENDMENTS = ["01-hourly-rate-19", "02-contrat-de-mission", "03-annex-update"]

#: What the report said in English before it said it in French: where an example came from, the probes' and
#: the structural changes' words. None of it may be left in a French report.
ENGLISH = [r"test case ", r"moved to start on", r"pairwise row", r"reduced to:", r"just below `",
           r"just above `", r"(?<![\w-])on `", r"before the flip", r"after the flip", r"`(old|new): ",
           r"parameter `", r"rule `", r"annex_row `", r"` (changed|added|removed)\b",
           r"\| (changed|added|removed) \|", r" since \d{4}-", r"exact bound", r"bisection over days",
           r"not partitioned", r"one axis at a time", r"pairs of factors", r"smallest example",
           r"None -(>|&gt;) ", r"-(>|&gt;) None"]
#: Their French words: none of them in an English report. The accord's text and the test cases' names are
#: French and stay so, hence the context around each word (a backquote, a colon, a date).
FRENCH = [r"cas de test ", r"début déplacé au", r"du tableau par paires", r"réduite à :",
          r"juste en dessous de `", r"juste au-dessus de `", r"(?<![\w-])sur `", r"basculement de `",
          r"(ancienne|nouvelle) version :", r"paramètre `", r"règle `", r"ligne de l'annexe `",
          r"` (modifiée?|ajoutée?|retirée?)\b", r"\| (modifiée?|ajoutée?|retirée?) \|", r"depuis le \d{4}-",
          r"borne exacte", r"dichotomie", r"non partitionné", r"un axe à la fois", r"paires de facteurs",
          r"plus petit exemple"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Each worked amendment's diff in each language: text on standard output, markdown and JSON in files."""
    out = {}
    for name in AMENDMENTS:
        patch = ROOT / "examples" / "amendments" / name / "amendment.patch"
        for lang in ("fr", "en"):
            folder = tmp_path_factory.mktemp(f"{name}-{lang}")
            md, js = folder / "r.md", folder / "r.json"
            result = CliRunner().invoke(main, ["diff", str(POLICIES), str(patch), "--lang", lang,
                                               "-o", f"markdown={md}", "-o", f"json={js}"])
            assert result.exit_code == 1, result.output
            out[name, lang] = {"text": result.output, "markdown": md.read_text(encoding="utf-8"),
                               "json": json.loads(js.read_text(encoding="utf-8"))}
    return out


def _found(patterns, text):
    import re

    return [p for p in patterns if re.search(p, text)]


@pytest.mark.slow
@pytest.mark.parametrize("name", AMENDMENTS)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("lang, other, own", [
    ("fr", ENGLISH, ["cas de test ", "plus petit exemple"]),
    ("en", FRENCH, ["test case ", "smallest example"]),
])
def test_a_diff_says_its_words_in_one_language(reports, name, fmt, lang, other, own):
    """The French report has none of the English words it replaced, the English none of the French."""
    text = reports[name, lang][fmt]
    assert _found(other, text) == []
    assert _found(own, text) == own  # the provenance is there, in the language asked


@pytest.mark.slow
@pytest.mark.parametrize("name", AMENDMENTS)
def test_the_json_says_its_sentences_and_keeps_its_identifiers(reports, name):
    french, english = reports[name, "fr"]["json"], reports[name, "en"]["json"]
    assert [c["what"] for c in french["structural"]] == [c["what"] for c in english["structural"]]
    kinds = [[f["kind"] for f in report["behavioural"]["flips"]] for report in (french, english)]
    assert kinds[0] == kinds[1] and kinds[0]
    origins = [f["origin"] for f in french["behavioural"]["flips"]]
    assert origins and all(o.startswith("cas de test ") for o in origins)
    assert all(o.startswith("test case ") for o in (f["origin"] for f in english["behavioural"]["flips"]))
    for report, patterns in ((french, ENGLISH), (english, FRENCH)):
        prose = [*report["behavioural"]["probes"], *(d for c in report["structural"] for d in c["detail"]),
                 *(f["origin"] for f in report["behavioural"]["flips"])]
        assert _found(patterns, "\n".join(prose)) == []
