"""The tool's words come from one catalogue per language (wording/); every command takes `--lang`; the
accord's text and quotes stay French, and an English report says so once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from proa_policy import wording
from proa_policy.cli import main
from proa_policy.errors import DocumentError
from proa_policy.read.documents import load_text
from proa_policy.wording import MESSAGES, Words, say

from .conftest import ROOT, edited_set


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_language_has_every_message():
    assert set(MESSAGES["fr"]) == set(MESSAGES["en"])


def test_say_fills_in_values():
    assert say("annex.count", "en", count=3) == "3 annex row(s)"
    assert say("annex.count", "fr", count=3) == "3 ligne(s) de l'annexe"


@pytest.mark.parametrize(
    "command", ["evaluate", "validate", "check", "test", "explain", "certifications", "diff"]
)
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
    source = (ROOT / "src" / "proa_policy" / "read" / "inputs.py").read_text("utf-8")
    assert 'DocumentError("' not in source and 'DocumentError(f"' not in source


# One input per reading error of read/documents.py: (file name, text, key of the catalogue, its values).
DOCUMENT_ERRORS = [
    ("a.json", '{"a": 1, "a": 2}', "read.duplicate_key", {"key": "a"}),
    ("a.json", '{"a": NaN}', "read.not_finite", {"text": "NaN"}),
    ("a.json", '{"a": 1e400}', "read.out_of_range", {"text": "1e400", "limit": 100}),
    ("a.json", '{"a": ' + "1" * 150 + "}", "read.number_too_long", {"limit": 100, "start": "1" * 20}),
    ("a.json", '{"a": "\\ud800"}', "read.half_surrogate", {"escape": "\\ud800"}),
    ("a.json", "[" * 70 + "]" * 70, "read.nesting", {"limit": 64}),
    ("a.yaml", "# nothing\n", "read.empty_document", {}),
    ("a.yaml", "a: &x 1\nb: *x\n", "read.alias", {}),
    ("a.yaml", "a: !!bool yes\n", "read.invalid_yaml",
     {"detail": Words("read.not_boolean", {"text": "yes"})}),
    ("a.yaml", "a: !!seq x\n", "read.invalid_yaml", {"detail": Words("read.expected_sequence")}),
    ("a.yaml", "a: !!map x\n", "read.invalid_yaml", {"detail": Words("read.expected_mapping")}),
    ("a.yaml", "a:\n  !!merge <<: {b: 1}\n", "read.invalid_yaml", {"detail": Words("read.merge_key")}),
    ("a.yaml", "? [1]\n: 2\n", "read.invalid_yaml", {"detail": Words("read.key_not_text", {"key": "[1]"})}),
    ("a.yaml", "a: 1\na: 2\n", "read.invalid_yaml", {"detail": Words("read.duplicate_key", {"key": "a"})}),
    ("a.yaml", "a: !!set {}\n", "read.invalid_yaml",
     {"detail": Words("read.tag", {"tag": "tag:yaml.org,2002:set"})}),
    ("a.yaml", "a: 1\n---\nb: 2\n", "read.invalid_yaml", {"detail": Words("read.single_document")}),
    ("a.yaml", "a: !!int 0x1F\n", "read.invalid_yaml",
     {"detail": Words("read.not_integer", {"text": "0x1F"})}),
    ("a.yaml", "a: !!float abc\n", "read.invalid_yaml",
     {"detail": Words("read.not_number", {"text": "abc"})}),
    ("a.yaml", "a: \x01\n", "read.yaml_character",
     {"code": "0001", "reason": "control characters are not allowed"}),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name, text, key, values", DOCUMENT_ERRORS, ids=[f"{c[2]}-{i}" for i, c in
                                                                           enumerate(DOCUMENT_ERRORS)])
def test_every_reading_error_of_the_documents_follows_lang(tmp_path, name, text, key, values, lang):
    """The JSON and YAML reader's errors are keys of the catalogue, said in the language of the command."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("evaluate", str(path), "--lang", lang, "--format", "jsonl")
    assert json.loads(result.stdout)["errors"][0]["message"] == say(key, lang, **values)


def test_the_documents_api_still_words_its_errors_in_english():
    """`load_json`/`load_yaml` raise with an English `message` (policy authors, the Python API)."""
    with pytest.raises(DocumentError) as caught:
        load_text("a.yaml", "a: !!bool yes\n")
    assert caught.value.message == "invalid YAML: not a boolean (true or false): `yes`"
    assert caught.value.key == "read.invalid_yaml"


def test_the_documents_word_no_reading_error_outside_the_catalogue():
    """No error text is written in read/documents.py, and nothing is translated by pattern any more."""
    source = "".join((ROOT / "src" / "proa_policy" / "read" / name).read_text("utf-8")
                     for name in ("documents.py", "jsontext.py", "yamltext.py", "values.py"))
    for written in ("DocumentError(", "ConstructorError(None", "ComposerError(None", "ValueError(f",
                    'ValueError("'):
        assert written not in source
    catalogue = "".join(path.read_text("utf-8")
                        for path in (ROOT / "src" / "proa_policy" / "wording").glob("*.py"))
    assert not hasattr(wording, "in_french") and "re.compile" not in catalogue


def test_an_english_text_report_says_once_that_the_quotes_stay_french():
    ineligible = [str(p) for p in sorted((ROOT / "examples" / "dossiers").glob("ineligible-*"))[:2]]
    english = run("evaluate", *ineligible, "--lang", "en").stdout
    once = say("french_only", "en")
    assert english.count(once) == 1 and english.rstrip().endswith(once)
    assert "« " in english  # a quote of the accord, in French
    assert say("french_only", "fr") not in run("evaluate", *ineligible).stdout
