"""The tool's words come from one catalogue per language (wording.py); every command takes `--lang`; the
accord's text and quotes stay French, and an English report says so once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.wording import MESSAGES, say

from .conftest import edited_set


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_language_has_every_message():
    assert set(MESSAGES["fr"]) == set(MESSAGES["en"])


def test_say_fills_in_values():
    assert say("annex.count", "en", count=3) == "3 annex row(s)"
    assert say("annex.count", "fr", count=3) == "3 ligne(s) de l'annexe"


@pytest.mark.parametrize("command", ["evaluate", "validate", "check", "test", "explain", "certifications"])
def test_every_command_takes_lang(command):
    assert "--lang" in run(command, "--help").output


@pytest.mark.parametrize("lang, words", [("fr", "fichier introuvable"), ("en", "file not found")])
def test_a_missing_file_is_said_in_the_language_asked(tmp_path, lang, words):
    missing = str(tmp_path / "absent.json")
    for command in ("evaluate", "validate"):
        result = run(command, missing, "--lang", lang, "--format", "jsonl")
        assert result.exit_code == 2
        assert json.loads(result.stdout.splitlines()[0])["errors"][0]["message"] == words


def test_explain_in_english_keeps_the_accord_in_french_and_says_so_once():
    result = run("explain", "6", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.count(say("french_only", "en")) == 1
    assert "parameter hourly_rate_eur = 17.00 EUR per hour since 2021-05-12" in result.stdout
    assert "Le forfait de prise en charge" in result.stdout  # the accord's text, untranslated
    assert say("french_only", "fr") not in run("explain", "6").stdout


def test_a_rule_may_carry_an_english_title_and_interpretation(tmp_path, monkeypatch):
    monkeypatch.setenv("PROA_POLICY_NO_CACHE", "1")
    title = '    title: "Le montant demandé ne dépasse pas le forfait"\n'
    target = edited_set(tmp_path, "article-06.yaml", title,
                        title + '    title_en: "The amount requested is within the flat rate"\n')
    english = run("explain", "art6.funding_within_ceiling", "--lang", "en", "--policies", str(target))
    assert english.exit_code == 0, english.output
    assert "art6.funding_within_ceiling — The amount requested is within the flat rate" in english.stdout
    french = run("explain", "art6.funding_within_ceiling", "--policies", str(target))
    assert "— Le montant demandé ne dépasse pas le forfait" in french.stdout


def test_check_and_test_reports_follow_lang():
    english = run("check", "--format", "markdown", "--lang", "en").stdout
    french = run("check", "--format", "markdown").stdout
    assert "| item | status | findings |" in english and "| élément | statut | constats |" in french
    assert "passed" in run("test", "-k", "art06", "--format", "markdown", "--lang", "en").stdout


@pytest.mark.parametrize("lang, words", [("fr", "fichier vide"), ("en", "empty file")])
def test_every_reading_error_of_the_inputs_follows_lang(tmp_path, lang, words):
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    result = run("evaluate", str(empty), "--lang", lang, "--format", "jsonl")
    assert json.loads(result.stdout)["errors"][0]["message"] == words


def test_the_inputs_word_no_reading_error_outside_the_catalogue():
    from pathlib import Path

    source = (Path(__file__).resolve().parent.parent / "src" / "proa_policy" / "read" / "inputs.py").read_text("utf-8")
    assert 'DocumentError("' not in source and 'DocumentError(f"' not in source


def test_an_english_text_report_says_once_that_the_quotes_stay_french():
    from .conftest import ROOT

    ineligible = [str(p) for p in sorted((ROOT / "examples" / "dossiers").glob("ineligible-*"))[:2]]
    english = run("evaluate", *ineligible, "--lang", "en").stdout
    assert english.count(say("french_only", "en")) == 1 and english.rstrip().endswith(say("french_only", "en"))
    assert "« " in english  # a quote of the accord, in French
    assert say("french_only", "fr") not in run("evaluate", *ineligible).stdout
