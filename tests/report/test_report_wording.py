"""The reports take their words from the one catalogue (wording/): every key they say exists in French and
in English, and the catalogue's `report.*` section holds no word no report says. (That no module keeps a
table per language or chooses its words by `if lang == "fr"`: tests/test_words_in_one_place.py, package-wide.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.report import items, text
from proa_policy.wording import LANGUAGES, MESSAGES, VERDICT_LABELS, say, translated

from ..conftest import ROOT

REPORT = ROOT / "src" / "proa_policy" / "report"
MODULES = sorted(REPORT.glob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), filename=str(path))


def test_the_scan_covers_every_report_module():
    assert {path.name for path in MODULES} >= {
        "text.py", "markdown.py", "junit.py", "sarif.py", "github.py", "items.py", "explain.py", "sinks.py",
        "diffreport.py", "diffpage.py", "worddiff.py", "readable.py", "spreadsheet.py"
    }


def _said_keys(path: Path) -> tuple[set[str], set[str]]:
    """The catalogue keys a module names: the first argument of each `say(...)` and every text that is a key
    of one language at least (a key held in a table of keys, as items.RULE_KEYS); and the patterns of the
    keys it makes (`f"report.status.{status}"`)."""
    known = set().union(*map(set, MESSAGES.values()))
    keys, patterns = set(), set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            keys.add(node.value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and node.args:
            key = node.args[0]
            if isinstance(key, ast.Constant):
                keys.add(key.value)
            elif isinstance(key, ast.JoinedStr):
                patterns.add("".join(re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z_]+"
                                     for part in key.values))
    return keys, patterns


def test_every_word_of_the_reports_section_is_said_by_a_report():
    """The `report.*` section of the catalogue holds no dead word (and the scan does see the keys)."""
    used = [_said_keys(path) for path in MODULES]
    keys = set().union(*(k for k, _ in used))
    patterns = set().union(*(p for _, p in used))
    section = {key for key in MESSAGES["en"] if key.startswith("report.")}
    unsaid = {key for key in section - keys if not any(re.fullmatch(p, key) for p in patterns)}
    assert unsaid == set()
    assert {"report.colon", "report.summary", "report.items.summary", "explain.rule_parameter"} <= keys


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_every_key_a_report_says_exists_in_both_languages(path):
    keys, patterns = _said_keys(path)
    for lang in LANGUAGES:
        assert sorted(keys - set(MESSAGES[lang])) == [], lang
        for pattern in patterns:
            matching = {key for key in MESSAGES[lang] if re.fullmatch(pattern, key)}
            assert matching, (lang, pattern)
            assert matching == {key for key in MESSAGES["fr"] if re.fullmatch(pattern, key)}, pattern


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_made_from_a_status_is_in_the_catalogue(lang):
    """The keys made from a value (`report.status.{status}`…) exist for every value it can take."""
    for status in text.STATUS_MARKS:
        assert f"report.status.{status}" in MESSAGES[lang]
    for status in items.STATUSES:
        assert f"report.item.{status}" in MESSAGES[lang]
    for article in load_policies().document.articles:
        assert f"extension.{article.extension.status}" in MESSAGES[lang]
    for keys in (*items.NOUN_KEYS.values(), "report.noun.other", *(k for ks in items.RULE_KEYS.values()
                                                                  for k in ks)):
        assert keys in MESSAGES[lang]


def test_the_text_report_writes_the_one_verdict_name_in_capitals():
    """The capitals are derived from wording.VERDICT_LABELS, byte for byte what the report always wrote."""
    assert {v: text.verdict_in_capitals(v, "fr") for v in VERDICT_LABELS["fr"]} == {
        "eligible": "ÉLIGIBLE", "ineligible": "INÉLIGIBLE", "not_applicable": "NON APPLICABLE",
        "invalid": "INVALIDE", "incomplete": "À COMPLÉTER"}
    assert {v: text.verdict_in_capitals(v, "en") for v in VERDICT_LABELS["en"]} == {
        "eligible": "ELIGIBLE", "ineligible": "INELIGIBLE", "not_applicable": "NOT APPLICABLE",
        "invalid": "INVALID", "incomplete": "TO COMPLETE"}
    assert "\u00c9LIGIBLE" == text.verdict_in_capitals("eligible", "fr")  # one precomposed É, as before


@pytest.mark.parametrize("lang, colon, warning", [("fr", " : ", "avertissement"), ("en", ": ", "warning")])
def test_every_format_follows_the_colon_convention_of_its_language(lang, colon, warning):
    assert say("report.colon", lang) == colon
    dossier = str(ROOT / "examples" / "dossiers" / "eligible-warning-funding-above-ceiling.yaml")
    for fmt in ("text", "markdown", "junit"):
        result = CliRunner().invoke(main, ["evaluate", dossier, "--format", fmt, "--lang", lang])
        assert result.exit_code == 0, result.output
        assert f"{warning}{colon}" in result.stdout, fmt


def test_a_policy_field_is_chosen_in_english_only_when_given():
    assert translated("titre", "title", "en") == "title"
    assert translated("titre", "", "en") == "titre"
    assert translated("titre", "title", "fr") == "titre"
