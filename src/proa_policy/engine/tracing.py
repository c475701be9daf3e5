"""Rule status, decided in one place, and the tracers that watch a decision being made.

`rule_outcome` is the only code that says whether a rule passed, failed, erred or
was not reached; the engine's decision loop calls it once per rule and shows the
result to a `Tracer` when one is given (OPA's topdown/trace.go in spirit, with one
event kind). `ResultTracer` is the explanation of `--explain`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from proa_policy.engine.decision import ERROR, FAILED, NOT_REACHED, PASSED, RuleResult

if TYPE_CHECKING:
    from proa_policy.engine.compiling import CompiledRule


NOT_FAILED = frozenset({PASSED, NOT_REACHED})


def rule_outcome(compiled: CompiledRule, env: list[Any]) -> tuple[str, Exception | None]:
    """The one place a rule's status is decided: not reached (not in force, or `when` false), passed,
    failed, or error — an error is never compliant, and comes with the exception that made it."""
    if not compiled.in_force:
        return NOT_REACHED, None
    try:
        if compiled.when is not None and not compiled.when(env):
            return NOT_REACHED, None
        return (PASSED if compiled.condition(env) else FAILED), None
    except Exception as exc:
        return ERROR, exc


class Tracer:
    """Sees each rule of the period as it is evaluated (OPA's topdown tracers, one event kind: a rule's
    status). Subclass and pass to `PolicySet.trace`; the engine calls it, never the other way."""

    def rule(self, compiled: CompiledRule, env: list[Any], status: str, day: dt.date,
             error: str | None = None) -> None:
        """One rule evaluated (`compiled.rule` is the Rule; `env` the values it read; `error` why it could
        not be evaluated, when its status is error)."""

    def results(self) -> tuple[RuleResult, ...]:
        return ()


class ResultTracer(Tracer):
    """The explanation: each rule's result, with the values and parameters it used (`--explain`)."""

    def __init__(self, policies: Any, lang: str):
        self.policies, self.lang = policies, lang
        self.found: list[RuleResult] = []

    def rule(self, compiled: CompiledRule, env: list[Any], status: str, day: dt.date,
             error: str | None = None) -> None:
        self.found.append(self.policies.rule_result(compiled, env, status, day, self.lang, error))

    def results(self) -> tuple[RuleResult, ...]:
        return tuple(self.found)
