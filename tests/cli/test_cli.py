"""The command line, through click's runner, and once through the installed entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from proa_policy.cli import main

from ..conftest import BASE, ROOT

EXAMPLES = ROOT / "examples" / "dossiers"
ELIGIBLE = EXAMPLES / "eligible-rncp-ett.yaml"
INELIGIBLE = EXAMPLES / "incomplete-art5-no-tutor.yaml"  # verdict incomplete: exit 1 like ineligible
INVALID = EXAMPLES / "invalid-date.yaml"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.mark.parametrize("paths, code", [
    ([ELIGIBLE], 0),
    ([ELIGIBLE, INELIGIBLE], 1),
    ([ELIGIBLE, INELIGIBLE, INVALID], 2),
    ([ELIGIBLE, "missing-file.yaml"], 2),
])
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "junit", "github", "sarif", "markdown"])
def test_exit_code_depends_only_on_verdicts(paths, code, fmt):
    assert run("evaluate", *paths, "--format", fmt).exit_code == code


def test_json_records_one_per_input_in_order():
    result = run("evaluate", INVALID, ELIGIBLE, "nope.json", INELIGIBLE, "--format", "json")
    records = json.loads(result.output)
    assert [r["verdict"] for r in records] == ["invalid", "eligible", "invalid", "incomplete"]
    assert records[0]["errors"][0]["pointer"] == "/pro_a/end_date"
    assert records[0]["errors"][0]["line"] > 1
    assert records[2]["errors"][0]["message"] == "fichier introuvable"
    assert records[3]["violations"][0] == {
        **records[3]["violations"][0],
        "rule": "art5.tutor",
        "article": "5",
    }
    for record in records:
        assert {"source", "id", "verdict", "violations", "warnings", "funding"} <= set(record)


def test_violations_carry_pointer_and_line():
    record = json.loads(run("evaluate", INELIGIBLE, "--format", "jsonl").output)
    violation = record["violations"][0]
    assert violation["pointer"] == "/pro_a/tutor_designated"
    lines = INELIGIBLE.read_text(encoding="utf-8").splitlines()
    assert "tutor_designated" in lines[violation["line"] - 1]


def test_text_report_is_french_with_articles_and_ceiling():
    output = run("evaluate", INELIGIBLE).output
    assert "À COMPLÉTER" in output and "article 5 · art5.tutor" in output
    assert "reste à faire, dans l'ordre :\n    1. article 5 · art5.tutor" in output  # the steps, numbered
    assert "plafond de prise en charge qui s'appliquerait si le dossier était éligible : 4 080,00 €" in output
    assert "1 dossier(s) : 0 éligible(s), 1 à compléter, 0 inéligible(s)" in output
    english = run("evaluate", INELIGIBLE, "--lang", "en").output
    assert "TO COMPLETE" in english and "no tutor is designated" in english and "« Durant l'action" in english
    eligible = run("evaluate", ELIGIBLE).output
    assert "plafond de prise en charge : 4 080,00 €" in eligible


def test_stdin_json_and_yaml():
    document = json.dumps(BASE, default=float)
    assert run("evaluate", "-", input=document).exit_code == 0
    assert run("evaluate", "-", input=ELIGIBLE.read_text(encoding="utf-8")).exit_code == 0
    result = run("evaluate", "-", "--format", "jsonl", input="{not json")
    assert result.exit_code == 2 and json.loads(result.output)["source"] == "-"


def test_directories_recursive_with_include_and_exclude(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(ELIGIBLE, tmp_path / "a" / "one.yaml")
    shutil.copy(INELIGIBLE, tmp_path / "a" / "b" / "two.yaml")
    (tmp_path / "a" / "notes.txt").write_text("not a dossier")
    records = [json.loads(l) for l in run("evaluate", tmp_path, "--format", "jsonl").output.splitlines()]
    assert [Path(r["source"]).name for r in records] == ["two.yaml", "one.yaml"] or \
           sorted(Path(r["source"]).name for r in records) == ["one.yaml", "two.yaml"]
    only = run("evaluate", tmp_path, "--include", "one.*", "--format", "jsonl").output.splitlines()
    assert len(only) == 1
    assert run("evaluate", tmp_path, "--exclude", "*two*").exit_code == 0


def test_json_lines_input_reports_bad_lines_and_goes_on(tmp_path):
    good = json.dumps(BASE, default=float)
    path = tmp_path / "batch.jsonl"
    path.write_text(f"{good}\n{{broken\n\n{good}\n", encoding="utf-8")
    result = run("evaluate", path, "--format", "jsonl")
    records = [json.loads(l) for l in result.output.splitlines()]
    assert [(r["source"].rsplit(":", 1)[1], r["verdict"]) for r in records] == [
        ("1", "eligible"), ("2", "invalid"), ("4", "eligible")]
    assert result.exit_code == 2


def test_outputs_written_atomically_and_terminal_gets_text(tmp_path):
    sarif, junit = tmp_path / "r.sarif", tmp_path / "r.xml"
    result = run("evaluate", ELIGIBLE, INELIGIBLE, "--output", f"sarif={sarif}", "-o", f"junit={junit}")
    assert result.exit_code == 1
    assert "À COMPLÉTER" in result.output
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert junit.read_text().startswith("<?xml")
    assert not list(tmp_path.glob(".proa-policy-*"))


def test_jobs_give_the_same_bytes(tmp_path):
    one = run("evaluate", EXAMPLES, "--format", "jsonl").output
    two = run("evaluate", EXAMPLES, "--format", "jsonl", "--jobs", "2").output
    assert one == two and len(one.splitlines()) == len(list(EXAMPLES.iterdir()))


def test_explain_prints_each_rule_with_values_and_parameters():
    output = run("evaluate", INELIGIBLE, "--explain").output
    assert "✓ art4.training_floor" in output and "✗ art5.tutor" in output
    assert "paramètre training_min_hours = 150" in output
    assert "/pro_a/training_hours" in output
    trace = json.loads(run("evaluate", INELIGIBLE, "--explain", "--format", "jsonl").output)["trace"]
    assert {t["status"] for t in trace} == {"passed", "failed", "not_reached"}


def test_as_of_applies_another_date():
    record = json.loads(run("evaluate", ELIGIBLE, "--as-of", "2030-01-01", "--format", "jsonl").output)
    assert record["evaluation_date"] == "2030-01-01"
    assert run("evaluate", ELIGIBLE, "--as-of", "2021-02-30").exit_code == 2


def test_validate_schema_only():
    assert run("validate", ELIGIBLE, INELIGIBLE).exit_code == 0
    result = run("validate", INVALID, "--format", "jsonl")
    assert result.exit_code == 2 and "/pro_a/end_date" in result.output


def test_certifications_lookup():
    rows = json.loads(run("certifications", "RNCP4018", "--format", "json").output)
    assert rows[0]["excluded_from_extension"] is True and rows[0]["eligible"] is False
    assert "exclue de l'extension" in rows[0]["reason"]
    rows = json.loads(run("certifications", "soudeur", "--format", "json").output)
    assert rows and all(
        {"sector", "sub_sector", "occupation", "title", "rncp", "level"} <= set(r) for r in rows
    )
    assert run("certifications", "--sector", "BTP").exit_code == 0
    assert run("certifications", "zzzz-nothing").exit_code == 1


def test_schema_command_prints_the_dossier_schema():
    assert json.loads(run("schema").output)["title"].startswith("Dossier Pro-A")
    assert json.loads(run("schema", "--policy").output)["title"].startswith("Fichier de politique")


def test_explain_article_and_rule():
    output = run("explain", "5").output
    assert "exclu" in output and "lettre de mission-formation" in output and "art5.tutor" in output
    assert "150" in run("explain", "art4.training_floor").output
    assert run("explain", "9").exit_code == 2
    assert "3.1" in run("explain", "3.1").output


def test_check_and_test_commands():
    result = run("check")
    assert result.exit_code == 0 and "0 error(s)" in result.output
    result = run("test", "--coverage", "--coverage-threshold", "100")
    assert result.exit_code == 0 and "coverage 100.0 %" in result.output


def test_unknown_policy_dir_is_a_usage_error(tmp_path):
    assert run("evaluate", ELIGIBLE, "--policies", tmp_path).exit_code == 2


@pytest.mark.slow
def test_installed_entry_point():
    exe = shutil.which("proa-policy")
    command = [exe] if exe else [sys.executable, "-m", "proa_policy.cli"]
    done = subprocess.run(
        [*command, "evaluate", str(ELIGIBLE), "--format", "jsonl"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "eligible"


def test_installed_package_finds_its_bundled_data(tmp_path, monkeypatch):
    """A wheel puts policies/ and schemas/ under proa_policy/_data: that copy is preferred when present."""
    import proa_policy.resources as resources

    bundled = tmp_path / "proa_policy"
    shutil.copytree(ROOT / "schemas", bundled / "_data" / "schemas")
    shutil.copytree(ROOT / "policies", bundled / "_data" / "policies")
    monkeypatch.setattr(resources, "_PACKAGE", bundled)
    assert resources.default_policies() == bundled / "_data" / "policies" / "pro-a-interim-cdi"
    assert resources.schema_path("dossier.schema.json").is_file()


def test_reading_errors_in_french_by_default_and_english_on_request():
    french = json.loads(run("evaluate", "-", "--format", "jsonl", input='{"id": 1, "id": 2}').output)
    english = json.loads(
        run("evaluate", "-", "--format", "jsonl", "--lang", "en", input='{"id": 1, "id": 2}').output
    )
    assert french["errors"][0]["message"] == "clé en double `id`"
    assert english["errors"][0]["message"] == "duplicate key `id`"
