"""Red team of issue 11 on policy sets after the merges: names the schema's patterns let through.

The policy schema's patterns are written `^…$`. JSON Schema means ECMA-262 regular expressions, where `$`
is the end of the text; Python's `re.search`, which the validator uses, also lets `$` match before a final
newline. So `"art4.duration_min\\n"` is a valid rule id, distinct from `art4.duration_min` but shown the
same in every report, the rulebook and `diff`: a rule can hide behind another's name. The loader now
matches every patterned field as a whole (`policy/loader.py`, `whole_patterns`: `$` becomes `\\Z`);
the dossier schema's one pattern ends `(?!\\n)$` and its dates are real dates, checked here too.
"""

from __future__ import annotations

import pytest

from proa_policy import load_policies
from proa_policy.errors import PolicyError

from .conftest import edited_set

@pytest.mark.parametrize("file, old, new, line", [
    ("article-04.yaml", "  - id: art4.duration_min\n", '  - id: "art4.duration_min\\n"\n', 119),
    ("article-04.yaml", 'article: "4"', 'article: "4\\n"', 4),
    ("annexe.yaml", 'rncp: "RNCP34860"', 'rncp: "RNCP34860\\n"', 41),
    ("manifest.yaml", 'id: pro-a-interim-cdi', 'id: "pro-a-interim-cdi\\n"', 4),
    ("manifest.yaml", 'version: "1.1.1"', 'version: "1.1.1\\n"', 6),
], ids=["rule-id", "article-label", "annex-code", "set-id", "version"])
def test_a_name_ending_in_a_newline_is_refused_at_its_line(tmp_path, file, old, new, line):
    target = edited_set(tmp_path, file, old, new)
    with pytest.raises(PolicyError) as refused:
        load_policies(target)
    assert any(p.span.line == line and f"{file}:" in str(p.span) and "does not match" in p.message
               for p in refused.value.problems), str(refused.value)



@pytest.mark.parametrize("field", ["certification.rncp", "start_date"])
def test_a_dossier_value_ending_in_a_newline_is_refused(tmp_path, field):
    import json

    from click.testing import CliRunner

    from proa_policy.cli import main

    from .conftest import ROOT

    dossier = json.loads((ROOT / "examples/dossiers/eligible-priority-job-seeker-36-months.json").read_text())
    node, *path, name = ["pro_a", *field.split(".")]
    parent = dossier[node]
    for key in path:
        parent = parent[key]
    parent[name] += "\n"
    target = tmp_path / "d.json"
    target.write_text(json.dumps(dossier), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(target), "--format", "json"])
    decision, = json.loads(result.output)
    assert result.exit_code == 2 and decision["verdict"] == "invalid"
    assert decision["errors"][0]["pointer"] == "/pro_a/" + field.replace(".", "/")
