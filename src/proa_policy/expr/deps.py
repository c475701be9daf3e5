"""What an expression depends on: the names it reads, found through the syntax tree, and their closure.

`reads(node)` is what one expression names directly (dossier fields, parameters,
computed values, annex tables), in reading order. A `Graph` of the computed
values closes that over `computed.*`: `graph.closure(r)` adds what every
computed value read by `r` reads, transitively (breadth first, so the first
field is the nearest one). Cycles are the loader's business: the closure just
visits each computed value once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from proa_policy.expr.ast import Name, Node, names
from proa_policy.expr.parser import ExprError, parse

#: A `{expression}` placeholder of a message template.
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _merge(*groups: Iterable[object]) -> tuple:
    return tuple(dict.fromkeys(item for group in groups for item in group))


@dataclass(frozen=True, slots=True)
class Reads:
    """Names an expression reads, each kind in reading order, without repeats."""

    fields: tuple[tuple[str, ...], ...] = ()  # dossier paths: ("pro_a", "start_date")
    params: tuple[str, ...] = ()
    computed: tuple[str, ...] = ()
    annex: tuple[str, ...] = ()
    dotted: tuple[str, ...] = ()  # every name, all kinds, in reading order: `dossier.pro_a.start_date`

    def __or__(self, other: Reads) -> Reads:
        return Reads(_merge(self.fields, other.fields), _merge(self.params, other.params),
                     _merge(self.computed, other.computed), _merge(self.annex, other.annex),
                     _merge(self.dotted, other.dotted))


def reads_of_names(found: Iterable[Name]) -> Reads:
    kinds: dict[str, list[object]] = {"dossier": [], "param": [], "computed": [], "annex": []}
    dotted = []
    for name in found:
        head, rest = name.parts[0], name.parts[1:]
        if head == "dossier" and rest:
            kinds[head].append(rest)
        elif head in kinds and len(rest) == 1:
            kinds[head].append(rest[0])
        else:
            continue
        dotted.append(name.dotted)
    return Reads(_merge(kinds["dossier"]), _merge(kinds["param"]), _merge(kinds["computed"]),
                 _merge(kinds["annex"]), _merge(dotted))


def reads(node: Node) -> Reads:
    """What one syntax tree names directly."""
    return reads_of_names(names(node))


def reads_text(text: str, *, template: bool = False) -> Reads:
    """What an expression (or, with `template`, a message's placeholders) names; nothing if unparsable."""
    parts = [m.group(1) for m in PLACEHOLDER.finditer(text)] if template else [text]
    out = Reads()
    for part in parts:
        try:
            out = out | reads(parse(part))
        except ExprError:
            continue  # reported, with its position, by whoever compiles it
    return out


class Graph:
    """The computed values of a policy set and what each reads directly."""

    def __init__(self, computed: Mapping[str, str]):
        self.direct = {name: reads_text(text) for name, text in computed.items()}

    def closure(self, found: Reads) -> Reads:
        """`found` and everything the computed values it names read, transitively."""
        out = found
        pending = list(found.computed)
        seen: set[str] = set()
        while pending:
            name = pending.pop(0)
            if name in seen or name not in self.direct:
                continue
            seen.add(name)
            out = out | self.direct[name]
            pending += self.direct[name].computed
        return out

    def of(self, name: str) -> Reads:
        """What computed value `name` reads, transitively."""
        return self.closure(self.direct[name]) if name in self.direct else Reads()

    def through_computed(self, found: Reads) -> Reads:
        """Only what `found` reads through the computed values it names (not its own direct names)."""
        return self.closure(Reads(computed=found.computed))
