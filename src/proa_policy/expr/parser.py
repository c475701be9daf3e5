"""Lexer and recursive-descent parser for the condition language (grammar in `expr/__init__.py`)."""

from __future__ import annotations

import re
from decimal import Decimal

from proa_policy.expr.ast import Binary, Call, ListExpr, Literal, Name, Node, Unary


class ExprError(Exception):
    """A condition that does not parse or type-check; `pos` is the 0-based offset in its text."""

    def __init__(self, message: str, pos: int = 0):
        super().__init__(message)
        self.message = message
        self.pos = pos


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,|\.)
    """,
    re.VERBOSE | re.ASCII,  # `٤٠٠` is not a number, and `\s` is ASCII whitespace
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}
_MAX_LENGTH = 2000
_MAX_DEPTH = 50
#: Levels of operators inside operators (`a + b + c` is 2): bounds every walk of the tree, so a long
#: chain is a located error at load time, never a RecursionError when it is compiled or evaluated.
MAX_TREE_DEPTH = 64


def tokenize(text: str) -> list[tuple[str, str, int]]:
    if len(text) > _MAX_LENGTH:
        raise ExprError(f"condition longer than {_MAX_LENGTH} characters", 0)
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ExprError(f"unexpected character `{text[pos]}`", pos)
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "name" and value in _KEYWORDS:
            kind = "keyword"
        if kind != "ws":
            tokens.append((kind, value, pos))
        pos = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.index]

    def advance(self) -> tuple[str, str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, value: str) -> bool:
        kind, text, _ = self.peek()
        if kind in ("op", "keyword") and text == value:
            self.index += 1
            return True
        return False

    def expect(self, value: str) -> None:
        if not self.accept(value):
            kind, text, pos = self.peek()
            found = "end of condition" if kind == "end" else f"`{text}`"
            raise ExprError(f"expected `{value}`, found {found}", pos)

    def deeper(self, pos: int) -> None:
        """One level of nesting more (a parenthesis, a `not`, a unary `-`): at most _MAX_DEPTH."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise ExprError(f"condition nested deeper than {_MAX_DEPTH} levels", pos)

    def expr(self) -> Node:
        self.deeper(self.peek()[2])
        node = self.or_expr()
        self.depth -= 1
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.peek()[1] == "or" and self.peek()[0] == "keyword":
            pos = self.advance()[2]
            node = Binary("or", node, self.and_expr(), pos)
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.peek()[1] == "and" and self.peek()[0] == "keyword":
            pos = self.advance()[2]
            node = Binary("and", node, self.not_expr(), pos)
        return node

    def not_expr(self) -> Node:
        kind, text, pos = self.peek()
        if kind == "keyword" and text == "not":
            self.advance()
            self.deeper(pos)
            node = Unary("not", self.not_expr(), pos)
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        node = self.additive()
        kind, text, pos = self.peek()
        if kind == "op" and text in ("==", "!=", "<", "<=", ">", ">="):
            self.advance()
            node = Binary(text, node, self.additive(), pos)
        elif kind == "keyword" and text == "in":
            self.advance()
            node = Binary("in", node, self.additive(), pos)
        elif kind == "keyword" and text == "not" and self.tokens[self.index + 1][1] == "in":
            self.advance()
            self.advance()
            node = Binary("notin", node, self.additive(), pos)
        kind, text, pos = self.peek()
        if kind == "op" and text in ("==", "!=", "<", "<=", ">", ">="):
            raise ExprError("comparisons do not chain: use `and`", pos)
        return node

    def additive(self) -> Node:
        node = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            _, op, pos = self.advance()
            node = Binary(op, node, self.term(), pos)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            _, op, pos = self.advance()
            node = Binary(op, node, self.unary(), pos)
        return node

    def unary(self) -> Node:
        kind, text, pos = self.peek()
        if kind == "op" and text == "-":
            self.advance()
            self.deeper(pos)
            node = Unary("-", self.unary(), pos)
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        kind, text, pos = self.advance()
        if kind == "number":
            return Literal(Decimal(text) if "." in text else int(text), pos)
        if kind == "string":
            return Literal(re.sub(r"\\(.)", r"\1", text[1:-1]), pos)
        if kind == "keyword" and text in ("true", "false"):
            return Literal(text == "true", pos)
        if kind == "keyword" and text == "null":
            return Literal(None, pos)
        if kind == "op" and text == "(":
            node = self.expr()
            self.expect(")")
            return node
        if kind == "op" and text == "[":
            items: list[Node] = []
            if not self.accept("]"):
                items.append(self.expr())
                while self.accept(","):
                    items.append(self.expr())
                self.expect("]")
            return ListExpr(tuple(items), pos)
        if kind == "name":
            if self.accept("("):
                args: list[Node] = []
                if not self.accept(")"):
                    args.append(self.expr())
                    while self.accept(","):
                        args.append(self.expr())
                    self.expect(")")
                return Call(text, tuple(args), pos)
            parts = [text]
            while self.accept("."):
                nk, nt, npos = self.advance()
                if nk != "name":
                    raise ExprError("expected a name after `.`", npos)
                parts.append(nt)
            return Name(tuple(parts), pos)
        found = "end of condition" if kind == "end" else f"`{text}`"
        raise ExprError(f"unexpected {found}", pos)


def parse(text: str) -> Node:
    """Parse a condition; raises ExprError with the offset of the first problem."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("empty condition", 0)
    parser = _Parser(text)
    node = parser.expr()
    kind, value, pos = parser.peek()
    if kind != "end":
        raise ExprError(f"unexpected `{value}` after the end of the condition", pos)
    _check_depth(node)
    return node


def _children(node: Node) -> tuple[Node, ...]:
    match node:
        case Binary(left=left, right=right):
            return (left, right)
        case Unary(operand=operand):
            return (operand,)
        case ListExpr(items=items) | Call(args=items):
            return items
    return ()


def _check_depth(root: Node) -> None:
    """Raise ExprError at the first operator deeper than MAX_TREE_DEPTH; iterative (explicit stack)."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        children = _children(node)
        if children and depth > MAX_TREE_DEPTH:
            raise ExprError(f"condition nested deeper than {MAX_TREE_DEPTH} levels of operators: "
                            "split it into computed values", node.pos)
        stack.extend((child, depth + 1) for child in children)
