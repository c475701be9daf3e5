"""The reports of `validate`, `check` and `test` (report/items.py), built from real results in every format.

SARIF and JUnit are validated against the vendored schemas, with the helpers of test_report_formats.
"""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

import pytest

from proa_policy.dossier.schema import DossierSchema
from proa_policy.errors import DossierIssue, PolicyProblem
from proa_policy.authoring.lint import check_policy_set
from proa_policy.report import github
from proa_policy.report.items import (FORMATS, Item, ItemFinding, items_from_check, items_from_tests,
                                      items_from_validation, render, split_source, summarize)
from proa_policy.source import SourceSpan
from proa_policy.authoring.cases import load_cases, run_cases

from ..conftest import POLICIES, dossier
from .test_report_formats import JUNIT_XSD, cells, validate_sarif

# --- the three commands' results, as items ---------------------------------------


@pytest.fixture(scope="module")
def check_items(policies) -> list[Item]:
    problems = check_policy_set(policies)
    assert problems and all(p.severity == "warning" for p in problems)  # the annex's duplicated rows
    # One error too, in a file that is not a policy file, so that some item fails.
    stray = PolicyProblem(SourceSpan("policies/extra, 50%.yaml", 3, 7), "rule `x`: unknown parameter `y`")
    return items_from_check([*problems, stray], files=[a.file for a in policies.document.articles])


@pytest.fixture(scope="module")
def validation_items() -> list[Item]:
    issues = DossierSchema().issues(dossier(pro_a__start_date=..., employee__contract="x"))
    assert len(issues) == 2
    located = [dataclasses.replace(issue, line=7 + i, column=3) for i, issue in enumerate(issues)]
    unreadable = DossierIssue("", "JSON invalide : `}` inattendu", 1, 5, "document")
    return items_from_validation(
        [
            ("examples/ok.yaml", []),
            ("examples/bad.yaml", located),
            ("batch/dossiers.jsonl:3", [dataclasses.replace(issues[0], line=1, column=42)]),
            ("-", [unreadable]),
        ]
    )


@pytest.fixture(scope="module")
def case_results(policies):
    cases, problems = load_cases(POLICIES)
    assert cases and not problems
    case = cases[0]
    wrong = dataclasses.replace(
        case,
        name=case.name + " (altered)",
        expect={**case.expect, "verdict": "not_applicable", "violations": ["art4.nope"]},
    )
    results = run_cases(policies, [*cases[:3], wrong])
    assert [r.passed for r in results] == [True, True, True, False]
    return results


@pytest.fixture(scope="module")
def test_items(case_results) -> list[Item]:
    return items_from_tests(case_results)


@pytest.fixture(scope="module")
def all_items(check_items, validation_items, test_items) -> dict[str, list[Item]]:
    return {"check": check_items, "validate": validation_items, "test": test_items}


# --- adapters ------------------------------------------------------------------

def test_check_items(policies, check_items):
    names = [i.name for i in check_items]
    assert names[:len(policies.document.articles)] == [a.file for a in policies.document.articles]
    assert names[-1] == "policies/extra, 50%.yaml"
    by_name = {i.name: i for i in check_items}
    annex = next(i for i in check_items if i.name.endswith("annexe.yaml"))
    assert annex.status == "passed" and annex.findings  # warnings only
    assert {f.severity for f in annex.findings} == {"warning"} and all(
        f.rule == "policy-check" for f in annex.findings
    )
    assert annex.findings[0].file == annex.name and annex.findings[0].line and annex.findings[0].column == 5
    stray = by_name["policies/extra, 50%.yaml"]
    assert stray.status == "failed" and stray.findings == (
        ItemFinding("rule `x`: unknown parameter `y`", "error", "policy-check", stray.name, 3, 7),)
    assert all(not i.findings for i in check_items if i not in (annex, stray))
    assert items_from_check([]) == []


def test_validation_items(validation_items):
    ok, bad, record, stdin = validation_items
    assert (ok.status, ok.findings, ok.record) == (
        "passed",
        (),
        {"source": "examples/ok.yaml", "valid": True, "errors": []},
    )
    assert bad.status == "failed" and [f.pointer for f in bad.findings] == [
        "/employee/contract",
        "/pro_a/start_date",
    ]
    assert [(f.file, f.line, f.column, f.rule) for f in bad.findings] == [
        ("examples/bad.yaml", 7, 3, "schema"),
        ("examples/bad.yaml", 8, 3, "schema"),
    ]
    assert bad.record["valid"] is False and bad.record["errors"][0] == {
        "pointer": "/employee/contract", "message": bad.findings[0].message, "line": 7, "column": 3}
    # A JSON Lines record: the file is the path, the line is the record's, the column the issue's.
    assert (record.name, record.file, record.line) == ("batch/dossiers.jsonl:3", "batch/dossiers.jsonl", 3)
    assert (record.findings[0].line, record.findings[0].column) == (3, 42)
    assert (stdin.name, stdin.file, stdin.status, stdin.record["source"]) == (
        "<stdin>",
        "<stdin>",
        "error",
        "-",
    )
    assert split_source(None) == ("<stdin>", 0) and split_source("a:b.yaml") == ("a:b.yaml", 0)


def test_test_items(case_results, test_items):
    assert [i.status for i in test_items] == ["passed"] * 3 + ["failed"]
    wrong = test_items[-1]
    case = case_results[-1].case
    assert wrong.name == case.id and (wrong.file, wrong.line) == (case.file, case.span.line)
    assert [f.message for f in wrong.findings] == case_results[-1].differences
    assert wrong.findings[0].message.startswith("verdict: expected not_applicable, got ")
    assert all((f.severity, f.rule, f.file, f.line) == ("error", "test-case", case.file, case.span.line)
               for f in wrong.findings)
    assert wrong.record == {
        "id": case.id,
        "file": case.file,
        "line": case.span.line,
        "name": case.name,
        "article": case.article,
        "passed": False,
        "differences": case_results[-1].differences,
        "verdict": case_results[-1].decision.verdict,
    }


# --- every format ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["check", "validate", "test"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deterministic(fmt, command, lang, all_items):
    items = all_items[command]
    first = render(items, fmt, tool_command=command, lang=lang)
    assert first == render(list(items), fmt, tool_command=command, lang=lang)
    assert first == render(
        iter([dataclasses.replace(i) for i in items]), fmt, tool_command=command, lang=lang
    )
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_item(fmt):
    text = render([], fmt, tool_command="check")
    if fmt == "sarif":
        validate_sarif(json.loads(text))
    elif fmt == "junit":
        suite = ET.fromstring(text)
        JUNIT_XSD.validate(suite)
        assert suite.get("tests") == "0"
    elif fmt in ("github", "jsonl"):
        assert text == ""
    elif fmt == "json":
        assert json.loads(text)["items"] == []


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format `xml`"):
        render([], "xml", tool_command="check")


# --- text ------------------------------------------------------------------------

def test_text(validation_items, test_items):
    lines = render(validation_items, "text", tool_command="validate").splitlines()
    assert lines[:2] == ["✓ examples/ok.yaml", "✗ examples/bad.yaml"]
    assert (
        lines[2]
        == "    examples/bad.yaml:7:3: error: /employee/contract: " + validation_items[1].findings[0].message
    )
    assert lines[4] == "✗ batch/dossiers.jsonl:3" and lines[5].startswith(
        "    batch/dossiers.jsonl:3:42: error: "
    )
    assert lines[6] == "⛔ <stdin>" and lines[7] == "    <stdin>:1:5: error: /: JSON invalide : `}` inattendu"
    assert len(lines) == 9
    assert (
        lines[-1] == "4 dossier(s) : 1 réussi(s), 2 échoué(s), 1 en erreur ; 4 erreur(s), 0 avertissement(s)"
    )
    english = render(test_items, "text", tool_command="test", lang="en", title="pro-a 1.0").splitlines()
    assert english[-1] == "pro-a 1.0: 4 case(s): 3 passed, 1 failed, 0 in error; 2 error(s), 0 warning(s)"
    assert english[3] == f"✗ {test_items[3].name}"
    assert (
        english[4]
        == f"    {test_items[3].file}:{test_items[3].line}:5: error: {test_items[3].findings[0].message}"
    )


# --- JSON and JSON Lines -----------------------------------------------------------

def test_json(validation_items, check_items):
    out = json.loads(render(validation_items, "json", tool_command="validate", summary={"policy": "x"}))
    assert out["command"] == "validate"
    assert out["items"] == [i.record for i in validation_items]
    assert out["summary"] == {"total": 4, "passed": 1, "failed": 2, "error": 1,
                              "findings": {"error": 4, "warning": 0}, "policy": "x"}
    generic = json.loads(render(check_items, "json", tool_command="check"))["items"][-1]
    assert generic == {
        "name": "policies/extra, 50%.yaml",
        "status": "failed",
        "file": "policies/extra, 50%.yaml",
        "line": 0,
        "findings": [
            {
                "message": "rule `x`: unknown parameter `y`",
                "severity": "error",
                "rule": "policy-check",
                "file": "policies/extra, 50%.yaml",
                "line": 3,
                "column": 7,
                "pointer": None,
            }
        ],
    }
    warnings = sum(len(i.findings) for i in check_items) - 1
    assert summarize(check_items) == {"total": len(check_items), "passed": len(check_items) - 1, "failed": 1,
                                      "error": 0, "findings": {"error": 1, "warning": warnings}}


def test_jsonl(test_items):
    lines = render(test_items, "jsonl", tool_command="test").splitlines()
    assert [json.loads(line) for line in lines] == [i.record for i in test_items]
    assert all("\n" not in line for line in lines)


# --- JUnit ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "validate", "test"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_junit_is_valid(command, lang, all_items):
    text = render(all_items[command], "junit", tool_command=command, lang=lang, title="pro-a 1.0")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    JUNIT_XSD.validate(ET.fromstring(text))


def test_junit_content(validation_items, check_items):
    suite = ET.fromstring(render(validation_items, "junit", tool_command="validate"))
    assert suite.get("name") == "proa-policy validate"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    ok, bad, record, stdin = suite.findall("testcase")
    assert {c.get("classname") for c in (ok, bad, record, stdin)} == {"proa-policy.validate"}
    assert list(ok) == []
    failures = bad.findall("failure")
    assert [f.get("message") for f in failures] == [f.text for f in validation_items[1].findings]
    assert failures[0].get("type") == "schema" and failures[0].text.startswith(
        "examples/bad.yaml:7:3: error: "
    )
    assert (
        stdin.find("failure") is None
        and stdin.find("error").get("message") == "/: JSON invalide : `}` inattendu"
    )
    check = ET.fromstring(render(check_items, "junit", tool_command="check"))
    assert (check.get("failures"), check.get("errors")) == ("1", "0")
    annex = next(c for c in check.findall("testcase") if c.get("name").endswith("annexe.yaml"))
    assert annex.find("failure") is None and "warning: annex: RNCP" in annex.findtext("system-out")


def test_junit_failed_item_without_finding_still_fails():
    items = [Item("a\x01.yaml", "failed"), Item("b.yaml", "error", (ItemFinding("w", "warning"),))]
    suite = ET.fromstring(render(items, "junit", tool_command="check", lang="en"))
    JUNIT_XSD.validate(suite)
    first, second = suite.findall("testcase")
    assert (
        first.get("name") == "a\\x01.yaml"
        and first.find("failure").get("message") == "failed without a finding"
    )
    assert second.find("error") is not None and second.findtext("system-out") == "b.yaml: warning: w"
    assert (suite.get("failures"), suite.get("errors")) == ("1", "1")


# --- GitHub workflow commands ------------------------------------------------------

def test_github(validation_items, check_items, test_items):
    lines = render(validation_items, "github", tool_command="validate", lang="en").splitlines()
    first = validation_items[1].findings[0]
    assert lines[0] == (f"::error file=examples/bad.yaml,line=7,col=3,title=schema · /employee/contract::"
                        f"{github.escape_data(first.message)}")
    assert lines[2].startswith(
        "::error file=batch/dossiers.jsonl,line=3,col=42,title=schema · /employee/contract::"
    )
    assert lines[3] == "::error file=<stdin>,line=1,col=5,title=schema::JSON invalide : `}` inattendu"
    assert len(lines) == 4
    check = render(check_items, "github", tool_command="check").splitlines()
    assert sum(line.startswith("::warning ") for line in check) == len(check) - 1
    # `:` `,` `%` are escaped in properties, `%` in the message.
    assert check[-1] == "::error file=policies/extra%2C 50%25.yaml,line=3,col=7,title=policy-check::" \
                        "rule `x`: unknown parameter `y`"
    # A test case is named by its id, not by where it is: the message says which case.
    tests = render(test_items, "github", tool_command="test").splitlines()
    wrong = test_items[-1]
    assert tests[0] == (f"::error file={wrong.file},line={wrong.line},col=5,title=test-case::"
                        f"{wrong.name}: {wrong.findings[0].message}")


def test_github_one_line_per_finding_even_with_newlines():
    items = [
        Item(
            "f.yaml", "failed", (ItemFinding("two\nlines, 10 %", "error", "r:1", "f.yaml", 2),), file="f.yaml"
        ),
        Item("g.yaml", "failed", file="g.yaml"),
    ]
    lines = render(items, "github", tool_command="check", lang="en").splitlines()
    assert lines == ["::error file=f.yaml,line=2,title=r%3A1::two%0Alines, 10 %25",
                     "::error file=g.yaml,title=failed::g.yaml: failed"]


# --- SARIF ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "validate", "test"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sarif_is_valid(command, lang, all_items):
    validate_sarif(json.loads(render(all_items[command], "sarif", tool_command=command, lang=lang)))


def test_sarif_content(validation_items, check_items):
    run = json.loads(render(validation_items, "sarif", tool_command="validate"))["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    assert [r["id"] for r in rules] == ["schema"] and rules[0]["name"] == "DossierSchema"
    assert run["automationDetails"]["id"] == "proa-policy/validate/"
    assert run["properties"]["summary"]["total"] == 4
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] and r["level"] == "error" for r in results)

    def where(result):
        physical = result["locations"][0]["physicalLocation"]
        return physical["artifactLocation"]["uri"], physical.get("region")

    assert [where(r) for r in results] == [("examples/bad.yaml", {"startLine": 7, "startColumn": 3}),
                                           ("examples/bad.yaml", {"startLine": 8, "startColumn": 3}),
                                           ("batch/dossiers.jsonl", {"startLine": 3, "startColumn": 42}),
                                           ("%3Cstdin%3E", {"startLine": 1, "startColumn": 5})]
    assert results[0]["message"]["text"] == validation_items[1].findings[0].text
    assert results[0]["properties"] == {"item": "examples/bad.yaml", "status": "failed",
                                        "pointer": "/employee/contract"}
    check = json.loads(render(check_items, "sarif", tool_command="check", lang="en"))["runs"][0]
    (rule,) = check["tool"]["driver"]["rules"]
    assert rule["id"] == "policy-check" and rule["name"] == "PolicyCheck"
    assert rule["shortDescription"]["text"] == "The policy set is consistent"
    assert [r["level"] for r in check["results"]].count("error") == 1
    assert where(check["results"][-1]) == (
        "policies/extra%2C%2050%25.yaml",
        {"startLine": 3, "startColumn": 7},
    )


def test_sarif_rules_in_order_of_first_appearance():
    items = [Item("a", "failed", (ItemFinding("m", "error", "b.rule"), ItemFinding("n", "warning", "a.rule"),
                                  ItemFinding("o", "error", "b.rule"))),
             Item("z", "error")]
    run = json.loads(render(items, "sarif", tool_command="check"))["runs"][0]
    validate_sarif({"version": "2.1.0", "runs": [run]})
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["b.rule", "a.rule", "check"]
    assert [(r["ruleIndex"], r["level"]) for r in run["results"]] == [
        (0, "error"),
        (1, "warning"),
        (0, "error"),
        (2, "error"),
    ]


# --- Markdown --------------------------------------------------------------------

def test_markdown(validation_items, test_items):
    text = render(validation_items, "markdown", tool_command="validate", title="pro-a|1")
    lines = text.splitlines()
    assert lines[0] == r"## proa-policy validate — pro-a\|1"
    assert "- ✅ réussi : 1" in lines and "- ❌ échoué : 2" in lines and "- ⛔ en erreur : 1" in lines
    header = lines.index("| élément | statut | constats |")
    rows = [cells(row) for row in lines[header + 2: header + 6]]
    assert rows == [["examples/ok.yaml", "✅ réussi", "—"],
                    ["examples/bad.yaml", "❌ échoué", "2 erreur(s), 0 avertissement(s)"],
                    ["batch/dossiers.jsonl:3", "❌ échoué", "1 erreur(s), 0 avertissement(s)"],
                    ["&lt;stdin&gt;", "⛔ en erreur", "1 erreur(s), 0 avertissement(s)"]]
    details = text[text.index("### Détails"):]
    assert "#### examples/ok.yaml" not in details and "#### &lt;stdin&gt; — en erreur" in details
    assert "- ❌ `examples/bad.yaml:7:3` · `schema` — /employee/contract: valeur `x` non admise" in details
    english = render(test_items, "markdown", tool_command="test", lang="en")
    assert "| item | status | findings |" in english and "- ❌ failed: 1" in english


def test_markdown_escapes_cells():
    items = [Item("dir/a|b <i>*x*</i>.yaml", "failed",
                  (ItemFinding("a | b <script> `x|y` *bold*\nnext", "warning", "r`1"),), file="dir/a|b.yaml")]
    text = render(items, "markdown", tool_command="check", lang="en")
    (row,) = [line for line in text.splitlines() if line.startswith("| dir/")]
    assert cells(row) == [r"dir/a\|b &lt;i&gt;\*x\*&lt;/i&gt;.yaml", "❌ failed", "0 error(s), 1 warning(s)"]
    # values holding `|` or a backtick are escaped text inside <code>, not code spans (report/escape.py)
    assert (
        "- ⚠️ <code>dir/a\\|b.yaml</code> · <code>r\\`1</code> — a \\| b &lt;script&gt; <code>x\\|y</code> "
        "\\*bold\\* next"
        in text
    )
