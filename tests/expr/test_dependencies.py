"""What an expression depends on is found through the syntax tree, once (expr/deps.py), transitively through
computed values; `explain`, `check`, the engine and coverage all use it."""

from __future__ import annotations

from click.testing import CliRunner

from proa_policy.cli import main
from proa_policy.policy.dependencies import computed_graph, rule_reads, rule_reads_transitively
from proa_policy.expr import parse
from proa_policy.expr.deps import Graph, Reads, reads, reads_text


def test_reads_are_names_of_the_tree_in_reading_order():
    found = reads(parse("dossier.a.b >= param.x_y and computed.c in annex.codes and param.x_y > param.x"))
    assert found.fields == (("a", "b"),)
    assert found.params == ("x_y", "x")
    assert found.computed == ("c",)
    assert found.annex == ("codes",)
    assert found.dotted == ("dossier.a.b", "param.x_y", "computed.c", "annex.codes", "param.x")


def test_a_name_inside_a_string_is_not_a_read():
    assert reads_text('dossier.a == "param.x"').params == ()


def test_templates_read_their_placeholders_only():
    assert reads_text("at most {param.m} months, not param.n", template=True).params == ("m",)


def test_closure_follows_computed_values_transitively_and_survives_cycles():
    graph = Graph({"a": "computed.b + param.p", "b": "dossier.x.y", "c": "computed.d", "d": "computed.c"})
    assert graph.of("a").fields == (("x", "y"),)
    assert graph.of("a").params == ("p",)
    assert graph.closure(Reads(computed=("c",))).computed == ("c", "d")


def test_the_shipped_rules_depend_on_what_they_name(policies):
    rule = next(r for r in policies.rules if r.id == "art4.duration_max_priority")
    assert "max_duration_months" not in rule_reads(rule).params
    transitive = rule_reads_transitively(rule, computed_graph(policies.document))
    assert "max_duration_months_priority" in transitive.params
    assert ("pro_a", "end_date") in transitive.fields


def test_explain_lists_only_the_parameters_the_rule_uses():
    result = CliRunner().invoke(main, ["explain", "art4.duration_max_priority"])
    assert result.exit_code == 0
    assert "paramètre max_duration_months_priority = 36" in result.stdout
    assert "paramètre max_duration_months =" not in result.stdout
