"""The machine-readable reports (JUnit, GitHub commands, SARIF, Markdown), rendered from real decisions.

SARIF is validated against the official OASIS schema and JUnit against the
Surefire/Jenkins XSD, both vendored in tests/schemas/ (see the README there).
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from proa_policy import Decision, Finding
from proa_policy.report import github, junit, markdown, sarif

from ..conftest import dossier

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
RENDERERS = {
    "junit": junit.render,
    "github": github.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
}


def located(item: Any, line: int, column: int) -> Any:
    """The finding or issue, with a line and column as if read from a file."""
    return dataclasses.replace(item, line=line, column=column)


@pytest.fixture(scope="module")
def decisions(policies) -> list[Decision]:
    eligible = policies.evaluate(dossier(id="T-1")).with_source("examples/x.yaml")
    # Too little training (two violations) and more money asked than the ceiling (a warning), from JSON Lines.
    ineligible = policies.evaluate(
        dossier(id="T-2", pro_a__training_hours=100, funding__requested_amount=99999)
    )
    ineligible = dataclasses.replace(
        ineligible.with_source("batch/dossiers.jsonl:3"),
        violations=(located(ineligible.violations[0], 1, 42), *ineligible.violations[1:]),
    )
    not_applicable = policies.evaluate(dossier(id="T-3", employer__kind="other")).with_source(None)
    invalid = policies.evaluate(dossier(id="T-4", pro_a__start_date=..., employee__contract="x"))
    invalid = invalid.with_source("examples/bad.yaml",
                                  tuple(located(e, 7 + i, 3) for i, e in enumerate(invalid.errors)))
    warned = policies.evaluate(dossier(id="T-5", funding__requested_amount=99999)).with_source(
        "examples/warned.yaml"
    )
    warned = dataclasses.replace(warned, warnings=tuple(located(w, 30, 22) for w in warned.warnings))
    result = [eligible, ineligible, not_applicable, invalid, warned]
    assert [d.verdict for d in result] == ["eligible", "ineligible", "not_applicable", "invalid", "eligible"]
    assert len(ineligible.violations) == 2 and ineligible.warnings and warned.warnings
    assert not_applicable.violations and len(invalid.errors) == 2
    return result


# --- every format ------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(RENDERERS))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deterministic(name, lang, policies, decisions):
    render = RENDERERS[name]
    first = render(decisions, policies, lang)
    assert first == render(list(decisions), policies, lang) == render(iter(decisions), policies, lang)
    again = [policies.evaluate(dossier(id="T-1")).with_source("examples/x.yaml")]
    assert render(again, policies, lang) == render(decisions[:1], policies, lang)
    assert first.endswith("\n")


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_no_decision(name, policies):
    text = RENDERERS[name]([], policies, "fr")
    if name == "sarif":
        validate_sarif(json.loads(text))
    elif name == "junit":
        suite = ET.fromstring(text)
        JUNIT_XSD.validate(suite)
        assert suite.get("tests") == "0"
    elif name == "github":
        assert text == ""


# --- SARIF -------------------------------------------------------------------

def validate_sarif(log: dict[str, Any]) -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    # jsonschema checks `uri-reference` only with an optional package: check the characters RFC 3986 allows.
    for run in log["runs"]:
        for result in run["results"]:
            for location in result["locations"]:
                assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+",
                                    location["physicalLocation"]["artifactLocation"]["uri"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sarif_is_valid(lang, policies, decisions):
    validate_sarif(json.loads(sarif.render(decisions, policies, lang)))


def test_sarif_rules_are_the_policy_rules_and_schema(policies, decisions):
    log = json.loads(sarif.render(decisions, policies, "fr"))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "proa-policy" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.id for r in policies.rules] + ["schema"]
    by_id = {r["id"]: r for r in rules}
    floor = next(r for r in policies.rules if r.id == "art4.training_floor")
    entry = by_id["art4.training_floor"]
    assert entry["shortDescription"]["text"] == floor.title
    assert entry["fullDescription"]["text"] == floor.quote
    assert "article 4" in entry["help"]["text"] and floor.quote in entry["help"]["text"]
    assert entry["properties"]["article"] == "article 4" and entry["properties"]["kind"] == "eligibility"
    assert entry["name"] == "Art4TrainingFloor"
    assert by_id["annexe.rncp_extended"]["properties"]["article"] == "annexe"
    assert by_id["art6.funding_within_ceiling"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["schema"]["defaultConfiguration"]["level"] == "error"


def test_sarif_results(policies, decisions):
    run = json.loads(sarif.render(decisions, policies, "fr"))["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    expected = []
    for d in decisions:
        expected += [("schema", "error")] * len(d.errors)
        expected += [(v.rule, "error") for v in d.violations] + [(w.rule, "warning") for w in d.warnings]
    assert [(r["ruleId"], r["level"]) for r in results] == expected

    def where(result):
        physical = result["locations"][0]["physicalLocation"]
        return physical["artifactLocation"]["uri"], physical.get("region")

    ineligible, not_applicable, invalid, warned = decisions[1:]
    first, second, warning = [r for r in results if r["properties"].get("dossier") == "T-2"]
    # JSON Lines: the uri is the file, the line is the record's; a known column is kept.
    assert where(first) == ("batch/dossiers.jsonl", {"startLine": 3, "startColumn": 42})
    assert where(second) == ("batch/dossiers.jsonl", {"startLine": 3})
    assert warning["level"] == "warning" and warning["message"]["text"] == ineligible.warnings[0].message
    assert first["message"]["text"] == ineligible.violations[0].message
    assert first["properties"]["pointer"] == "/pro_a/training_hours"
    (na,) = [r for r in results if r["properties"].get("dossier") == "T-3"]
    assert na["ruleId"] == not_applicable.violations[0].rule and na["level"] == "error"
    assert where(na) == ("%3Cstdin%3E", None)
    schema_results = [r for r in results if r["ruleId"] == "schema"]
    assert [where(r) for r in schema_results] == [("examples/bad.yaml", {"startLine": 7, "startColumn": 3}),
                                                  ("examples/bad.yaml", {"startLine": 8, "startColumn": 3})]
    assert [r["message"]["text"] for r in schema_results] == [
        f"{e.pointer}: {e.message}" for e in invalid.errors
    ]
    (warned_result,) = [r for r in results if r["properties"].get("dossier") == "T-5"]
    assert where(warned_result) == ("examples/warned.yaml", {"startLine": 30, "startColumn": 22})


def test_sarif_unknown_rule_has_no_index(policies, decisions):
    stray = dataclasses.replace(
        decisions[1], violations=(Finding("other.rule", "9", "eligibility", "m"),), warnings=()
    )
    result = json.loads(sarif.render([stray], policies, "en"))["runs"][0]["results"][0]
    assert result["ruleId"] == "other.rule" and "ruleIndex" not in result


# --- JUnit -------------------------------------------------------------------

XS = "{http://www.w3.org/2001/XMLSchema}"


class MiniXsd:
    """The subset of XML Schema that junit-10.xsd is written in, enough to validate against it.

    Global elements; a type that is `xs:string`, a named or anonymous complexType with attributes
    (`use="required"`, string or pattern-restricted simple types), `mixed`, and a content model of
    `sequence`/`choice` whose bounds are all 0..unbounded except where an element may appear once:
    so a content model is the set of elements allowed as children, in any order. Anything else in the
    XSD is refused, so that a different schema cannot be validated wrongly.
    """

    SUPPORTED = {
        "schema",
        "simpleType",
        "restriction",
        "pattern",
        "complexType",
        "sequence",
        "choice",
        "element",
        "attribute",
    }

    def __init__(self, path: Path):
        root = ET.parse(path).getroot()
        unsupported = {n.tag.removeprefix(XS) for n in root.iter() if isinstance(n.tag, str)} - self.SUPPORTED
        assert not unsupported, f"XSD constructs not handled: {unsupported}"
        self.patterns = {t.get("name"): t.find(f"{XS}restriction/{XS}pattern").get("value")
                         for t in root.findall(f"{XS}simpleType")}
        self.types = {t.get("name"): t for t in root.findall(f"{XS}complexType")}
        self.elements = {e.get("name"): e for e in root.findall(f"{XS}element")}

    def validate(self, node: ET.Element, decl: ET.Element | None = None) -> None:
        decl = self.elements[node.tag] if decl is None else decl
        if decl.get("ref"):
            decl = self.elements[decl.get("ref")]
        kind = decl.get("type")
        if kind == "xs:string":
            assert not node.attrib and not len(node), f"<{node.tag}> must be text only"
            return
        complex_type = self.types[kind] if kind else decl.find(f"{XS}complexType")
        attributes = {a.get("name"): a for a in complex_type.findall(f"{XS}attribute")}
        unknown = set(node.attrib) - set(attributes)
        assert not unknown, f"<{node.tag}>: unknown attributes {unknown}"
        for name, attribute in attributes.items():
            if attribute.get("use") == "required":
                assert name in node.attrib, f"<{node.tag}>: missing required attribute `{name}`"
            pattern = self.patterns.get(attribute.get("type", ""))
            if pattern is not None and name in node.attrib:
                assert re.fullmatch(pattern, node.attrib[name]), f"<{node.tag} {name}>: `{node.attrib[name]}`"
        if complex_type.get("mixed") != "true":
            assert not (node.text or "").strip(), f"<{node.tag}> may not contain text"
        allowed = {(c.get("ref") or c.get("name")): c for c in complex_type.iter(f"{XS}element")}
        for child in node:
            assert child.tag in allowed, f"<{child.tag}> is not allowed in <{node.tag}>"
            assert not (child.tail or "").strip() or complex_type.get("mixed") == "true"
            self.validate(child, allowed[child.tag])


JUNIT_XSD = MiniXsd(SCHEMAS / "junit-10.xsd")


def test_mini_xsd_rejects_what_it_should():
    for bad in ('<testsuite name="x" tests="0" failures="0"/>',  # errors is required
                '<testsuite name="x" tests="0" failures="0" errors="0" bogus="1"/>',
                '<testsuite name="x" tests="0" failures="0" errors="0"><failure/></testsuite>',
                '<testsuite name="x" tests="0" failures="0" errors="0" time="soon"/>',
                '<testsuite name="x" tests="1" failures="0" errors="0"><testcase/></testsuite>'):
        with pytest.raises(AssertionError):
            JUNIT_XSD.validate(ET.fromstring(bad))
    JUNIT_XSD.validate(
        ET.fromstring(
            '<testsuite name="x" tests="1" failures="1" errors="0" time="1.5">'
            '<testcase name="t"><failure message="m">body</failure></testcase></testsuite>'
        )
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_junit_is_valid(lang, policies, decisions):
    text = junit.render(decisions, policies, lang)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    JUNIT_XSD.validate(ET.fromstring(text))


def test_junit_content(policies, decisions):
    suite = ET.fromstring(junit.render(decisions, policies, "fr"))
    assert suite.tag == "testsuite" and suite.get("name") == "proa-policy"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "2", "1")
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == ["proa-policy.evaluate"] * 5
    assert [c.get("name") for c in cases] == [
        "examples/x.yaml [T-1]",
        "batch/dossiers.jsonl:3 [T-2]",
        "<stdin> [T-3]",
        "examples/bad.yaml [T-4]",
        "examples/warned.yaml [T-5]",
    ]
    eligible, ineligible, not_applicable, invalid, warned = cases
    assert list(eligible) == []
    failures = ineligible.findall("failure")
    assert [f.get("message") for f in failures] == [f"article 4 · {v.rule}" for v in decisions[1].violations]
    assert [f.text for f in failures] == [v.message for v in decisions[1].violations]
    assert "art6.funding_within_ceiling" in ineligible.findtext("system-out")
    (na,) = not_applicable.findall("failure")
    assert na.get("message") == "article 7 · art7.employer_kind"
    errors = invalid.findall("error")
    assert [e.get("message") for e in errors] == [f"{e.pointer}: {e.message}" for e in decisions[3].errors]
    assert errors[0].text.startswith("examples/bad.yaml:7:3: ")
    assert invalid.find("failure") is None
    assert warned.find("failure") is None and warned.find("error") is None
    assert decisions[4].warnings[0].message in warned.findtext("system-out")


def test_junit_survives_control_characters(policies):
    decision = policies.evaluate(dossier(id="T\x01<&>\"", employer__kind="other")).with_source("a\x02.yaml")
    suite = ET.fromstring(junit.render([decision], policies, "en"))
    assert suite.find("testcase").get("name") == 'a\\x02.yaml [T\\x01<&>"]'


# --- GitHub workflow commands ------------------------------------------------

def test_github_escaping():
    assert github.escape_data("100 % sûr\r\nfin: a, b") == "100 %25 sûr%0D%0Afin: a, b"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    line = github.command(
        "error", "two\nlines, 50%", file="dir/a,b:c.yaml", line=3, column=7, title="art: x, y"
    )
    assert line == "::error file=dir/a%2Cb%3Ac.yaml,line=3,col=7,title=art%3A x%2C y::two%0Alines, 50%25"
    assert (
        github.command("warning", "m", file="f", column=7) == "::warning file=f::m"
    )  # no column without a line


def test_github_lines(policies, decisions):
    lines = github.render(decisions, policies, "fr").splitlines()
    expected = sum(len(d.violations) + len(d.warnings) + len(d.errors) for d in decisions)
    assert len(lines) == expected
    v0, v1 = decisions[1].violations[0], decisions[1].violations[1]
    assert lines[0] == f"::error file=batch/dossiers.jsonl,line=3,col=42,title=article 4 · {v0.rule}::" \
                       f"T-2: {github.escape_data(v0.message)}"
    assert lines[1].startswith(f"::error file=batch/dossiers.jsonl,line=3,title=article 4 · {v1.rule}::T-2: ")
    assert lines[2].startswith("::warning file=batch/dossiers.jsonl,line=3,"
                               "title=article 6 · art6.funding_within_ceiling::")
    assert lines[3].startswith("::error file=<stdin>,title=article 7 · art7.employer_kind::T-3: ")
    e0 = decisions[3].errors[0]
    assert lines[4] == f"::error file=examples/bad.yaml,line=7,col=3,title=schéma · {e0.pointer}::" \
                       f"T-4: {github.escape_data(e0.message)}"
    assert lines[6].startswith("::warning file=examples/warned.yaml,line=30,col=22,title=article 6 · ")
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)


def test_github_one_line_per_finding_even_with_newlines(policies, decisions):
    finding = Finding("art4.training_floor", "4", "eligibility", "first\nsecond, 10 % : done")
    decision = dataclasses.replace(decisions[1], violations=(finding,), warnings=())
    (line,) = github.render([decision], policies, "en").splitlines()
    assert line.endswith("::T-2: first%0Asecond, 10 %25 : done")
    assert "title=article 4 · art4.training_floor" in line


# --- Markdown ----------------------------------------------------------------

def cells(row: str) -> list[str]:
    """A GFM table row split the way GitHub does: on every `|` not escaped by a backslash."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_summary(policies, decisions):
    text = markdown.render(decisions, policies, "fr")
    lines = text.splitlines()
    assert lines[0].startswith("## proa-policy")
    assert "- ✅ ÉLIGIBLE : 2" in lines and "- ❌ INÉLIGIBLE : 1" in lines
    assert "- ➖ NON APPLICABLE : 1" in lines and "- ⛔ INVALIDE : 1" in lines
    header = lines.index("| dossier | id | verdict | violations | plafond |")
    rows = [cells(row) for row in lines[header + 2: header + 7]]
    assert all(len(row) == 5 for row in rows)
    assert rows[0] == ["examples/x.yaml", "T-1", "✅ ÉLIGIBLE", "—", "6 800,00 €"]
    assert rows[1][2] == "❌ INÉLIGIBLE"
    assert rows[1][3] == "`art4.training_share_min` (article 4), `art4.training_floor` (article 4)"
    assert rows[1][4] == "1 700,00 € (s'appliquerait)"  # not eligible: the ceiling that would apply
    assert (
        rows[2][:3] == ["&lt;stdin&gt;", "T-3", "➖ NON APPLICABLE"] and "`art7.employer_kind`" in rows[2][3]
    )
    assert rows[3][2:] == ["⛔ INVALIDE", "schéma : 2 erreur(s)", "—"]
    details = text[text.index("### Détails"):]
    # Every dossier that is not eligible or has a warning is explained, with all its messages.
    assert "#### examples/x.yaml" not in details
    for decision in decisions[1:]:
        assert f"· {decision.dossier_id} — " in details
    assert "⛔ erreur `/employee/contract` (ligne 7, colonne 3) : valeur `x` non admise" in details
    assert "⚠️ article 6 · `art6.funding_within_ceiling` — avertissement : " in details
    assert "❌ article 7 · `art7.employer_kind` — " in details


def test_markdown_english(policies, decisions):
    text = markdown.render(decisions, policies, "en")
    assert "| dossier | id | verdict | violations | ceiling |" in text
    assert "- ➖ NOT APPLICABLE: 1" in text and "### Details" in text and "schema: 2 error(s)" in text


def test_markdown_escapes_cells(policies, decisions):
    decision = decisions[1].with_source("dir/a|b <i>*x*</i>.yaml")
    decision = dataclasses.replace(decision, dossier_id="id|with|pipes", violations=(
        Finding("art4.training_floor", "4", "eligibility", "a | b <script> `x|y` *bold*\nnext"),))
    text = markdown.render([decision], policies, "en")
    (row,) = [line for line in text.splitlines() if line.startswith("| dir/")]
    assert cells(row)[:2] == [r"dir/a\|b &lt;i&gt;\*x\*&lt;/i&gt;.yaml", r"id\|with\|pipes"]
    assert len(cells(row)) == 5
    # a code span is kept as written unless it holds a `|` or a backtick: then escaped text inside <code>
    assert "— a \\| b &lt;script&gt; <code>x\\|y</code> \\*bold\\* next" in text


def test_markdown_escape_helpers():
    assert markdown.escape("a|b") == r"a\|b"
    assert markdown.escape("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert markdown.escape("line\nbreak") == "line break"
    assert markdown.message("`<x>` and <y>") == "`<x>` and &lt;y&gt;"
