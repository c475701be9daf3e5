"""The typed syntax tree: frozen dataclasses, each node knowing its offset in the source text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Union


@dataclass(frozen=True, slots=True)
class Literal:
    value: Union[Decimal, int, str, bool, None]
    pos: int


@dataclass(frozen=True, slots=True)
class Name:
    """A dotted reference: `dossier.pro_a.start_date`, `param.x`, `computed.y`, `annex.codes`."""

    parts: tuple[str, ...]
    pos: int

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True, slots=True)
class ListExpr:
    items: tuple["Node", ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "not" | "-"
    operand: "Node"
    pos: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # and or == != < <= > >= in notin + - * /
    left: "Node"
    right: "Node"
    pos: int


@dataclass(frozen=True, slots=True)
class Call:
    function: str
    args: tuple["Node", ...]
    pos: int


Node = Union[Literal, Name, ListExpr, Unary, Binary, Call]


def names(node: Node) -> list[Name]:
    """Every Name in the tree, in reading order."""
    match node:
        case Name():
            return [node]
        case Literal():
            return []
        case ListExpr(items=items) | Call(args=items):
            return [n for item in items for n in names(item)]
        case Unary(operand=operand):
            return names(operand)
        case Binary(left=left, right=right):
            return names(left) + names(right)
    return []
