"""What the rules and computed values of a policy set read: the expression layer's graph (expr/deps.py)
applied to the model. `engine`, `testing`, `lint`, `explain` and the explorer of `diff` ask here, never by
text."""

from __future__ import annotations

from proa_policy.expr.deps import Graph, Reads, reads_text
from proa_policy.policy.model import PolicyDocument, Rule


def computed_graph(document: PolicyDocument) -> Graph:
    """The dependency graph of the set's computed values."""
    return Graph({name: item.expr for name, item in document.computed.items()})


def rule_reads(rule: Rule, *, messages: bool = True) -> Reads:
    """What a rule names directly: `when`, then the condition, then (with `messages`) its messages'
    placeholders and message cases, in that order (the order of `--explain`)."""
    out = reads_text(rule.when) if rule.when else Reads()
    out = out | reads_text(rule.condition)
    if not messages:
        return out
    for text in rule.message.values():
        out = out | reads_text(text, template=True)
    for case in rule.message_cases:
        out = out | reads_text(case.when)
        out = out | reads_text(case.fr, template=True) | reads_text(case.en, template=True)
    return out


def rule_reads_transitively(rule: Rule, graph: Graph, *, messages: bool = True) -> Reads:
    """What a rule reads, directly or through computed values."""
    return graph.closure(rule_reads(rule, messages=messages))
