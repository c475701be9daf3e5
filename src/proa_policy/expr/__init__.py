"""The condition language of the policy files: text → tokens → typed AST → closures.

Grammar (lowest precedence first), documented for reviewers in docs/language.md::

    expr        := or_expr
    or_expr     := and_expr ("or" and_expr)*
    and_expr    := not_expr ("and" not_expr)*
    not_expr    := "not" not_expr | comparison
    comparison  := additive (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") additive)?
    additive    := term (("+" | "-") term)*
    term        := unary (("*" | "/") unary)*
    unary       := "-" unary | primary
    primary     := NUMBER | STRING | "true" | "false" | "null" | "[" [expr ("," expr)*] "]"
                 | NAME "(" [expr ("," expr)*] ")" | NAME ("." NAME)* | "(" expr ")"

There is no attribute access on values, no indexing, no user-defined
functions, no loops: a condition can only compare what it names.
"""

from proa_policy.expr.ast import Node
from proa_policy.expr.compiler import Compiled, Scope, compile_expr
from proa_policy.expr.parser import ExprError, parse
from proa_policy.expr.types import Type

__all__ = ["Compiled", "ExprError", "Node", "Scope", "Type", "compile_expr", "parse"]
