"""Typed AST → Python closures, once, when the policy set loads.

Each node becomes a closure `fn(env) -> value` where `env` is the list of
values of one evaluation (dossier fields and computed values, in slots the
`Scope` assigned). Parameters and annex data are constants folded in, so a
rule costs a few function calls at evaluation time. Nothing here uses
`eval`, `exec` or attribute access on values.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from decimal import Context, DivisionByZero, InvalidOperation, Overflow
from typing import Any, Callable, Protocol

from proa_policy.expr.ast import Binary, Call, ListExpr, Literal, Name, Node, Unary
from proa_policy.expr.functions import FUNCTIONS, SPECIAL_FORMS
from proa_policy.expr.parser import ExprError
from proa_policy.expr.types import ANY, BOOL, DATE, NULL, NUMBER, SET, STRING, Type

Env = list[Any]
Fn = Callable[[Env], Any]

#: Exact decimal arithmetic: inputs are limited to 100 characters, so 300 digits never round.
_EXACT = Context(prec=300, traps=[InvalidOperation, DivisionByZero, Overflow])
_ARITH = {"+": _EXACT.add, "-": _EXACT.subtract, "*": _EXACT.multiply, "/": _EXACT.divide}
_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
            ">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True, slots=True)
class Const:
    value: Any
    type: Type


@dataclass(frozen=True, slots=True)
class Slot:
    index: int
    type: Type


class Scope(Protocol):
    def resolve(self, name: Name) -> Const | Slot:
        """Return what a dotted name means, or raise ExprError naming what is known."""


#: implied(name, values): the optional values known present when `name` is one of `values` (the dossier
#: schema's if/then).
Implied = Callable[[str, frozenset[Any]], frozenset[str]]

#: Called as on_compare(node, left, right) when coverage instrumentation is on.
CompareObserver = Callable[[Binary, Any, Any], None]


@dataclass(frozen=True, slots=True)
class Compiled:
    fn: Fn
    type: Type
    constant: bool
    value: Any = None
    slot: int | None = None  # a bare read of env[slot]: parents inline it instead of calling `fn`


def _unary(apply: Callable[[Any], Any], a: Compiled) -> Fn:
    """`apply(a)` with a slot read inlined (one call less per evaluation)."""
    if a.slot is not None:
        i = a.slot
        return lambda env: apply(env[i])
    f = a.fn
    return lambda env: apply(f(env))


def _binary(apply: Callable[[Any, Any], Any], a: Compiled, b: Compiled) -> Fn:
    """`apply(a, b)` with slot reads and constants inlined: the hot path of every rule."""
    if a.slot is not None:
        i = a.slot
        if b.constant:
            c = b.value
            return lambda env: apply(env[i], c)
        if b.slot is not None:
            j = b.slot
            return lambda env: apply(env[i], env[j])
        g = b.fn
        return lambda env: apply(env[i], g(env))
    if a.constant:
        c = a.value
        if b.slot is not None:
            j = b.slot
            return lambda env: apply(c, env[j])
        g = b.fn
        return lambda env: apply(c, g(env))
    f = a.fn
    if b.constant:
        c = b.value
        return lambda env: apply(f(env), c)
    if b.slot is not None:
        j = b.slot
        return lambda env: apply(f(env), env[j])
    g = b.fn
    return lambda env: apply(f(env), g(env))


#: `env[i] OP c` and `env[i] OP env[j]` as one closure each, the comparison inlined (the same operators
#: as `_COMPARE`, without the call to `operator.*`): the commonest shapes of a rule's condition.
_SLOT_CONST: dict[str, Callable[[int, Any], Fn]] = {
    "==": lambda i, c: lambda env: env[i] == c, "!=": lambda i, c: lambda env: env[i] != c,
    "<": lambda i, c: lambda env: env[i] < c, "<=": lambda i, c: lambda env: env[i] <= c,
    ">": lambda i, c: lambda env: env[i] > c, ">=": lambda i, c: lambda env: env[i] >= c,
}
_SLOT_SLOT: dict[str, Callable[[int, int], Fn]] = {
    "==": lambda i, j: lambda env: env[i] == env[j], "!=": lambda i, j: lambda env: env[i] != env[j],
    "<": lambda i, j: lambda env: env[i] < env[j], "<=": lambda i, j: lambda env: env[i] <= env[j],
    ">": lambda i, j: lambda env: env[i] > env[j], ">=": lambda i, j: lambda env: env[i] >= env[j],
}


def _comparison(op: str, a: Compiled, b: Compiled) -> Fn:
    """`a OP b` (`_binary(_COMPARE[op], a, b)`), inlined for a slot against a constant or a slot."""
    if a.slot is not None and b.constant:
        return _SLOT_CONST[op](a.slot, b.value)
    if a.slot is not None and b.slot is not None:
        return _SLOT_SLOT[op](a.slot, b.slot)
    return _binary(_COMPARE[op], a, b)


def compile_expr(node: Node, scope: Scope, on_compare: CompareObserver | None = None,
                 guarded: frozenset[str] = frozenset(), implied: Implied | None = None) -> Compiled:
    """Type-check and compile; raises ExprError(message, pos) for the first problem.

    `guarded` names optional values already known to be present (e.g. by the rule's `when`).
    """
    return _Compiler(scope, on_compare, guarded, implied).compile(node)


def _null_test(node: Node, op: str) -> str | None:
    """The name `node` compares with null by `op` (`x != null`, `null == x`), if it does."""
    if isinstance(node, Binary) and node.op == op:
        for one, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(one, Name) and isinstance(other, Literal) and other.value is None:
                return one.dotted
    return None


def present_if(node: Node, outcome: bool = True, implied: Implied | None = None) -> frozenset[str]:
    """Optional values known to be present when `node` evaluates to `outcome` (the guards of flow typing):
    `x != null` true, `x == null` false, `a and b` true (either side's), `a or b` false, `not a` flipped,
    and `x in [...]` true for what `implied` says it implies."""
    name = _null_test(node, "!=" if outcome else "==")
    if name is not None:
        return frozenset({name})
    if isinstance(node, Unary) and node.op == "not":
        return present_if(node.operand, not outcome, implied)
    if isinstance(node, Binary) and node.op == ("and" if outcome else "or"):
        return present_if(node.left, outcome, implied) | present_if(node.right, outcome, implied)
    if (outcome and implied is not None and isinstance(node, Binary) and node.op == "in"
            and isinstance(node.left, Name) and isinstance(node.right, ListExpr)
            and all(isinstance(item, Literal) for item in node.right.items)):
        values = frozenset(item.value for item in node.right.items)  # type: ignore[union-attr]
        return implied(node.left.dotted, values) | {node.left.dotted}
    return frozenset()


def _const(value: Any, type_: Type) -> Compiled:
    return Compiled(lambda env: value, type_, True, value)


class _Compiler:
    def __init__(self, scope: Scope, on_compare: CompareObserver | None, guarded: frozenset[str],
                 implied: Implied | None):
        self.scope, self.implied = scope, implied
        self.on_compare = on_compare
        self.guarded = guarded

    def guarded_by(self, names: frozenset[str], node: Node) -> Compiled:
        """Compile `node` knowing the optional values `names` are present."""
        before = self.guarded
        self.guarded = before | names
        try:
            return self.compile(node)
        finally:
            self.guarded = before

    @staticmethod
    def present(node: Node, sub: Compiled, where: str) -> Compiled:
        """A value that is used (computed with, ordered, passed) must not be optional: refuse it unguarded."""
        if sub.type.nullable and sub.type.name not in ("any", "null"):
            what = f"`{node.dotted}`" if isinstance(node, Name) else "a value"
            raise ExprError(f"{where} uses {what}, which may be absent (null): guard it with "
                            f"`{node.dotted if isinstance(node, Name) else '…'} != null`", node.pos)
        return sub

    def compile(self, node: Node) -> Compiled:
        match node:
            case Literal(value=value):
                if value is None:
                    return _const(None, NULL)
                if isinstance(value, bool):
                    return _const(value, BOOL)
                if isinstance(value, str):
                    return _const(value, STRING)
                return _const(value, NUMBER)
            case Name():
                resolved = self.scope.resolve(node)
                if isinstance(resolved, Const):
                    return _const(resolved.value, resolved.type)
                index = resolved.index
                type_ = resolved.type
                if type_.nullable and node.dotted in self.guarded:
                    type_ = Type(type_.name)
                return Compiled(lambda env: env[index], type_, False, slot=index)
            case ListExpr(items=items):
                compiled = [self.compile(item) for item in items]
                for item, sub in zip(items, compiled):
                    if not sub.constant or sub.type.name not in ("string", "number"):
                        raise ExprError("a list may only hold literal strings or numbers", item.pos)
                value = frozenset(sub.value for sub in compiled)
                return _const(value, SET)
            case Unary(op="not", operand=operand):
                sub = self.expect(operand, BOOL, "`not`")
                if sub.constant:
                    return _const(not sub.value, BOOL)
                return Compiled(_unary(operator.not_, sub), BOOL, False)
            case Unary(op="-", operand=operand):
                sub = self.expect(operand, NUMBER, "`-`")
                if sub.constant:
                    return _const(_EXACT.minus(sub.value), NUMBER)
                return Compiled(_unary(_EXACT.minus, sub), NUMBER, False)
            case Binary(op="and" | "or"):
                return self.logical(node)
            case Binary(op="in" | "notin"):
                return self.membership(node)
            case Binary(op="==" | "!=" | "<" | "<=" | ">" | ">="):
                return self.comparison(node)
            case Binary(op="+" | "-" | "*" | "/"):
                return self.arithmetic(node)
            case Call():
                return self.call(node)
        raise ExprError("unsupported expression", node.pos)  # pragma: no cover

    def expect(self, node: Node, type_: Type, where: str, guards: frozenset[str] = frozenset()) -> Compiled:
        """Compile a value of `type_` that must be present (`guards`: optional values known present)."""
        sub = self.present(node, self.guarded_by(guards, node), where)
        if not type_.accepts(sub.type):
            raise ExprError(f"{where} needs a {type_.name}, got a {sub.type.name}", node.pos)
        return sub

    def logical(self, node: Binary) -> Compiled:
        left = self.expect(node.left, BOOL, f"`{node.op}`")
        guards = present_if(node.left, node.op == "and", self.implied)  # `a and b`: b runs when a holds
        right = self.expect(node.right, BOOL, f"`{node.op}`", guards)
        lf, rf = left.fn, right.fn
        if node.op == "and":
            return Compiled(lambda env: lf(env) and rf(env), BOOL, False)
        return Compiled(lambda env: lf(env) or rf(env), BOOL, False)

    def membership(self, node: Binary) -> Compiled:
        left = self.compile(node.left)
        right = self.expect(node.right, SET, f"`{'in' if node.op == 'in' else 'not in'}`")
        if left.type.name not in ("string", "number", "any", "null"):
            raise ExprError(f"`in` tests a string or a number, got a {left.type.name}", node.left.pos)
        values = right.value
        if not right.constant:  # pragma: no cover - sets only come from constants
            raise ExprError("`in` needs a constant list", node.right.pos)
        contains = values.__contains__
        if node.op == "in":
            return Compiled(_unary(contains, left), BOOL, False)
        return Compiled(_unary(lambda value: not contains(value), left), BOOL, False)

    def comparison(self, node: Binary) -> Compiled:
        left = self.compile(node.left)
        right = self.compile(node.right)
        op = node.op
        lt, rt = left.type, right.type
        if op in ("==", "!="):
            if not (lt.accepts(rt) or lt.name == "null" or rt.name == "null"):
                raise ExprError(f"cannot compare a {lt.name} with a {rt.name}", node.pos)
        else:
            self.present(node.left, left, f"`{op}`")
            self.present(node.right, right, f"`{op}`")
            if lt.name not in ("number", "date", "any") or rt.name not in ("number", "date", "any"):
                bad = lt if lt.name not in ("number", "date", "any") else rt
                raise ExprError(f"`{op}` orders numbers or dates, not a {bad.name}", node.pos)
            if not lt.accepts(rt):
                raise ExprError(f"cannot compare a {lt.name} with a {rt.name}", node.pos)
        compare = _COMPARE[op]
        lf, rf = left.fn, right.fn
        if left.constant and right.constant:
            return _const(compare(left.value, right.value), BOOL)
        observe = self.on_compare
        if observe is not None:
            def traced(env: Env) -> bool:
                a, b = lf(env), rf(env)
                observe(node, a, b)
                return compare(a, b)
            return Compiled(traced, BOOL, False)
        return Compiled(_comparison(op, left, right), BOOL, False)

    def arithmetic(self, node: Binary) -> Compiled:
        left = self.expect(node.left, NUMBER, f"`{node.op}`")
        right = self.expect(node.right, NUMBER, f"`{node.op}`")
        apply = _ARITH[node.op]
        if left.constant and right.constant:
            try:
                return _const(apply(left.value, right.value), NUMBER)
            except ArithmeticError as exc:
                raise ExprError(f"arithmetic error: {type(exc).__name__}", node.pos) from None
        return Compiled(_binary(apply, left, right), NUMBER, False)

    def call(self, node: Call) -> Compiled:
        if node.function == "if":
            return self.conditional(node)
        function = FUNCTIONS.get(node.function)
        if function is None:
            known = ", ".join(sorted([*FUNCTIONS, *SPECIAL_FORMS]))
            raise ExprError(f"unknown function `{node.function}` (known: {known})", node.pos)
        arity = len(function.params)
        if (function.variadic and len(node.args) < 1) or (not function.variadic and len(node.args) != arity):
            more = " or more" if function.variadic else ""
            raise ExprError(f"`{node.function}` takes {arity}{more} argument(s), got {len(node.args)}",
                            node.pos)
        args = []
        for i, arg in enumerate(node.args):
            expected = function.params[min(i, arity - 1)]
            args.append(self.expect(arg, expected, f"argument {i + 1} of `{node.function}`"))
        impl = function.impl
        if all(a.constant for a in args):
            try:
                return _const(impl(*(a.value for a in args)), function.returns)
            except (ArithmeticError, ValueError) as exc:
                raise ExprError(f"`{node.function}` fails on its constant arguments: {exc}",
                                node.pos) from None
        if len(args) == 1:
            return Compiled(_unary(impl, args[0]), function.returns, False)
        if len(args) == 2:
            return Compiled(_binary(impl, args[0], args[1]), function.returns, False)
        fns = tuple(a.fn for a in args)
        return Compiled(lambda env: impl(*(f(env) for f in fns)), function.returns, False)

    def conditional(self, node: Call) -> Compiled:
        if len(node.args) != 3:
            raise ExprError(f"`if` takes 3 arguments (condition, then, else), got {len(node.args)}", node.pos)
        test = self.expect(node.args[0], BOOL, "the condition of `if`")
        then = self.guarded_by(present_if(node.args[0], True, self.implied), node.args[1])
        other = self.guarded_by(present_if(node.args[0], False, self.implied), node.args[2])
        if not then.type.accepts(other.type):
            raise ExprError(f"the branches of `if` differ: {then.type.name} and {other.type.name}", node.pos)
        if test.constant:
            return then if test.value else other
        tf, af, bf = test.fn, then.fn, other.fn
        type_ = Type(then.type.name, then.type.nullable or other.type.nullable)
        return Compiled(lambda env: af(env) if tf(env) else bf(env), type_, False)


__all__ = ["ANY", "Compiled", "Const", "DATE", "Scope", "Slot", "STRING", "compile_expr"]
