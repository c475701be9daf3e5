"""Amendments reviewed like code: the three fictitious worked amendments, `diff`, `check --base`, dated
rules."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.amend.revisions import apply_patch

from ..conftest import POLICIES, ROOT, dossier

pytestmark = pytest.mark.slow  # about half the suite's time: `-m "not slow"` while working; CI runs them all

AMENDMENTS = ROOT / "examples" / "amendments"


def run_diff(*args):
    result = CliRunner().invoke(main, ["diff", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def structural(report):
    return {(c["article"], c["kind"], c["what"], c["name"]) for c in report["structural"]}


def flips(report):
    return {f["kind"]: f for f in report["behavioural"]["flips"]}


def test_every_amendment_says_it_is_fictitious():
    patches = sorted(AMENDMENTS.glob("*/amendment.patch"))
    assert len(patches) == 3
    for patch in patches:
        assert patch.read_text(encoding="utf-8").startswith("FICTITIOUS AMENDMENT")
        assert "FICTIF" in patch.read_text(encoding="utf-8")


def test_hourly_rate_19_from_2027(tmp_path):
    code, report = run_diff(str(POLICIES), str(AMENDMENTS / "01-hourly-rate-19" / "amendment.patch"))
    assert code == 1
    assert structural(report) == {
        ("manifest", "changed", "version", "pro-a-interim-cdi"),
        ("6", "changed", "version", "6"),
        ("6", "changed", "parameter", "hourly_rate_eur"),
    }
    change = next(c for c in report["structural"] if c["what"] == "parameter")
    assert change["detail"][0].startswith("+ 19 depuis le 2027-01-01")
    found = flips(report)
    assert set(found) == {"funding ceiling changed", "warnings changed"}
    example = found["funding ceiling changed"]
    assert example["example"]["pro_a"]["start_date"] >= "2027-01-01"
    hours = example["example"]["pro_a"]["training_hours"]
    assert (example["old"]["ceiling_eur"], example["new"]["ceiling_eur"]) == (17 * hours, 19 * hours)
    assert not any("->" in kind for kind in found)  # no verdict changes


def test_contrat_de_mission_from_march_2027():
    code, report = run_diff(str(POLICIES), str(AMENDMENTS / "02-contrat-de-mission" / "amendment.patch"))
    assert code == 1
    assert structural(report) == {
        ("manifest", "changed", "version", "pro-a-interim-cdi"),
        ("2", "changed", "version", "2"),
        ("2", "changed", "text", "2"),
        ("2", "changed", "rule", "art2.cdi_interimaire"),
        ("2", "added", "rule", "art2.cdi_or_mission"),
    }
    found = flips(report)
    assert "ineligible -> eligible" in found
    assert "eligible -> ineligible" not in found
    example = found["ineligible -> eligible"]
    assert example["example"]["employee"]["contract"] == "contrat_de_mission"
    assert example["example"]["pro_a"]["start_date"] >= "2027-03-01"
    assert example["old"]["violations"] == ["art2.cdi_interimaire"] and example["new"]["violations"] == []


def test_annex_update_adds_and_retires_a_certification():
    code, report = run_diff(str(POLICIES), str(AMENDMENTS / "03-annex-update" / "amendment.patch"))
    assert code == 1
    assert structural(report) == {
        ("manifest", "changed", "version", "pro-a-interim-cdi"),
        ("annexe", "changed", "version", "annexe"),
        ("annexe", "changed", "annex_row", "RNCP1120 (Préparateur de commandes)"),
        ("annexe", "added", "annex_row", "RNCP99001 (FICTIF — Opérateur de démonstration)"),
    }
    found = flips(report)
    lost, gained = found["eligible -> ineligible"], found["ineligible -> eligible"]
    assert lost["example"]["pro_a"]["certification"]["rncp"] == "RNCP1120"
    assert lost["new"]["violations"] == ["art3.rncp_listed"]
    assert gained["example"]["pro_a"]["certification"]["rncp"] == "RNCP99001"
    assert lost["example"]["pro_a"]["start_date"] >= "2027-07-01"


def test_identical_versions_decide_identically():
    code, report = run_diff(str(POLICIES), str(POLICIES))
    assert code == 0
    assert report["structural"] == [] and report["behavioural"]["flips"] == []
    assert report["behavioural"]["explored"] > 1000


@pytest.mark.parametrize("name", ["01-hourly-rate-19", "02-contrat-de-mission", "03-annex-update"])
def test_amended_sets_check_and_pass_their_own_tests(tmp_path, name):
    amended = apply_patch(POLICIES, AMENDMENTS / name / "amendment.patch", tmp_path / "set")
    runner = CliRunner()
    check = runner.invoke(main, ["check", "--policies", str(amended)])
    assert check.exit_code == 0, check.output
    tests = runner.invoke(main, ["test", "--policies", str(amended), "--coverage"])
    assert tests.exit_code == 0, tests.output


def test_dossier_started_before_an_amendment_keeps_its_rules(tmp_path):
    amended = load_policies(
        apply_patch(POLICIES, AMENDMENTS / "01-hourly-rate-19" / "amendment.patch", tmp_path / "set")
    )
    before = amended.evaluate(dossier(pro_a__start_date="2026-12-31", pro_a__end_date="2027-12-30"))
    after = amended.evaluate(dossier(pro_a__start_date="2027-01-01", pro_a__end_date="2027-12-31"))
    assert (before.funding["ceiling_eur"], after.funding["ceiling_eur"]) == (6800, 7600)
    assert before.to_dict()["policy"]["version"] == "1.2.0"
    import datetime as dt
    as_of = amended.evaluate(
        dossier(pro_a__start_date="2026-12-31", pro_a__end_date="2027-12-30"), as_of=dt.date(2027, 1, 1)
    )
    assert as_of.funding["ceiling_eur"] == 7600


def test_rule_retired_at_a_date(tmp_path):
    amended = load_policies(
        apply_patch(POLICIES, AMENDMENTS / "02-contrat-de-mission" / "amendment.patch", tmp_path / "set")
    )
    mission = {"employee__contract": "contrat_de_mission"}
    old = amended.evaluate(dossier(pro_a__start_date="2027-02-28", pro_a__end_date="2028-02-27", **mission))
    new = amended.evaluate(dossier(pro_a__start_date="2027-03-01", pro_a__end_date="2028-02-29", **mission))
    assert [v.rule for v in old.violations] == ["art2.cdi_interimaire"]
    assert new.eligible


@pytest.fixture
def repo(tmp_path):
    """A scratch git repository holding a copy of the policy set, committed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    target = tmp_path / "repo" / "policies" / "pro-a-interim-cdi"
    shutil.copytree(POLICIES, target)
    git = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=ci"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path / "repo", check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path / "repo", check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tmp_path / "repo", check=True)
    return target


def test_check_base_requires_version_bumps_and_a_changelog_entry(repo, monkeypatch):
    monkeypatch.chdir(repo.parent.parent)
    article = repo / "article-06.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace("value: 17\n", "value: 18\n"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--policies", str(repo), "--base", "HEAD"])
    assert result.exit_code == 2
    assert "article-06.yaml:1: error: changed since HEAD but its version is still 1.1.0" in result.output
    assert "policy set's version is still 1.1.1" in result.output
    assert "add an entry to CHANGELOG.md" in result.output


def test_check_base_passes_a_well_formed_amendment(repo, monkeypatch, tmp_path):
    monkeypatch.chdir(repo.parent.parent)
    subprocess.run(
        ["git", "apply", "-p1", str(AMENDMENTS / "01-hourly-rate-19" / "amendment.patch")],
        cwd=repo,
        check=True,
    )
    result = CliRunner().invoke(main, ["check", "--policies", str(repo), "--base", "HEAD"])
    assert result.exit_code == 0, result.output


def test_diff_reads_git_revisions_without_checkout(repo, monkeypatch):
    monkeypatch.chdir(repo.parent.parent)
    subprocess.run(
        ["git", "apply", "-p1", str(AMENDMENTS / "01-hourly-rate-19" / "amendment.patch")],
        cwd=repo,
        check=True,
    )
    code, report = run_diff("git:HEAD", str(repo), "--policies", str(repo))
    assert code == 1
    assert ("6", "changed", "parameter", "hourly_rate_eur") in structural(report)
    assert subprocess.run(
        ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()


def test_diff_markdown_is_a_pull_request_comment():
    result = CliRunner().invoke(
        main,
        [
            "diff",
            str(POLICIES),
            str(AMENDMENTS / "01-hourly-rate-19" / "amendment.patch"),
            "--format",
            "markdown",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith("## proa-policy diff")
    assert "| 6 | changed | parameter `hourly_rate_eur` |" in result.output
    assert "How complete is this exploration" in result.output


def test_malformed_test_files_are_located_errors_not_tracebacks(tmp_path):
    """`proa-policy test` on a broken test file: `file:line` and the key, exit 2, no traceback."""
    target = tmp_path / "set"
    shutil.copytree(POLICIES, target)
    (target / "tests" / "broken.yaml").write_text(
        "kind: tests\narticle: \"4\"\ncases:\n"
        "  - name: \"sans attente\"\n    base: eligible\n"
        "  - name: \"base inconnue\"\n    base: nowhere\n    expect: {verdict: eligible}\n"
        "  - name: \"clé en trop\"\n    base: eligible\n    surprise: 1\n    expect: {verdict: eligible}\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["test", "--policies", str(target)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "broken.yaml:4:5: error: cases/0: 'expect' is a required property" in result.output
    assert "broken.yaml:11:5: error: cases/2: unknown key(s): `surprise`" in result.output
