"""Red team of issue 11 on the merged reports: what the fuzzers and hostile strings found after the merges.

The hostile corpus checks every dossier's JSON report, and the text report only of the invalid ones; a
100-digit amount (at the limit, valid) crashed the text report, the default format. The rulebook site and
`diff --format html` are given a policy set whose every title, label, citation and annex row carries
HTML and script payloads: each page parses strictly, runs no script but its own, and shows the payloads
as text.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.report import escape
from proa_policy.rulebook import render_site

from .conftest import POLICIES, ROOT
from .rulebook.htmlsite import parse, references, text_of

HOSTILE = ROOT / "tests" / "hostile"




@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "junit", "sarif"])
def test_a_100_digit_amount_is_reported_in_every_format(fmt):
    result = CliRunner().invoke(main, ["evaluate", str(HOSTILE / "json-100-digits.json"), "--format", fmt])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0 and "Traceback" not in result.output


PAYLOAD = ('<script>alert(1)</script>\\"><img src=x onerror=alert(2)></style></textarea>'
           '<a href=\\"javascript:alert(3)\\">j</a>')
SHOWN = '<script>alert(1)</script>"><img src=x onerror=alert(2)></style></textarea>'
FIELDS = re.compile(r'^(\s*(?:- )?(?:title|label|citation|occupation|sub_sector|sector|description|'
                    r'interpretation|message): )"(.*)"$', re.M)


@pytest.fixture(scope="module")
def hostile_set(tmp_path_factory):
    target = tmp_path_factory.mktemp("hostile") / "set"
    shutil.copytree(POLICIES, target)
    touched = 0
    for path in target.glob("*.yaml"):
        text, count = FIELDS.subn(lambda m: f'{m[1]}"{m[2]} {PAYLOAD}"', path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        touched += count
    assert touched > 50
    load_policies(target)  # still a valid set: only its words changed
    return target


def assert_inert(page: str) -> None:
    tree = parse(page)
    scripts = [e for e in tree.iter("script")]
    assert all(e.get("src") == "rulebook.js" and not text_of(e).strip() for e in scripts)
    assert not list(tree.iter("img")) and not list(tree.iter("textarea"))
    assert not [(e.tag, a) for e in tree.iter() for a in e.keys() if a.lower().startswith("on")]
    assert not [v for _, v in references(tree) if v.strip().lower().startswith(("javascript:", "data:"))]
    assert all("</style" not in text_of(e) and "alert" not in text_of(e) for e in tree.iter("style"))


def test_the_rulebook_of_a_hostile_set_shows_every_payload_as_text(hostile_set):
    site = render_site(load_policies(hostile_set))
    pages = {n: d.decode("utf-8") for n, d in site.items() if n.endswith(".html")}
    for name, page in pages.items():
        assert_inert(page)
    assert sum(text_of(parse(p)).count(SHOWN) for p in pages.values()) > 50


def test_diff_html_of_a_hostile_set_shows_every_payload_as_text(hostile_set):
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(hostile_set), "--format", "html"])
    assert result.exit_code in (0, 1), result.output
    assert_inert(result.output)
    assert SHOWN in text_of(parse(result.output))


def test_rulebook_output_folder_links_are_replaced_not_followed(hostile_set, tmp_path):
    outside = tmp_path / "outside.html"
    outside.write_text("kept", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").symlink_to(outside)
    (site / "style.css").symlink_to("/dev/null")
    result = CliRunner().invoke(main, ["rulebook", "--output", str(site), "--policies", str(hostile_set)])
    assert result.exit_code == 0, result.output
    assert outside.read_text(encoding="utf-8") == "kept"
    assert not (site / "index.html").is_symlink() and not (site / "style.css").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside.html", "site"]


# --- every format x hostile strings: the annotated spreadsheets and `diff --format html` --------------------

from hypothesis import given, settings  # noqa: E402

from .report.test_escaping import hostile, hostile_decision  # noqa: E402


def _with_inputs(decisions, value):
    import dataclasses

    inputs = (("/id", "id", value), ("/pro_a/total_hours", "pro_a.total_hours", value), ("?x", "x", value))
    return [dataclasses.replace(d, inputs=inputs) for d in decisions]


@settings(deadline=None)
@given(hostile)
def test_no_value_breaks_out_of_the_annotated_csv(policies, value):
    import csv
    import io

    from proa_policy.report.spreadsheet import render_csv

    decisions = _with_inputs(hostile_decision(policies, value), value)
    output = render_csv(decisions)
    # a lone surrogate cannot reach a decision's inputs from a file (reading refuses it, names are shown
    # with escapes); only a hand-built Decision has one, and then the CSV is not UTF-8: noted, not pinned
    if not re.search("[\ud800-\udfff]", value):
        output.encode("utf-8")
    rows = list(csv.reader(io.StringIO(output.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert len(rows) == 1 + len(decisions) and len({len(r) for r in rows}) == 1  # no row or cell break
    assert not [c for row in rows[1:] for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@settings(deadline=None, max_examples=30)
@given(hostile)
def test_no_value_breaks_out_of_the_annotated_xlsx(policies, value):
    import io
    import zipfile

    from openpyxl import load_workbook

    from proa_policy.report.spreadsheet import render_xlsx

    data = render_xlsx(_with_inputs(hostile_decision(policies, value), value))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist())
    rows = list(load_workbook(io.BytesIO(data))["Dossiers"].iter_rows(values_only=True))
    assert len(rows) == 3 and len({len(r) for r in rows}) == 1


@settings(deadline=None, max_examples=30)
@given(hostile)
def test_no_value_breaks_out_of_the_diff_html(policies, value):
    from collections import OrderedDict

    from proa_policy.amend.compare import Change
    from proa_policy.amend.explore import Exploration, Flip
    from proa_policy.report.diffpage import render_html

    rule = {"title": value, "condition": value, "message": value, "when": value}
    changes = [Change("4", "changed", "rule", value, rule, {**rule, "title": "+" + value}),
               Change("4", "changed", "version", "v", value, value)]
    flip = Flip(value, 1, {"id": value, "employer": {"kind": value}}, 1,
                {"verdict": value, "violations": [value]}, {"verdict": value}, value)
    exploration = Exploration(1, {value: 1}, OrderedDict([(value, flip)]), [value], [value])
    page = render_html(value, value, changes, exploration, policies, policies, "fr")  # its words: the catalogue
    page.encode("utf-8")
    assert_inert(page)
    assert not RAW_IN_HTML.search(page)  # every control shown as text (finalize=escape.html)


def test_a_noncharacter_in_a_dossier_leaves_the_annotated_xlsx_readable(tmp_path):
    from openpyxl import load_workbook

    dossier = tmp_path / "nc.json"
    dossier.write_text('{"id": "A\\ufffeB", "employer": {"kind": "\\uffff"}}', encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["evaluate", str(dossier), "-o", f"xlsx={out}", "--format", "json"])
    assert result.exit_code == 2
    cells = [c for row in load_workbook(out)["Dossiers"].iter_rows(values_only=True) for c in row]
    assert not [c for c in cells if isinstance(c, str) and ("\ufffe" in c or "\uffff" in c)]


# --- controls and bidi overrides in HTML pages -------------------------------------------------------------

RAW_IN_HTML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                         "\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
CONTROL_TITLE = 'title: "Durée \\e[2J\\0 \\u202eELBIGILE\\x85 \\uFFFE"'


@given(hostile)
def test_html_escape_leaves_no_control_and_keeps_lines(value):
    import jinja2

    shown = escape.html(value)
    assert not RAW_IN_HTML.search(shown)
    assert shown.count("\n") == value.count("\n")
    environment = jinja2.Environment(autoescape=True, finalize=escape.html)
    page = environment.from_string("<p>{{ v }}</p>").render(v=value)
    assert not RAW_IN_HTML.search(page) and "<" not in page[3:-4]


def test_html_escape_shows_each_control_as_text():
    assert escape.html("Durée \x1b[2J\x00 \u202eELBIGILE\x85 \ufffe") == \
        "Durée \\x1b[2J\\x00 \\u202eELBIGILE\\x85 \\ufffe"
    assert escape.html("ligne\n\tsuite") == "ligne\n\tsuite" and escape.html(None) is None


@pytest.fixture(scope="module")
def control_set(tmp_path_factory):
    from .conftest import edited_set

    return edited_set(tmp_path_factory.mktemp("controls"), "article-04.yaml",
                      'title: "Durée de la « Pro-A »"', CONTROL_TITLE)


def test_the_rulebook_shows_controls_of_a_policy_title_as_text(control_set):
    site = render_site(load_policies(control_set))
    page = site["article-4.html"].decode("utf-8")
    assert not RAW_IN_HTML.search(page)
    assert "\\u202eELBIGILE" in page


def test_diff_html_shows_controls_of_a_policy_title_as_text(control_set):
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(control_set), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert not RAW_IN_HTML.search(result.output)
    assert "\\u202eELBIGILE" in result.output
