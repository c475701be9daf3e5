"""Issue 11 §7: one escaping function per output format, and no value breaks out of any report.

Each format's function (report/escape.py) has exact cases and a property over every string; then each
renderer is given decisions and items whose every value is hostile, and its output keeps its shape:
text has no control character and no workflow command, Markdown renders to no HTML but its own and keeps
its table's cells, GitHub output is one command per finding, JUnit is well-formed XML, SARIF and JSON
parse and encode as UTF-8.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, strategies as st
from markdown_it import MarkdownIt

from proa_policy import Finding
from proa_policy.errors import DossierIssue
from proa_policy.report import diffreport, escape, github, junit, markdown, sarif, testreport, text
from proa_policy.report.items import Item, ItemFinding, render as render_items

from ..conftest import dossier

CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
BLOCK_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
MD = MarkdownIt("commonmark", {"html": True}).enable("table")

#: Strings an attacker writes: controls, bidi overrides, surrogates, HTML, Markdown, workflow commands.
NASTY = [
    "\x1b[2J\x1b[32mÉLIGIBLE",
    "a\x00b",
    "\u202eELBIGILE",
    "\u2066x\u2069",
    "x\ud800",
    "\x85next",
    "\u2028",
    "::error::pwned",
    "  ::warning file=x::y",
    "\n::error::x",
    "\r\n::add-mask::x",
    "\u00a0::set-output x",
    "<img src=x onerror=alert(1)>",
    "</table><script>",
    "``<b>``",
    "`a|b`",
    "| x | y |",
    "&amp;",
    "@team",
    "[link](javascript:x)",
    "![i](x)",
    "*em* _u_",
    "# h",
    "%0A::error::x",
    "%25",
    "a,b:c",
    "\ufffe",
    "\t",
]
hostile = st.one_of(st.sampled_from(NASTY), st.text(max_size=30),
                    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join))


def trimmed_lines(output: str) -> list[str]:
    """The lines as the Actions runner reads them (CR, LF, CRLF) and trims them before looking for `::`."""
    return [line.lstrip() for line in re.split(r"\r\n|\r|\n", output)]


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.cells: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.cells.append(0)
        if tag in ("td", "th"):
            self.cells[-1] += 1


# --- text ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ("RNCP34860", "RNCP34860"), ("\x1b[2JÉLIGIBLE", "\\x1b[2JÉLIGIBLE"), ("a\x00b", "a\\x00b"),
    ("\u202eABC", "\\u202eABC"), ("x\u2069", "x\\u2069"), ("l1\nl2", "l1\\nl2"), ("\x9b31m", "\\x9b31m"),
    ("x\ud800", "x\\ud800"), ("::error::x", "\\::error::x"), ("  ::x", "  \\::x"), ("a::b", "a::b"),
])
def test_text_shows_every_control_and_no_workflow_command(value, shown):
    assert escape.text(value) == shown


@given(hostile)
def test_text_no_string_breaks_out(value):
    shown = escape.text(value)
    assert not CONTROL.search(shown)
    assert not shown.lstrip().startswith("::")
    if not CONTROL.search(value) and not value.lstrip().startswith("::"):
        assert shown == value


@given(st.lists(hostile, max_size=4).map("\n".join))
def test_text_block_keeps_lines_and_no_line_breaks_out(value):
    shown = escape.text_block(value)
    assert not BLOCK_CONTROL.search(shown)
    assert shown.count("\n") == value.count("\n")
    assert not [line for line in trimmed_lines(shown) if line.startswith("::")]


# --- Markdown --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ("<img src=x>", "&lt;img src=x&gt;"), ("a|b", "a\\|b"), ("``<b>``", "\\`\\`&lt;b&gt;\\`\\`"),
    ("l1\nl2", "l1 l2"), ("@team", "\\@team"), ("![i](x)", "\\!\\[i\\](x)"), ("&amp;", "&amp;amp;"),
    ("\x1b", "\\\\x1b"),
])
def test_markdown_escapes_html_tables_code_and_mentions(value, shown):
    assert escape.markdown(value) == shown


@pytest.mark.parametrize(
    "value, shown",
    [
        ("RNCP34860", "`RNCP34860`"),
        ("<b>", "`<b>`"),
        ("a|b", "<code>a\\|b</code>"),
        ("a`b", "<code>a\\`b</code>"),
        ("", "<code></code>"),
        ("x\ny", "<code>x y</code>"),
    ],
)
def test_markdown_code_is_a_code_span_only_when_it_can_be_one(value, shown):
    assert escape.markdown_code(value) == shown


def rendered(line: str) -> Tags:
    return Tags(MD.render(f"x {line}\n"))


@given(hostile)
def test_markdown_no_string_opens_html(value):
    assert set(rendered(escape.markdown(value)).tags) <= {"p"}
    assert set(rendered(escape.markdown_code(value)).tags) <= {"p", "code"}
    assert set(rendered(escape.markdown_message(value)).tags) <= {"p", "code"}


@given(hostile, hostile)
def test_markdown_no_string_breaks_a_table(first, second):
    table = f"| a | b |\n|---|---|\n| x {escape.markdown(first)} | {escape.markdown_code(second)} |\n"
    tags = Tags(MD.render(table))
    assert tags.cells == [2, 2]
    assert set(tags.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "code"}


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs", "Cf")), max_size=20)
)
def test_markdown_renders_as_itself(value):
    html = MD.render(f"x {escape.markdown(value)}\n")
    shown = Tags(html)
    assert set(shown.tags) <= {"p"}
    text_only = re.sub(r"</?p>", "", html).strip()
    assert _unescape(text_only) == f"x {value}".strip()


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


# --- GitHub workflow commands, XML, JSON -------------------------------------------------------------------

def _toolkit_decode(data: str) -> str:
    return (
        data.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


@given(hostile, hostile)
def test_github_no_string_makes_a_second_command(message, prop):
    line = github.command("error", message, file=prop, title=prop)
    assert len(trimmed_lines(line)) == 1 and line.startswith("::error file=")
    assert "::" not in line[len("::error "):].split("::", 1)[0]  # the properties end where the message starts
    if not CONTROL.sub("", message.replace("\r", "").replace("\n", "")) != message.replace("\r", "").replace(
        "\n", ""
    ):
        assert _toolkit_decode(escape.github_data(message)) == message


@given(hostile)
def test_xml_every_string_is_well_formed(value):
    element = ET.Element("e", {"a": escape.xml(value)})
    element.text = escape.xml(value)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode").encode("utf-8"))
    assert parsed.get("a") == (parsed.text or "") == escape.xml(value)


@given(st.recursive(hostile | st.integers(), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(hostile, inner, max_size=3), max_leaves=8))
def test_json_document_is_valid_and_utf8(value):
    document = escape.json_document(json.dumps(value, ensure_ascii=False))
    assert json.loads(document.encode("utf-8")) == value


# --- every renderer, given hostile values everywhere --------------------------------------------------------

def hostile_decision(policies, value: str):
    decision = policies.evaluate(
        dossier(id="T-2", pro_a__training_hours=100, funding__requested_amount=99999)
    )
    finding = Finding("art4.training_floor", "4", "eligibility", value, "/pro_a/" + value, 3, 4)
    issue = DossierIssue("/" + value, value, 1, 2, keyword=value)
    decision = dataclasses.replace(decision, dossier_id=value, violations=(finding,), warnings=(finding,))
    invalid = dataclasses.replace(policies.invalid_decision(value, (issue,)), source=value + ".json")
    return [decision.with_source(value + ".yaml"), invalid]


def check_text_output(output: str) -> None:
    assert not BLOCK_CONTROL.search(output)
    assert not [line for line in trimmed_lines(output) if line.startswith("::")]


@given(hostile)
def test_no_value_breaks_out_of_any_decision_report(policies, value):
    decisions = hostile_decision(policies, value)
    check_text_output("\n".join(text.render_decision(d, explain=True) for d in decisions))
    md = markdown.render(decisions, policies, "fr")
    tags = Tags(MD.render(md))
    assert set(tags.tags) <= {
        "h2",
        "h3",
        "h4",
        "ul",
        "li",
        "p",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
    }
    assert set(tags.cells) == {5}
    commands = github.render(decisions, policies, "fr")
    assert all(line.startswith(("::error ", "::warning ")) for line in trimmed_lines(commands) if line)
    assert len([line for line in commands.split("\n") if line]) == len(trimmed_lines(commands.rstrip("\n")))
    ET.fromstring(junit.render(decisions, policies, "fr").encode("utf-8"))
    json.loads(sarif.render(decisions, policies, "fr").encode("utf-8"))


@given(hostile)
def test_no_value_breaks_out_of_any_item_report(value):
    items = [Item(value, "failed", (ItemFinding(value, "error", value, value + ".yaml", 1, 2, "/" + value),
                                    ItemFinding(value, "warning")), file=value + ".yaml")]
    check_text_output(render_items(items, "text", tool_command="check", title=value))
    tags = Tags(MD.render(render_items(items, "markdown", tool_command="check", title=value)))
    assert set(tags.cells) == {3}
    assert set(tags.tags) <= {
        "h2",
        "h3",
        "h4",
        "ul",
        "li",
        "p",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
    }
    commands = render_items(items, "github", tool_command="check")
    assert all(line.startswith(("::error ", "::warning ")) for line in trimmed_lines(commands) if line)
    ET.fromstring(render_items(items, "junit", tool_command="check", title=value).encode("utf-8"))
    json.loads(render_items(items, "sarif", tool_command="check", title=value).encode("utf-8"))
    json.loads(render_items(items, "json", tool_command="check").encode("utf-8"))


def test_a_test_case_name_with_a_newline_makes_no_workflow_command(policies):
    from proa_policy.authoring.cases import CaseResult, TestCase
    from proa_policy.source import SourceSpan

    case = TestCase("ok\n::error file=a.py::pwned\x1b[31m", "t.yaml", SourceSpan("t.yaml", 3, 5), "4", {}, {})
    decision = policies.evaluate(dossier())
    output = testreport.render_text([CaseResult(case, decision, ["verdict\n::warning::x"])], None)
    check_text_output(output)
    assert "FAIL t.yaml:3:5 ok\\n::error file=a.py::pwned\\x1b[31m" in output


@given(hostile)
def test_no_value_breaks_out_of_the_diff_report(value):
    from collections import OrderedDict

    from proa_policy.amend.compare import Change
    from proa_policy.amend.explore import Exploration, Flip

    changes = [Change(value, "changed", "rule", value, value, value, (value, "+" + value)),
               Change("4", "changed", "version", "v", value, value)]
    flip = Flip(value, 1, {"id": value}, 1, {"verdict": value}, {"verdict": value}, value)
    exploration = Exploration(1, {value: 1}, OrderedDict([(value, flip)]), [value], [value])
    check_text_output(diffreport.render_text(value, value, changes, exploration))
    md = diffreport.render_markdown(value, value, changes, exploration)
    tags = Tags(MD.render(md))
    # the changes and flips tables, then the example dossier as a label/value table: nothing split
    assert tags.cells[:5] == [4, 4, 4, 3, 3] and set(tags.cells[5:]) <= {2}
    assert set(tags.tags) <= {
        "h2",
        "h3",
        "p",
        "strong",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
        "br",
        "details",
        "summary",
        "pre",
    }
    json.loads(diffreport.render_json(value, value, changes, exploration).encode("utf-8"))


def test_a_policy_problem_printed_by_check_makes_no_workflow_command(tmp_path):
    """A placeholder is echoed in its load error: a newline in it used to put `::error` at column 0."""
    import shutil

    from click.testing import CliRunner

    from proa_policy.cli import main
    from ..conftest import POLICIES

    root = tmp_path / "set"
    shutil.copytree(POLICIES, root)
    path = root / "article-06.yaml"
    text = path.read_text(encoding="utf-8")
    old = "{euros(computed.funding_ceiling_eur)}"
    assert old in text
    path.write_text(text.replace(old, "{computed.funding_ceiling_eur\\n::error file=x::pwned\\e[2J}", 1),
                    encoding="utf-8")
    for command in ("check", "test", "evaluate"):
        dossiers = ["examples/dossiers/eligible-clea.yaml"] if command == "evaluate" else []
        result = CliRunner().invoke(main, [command, "--policies", str(root), *dossiers])
        assert result.exit_code == 2
        check_text_output(result.output)
        assert "placeholder `{computed.funding_ceiling_eur\\n::error file=x::pwned\\x1b[2J}`" in result.output
