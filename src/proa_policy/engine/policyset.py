"""The one place verdicts are decided: a compiled policy set evaluating dossiers.

Loading compiles the set (engine/compiling.py). Evaluating a dossier is then:
validate, pick the period of its start date (or `as_of`), fill the value slots,
run the computed values and the rules (each rule's status by `rule_outcome`),
apply the verdict precedence; a rule that did not pass says why in a `Message`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from proa_policy.dossier.schema import DossierSchema, check_options, normalize
from proa_policy.engine.compiling import CompiledRule, CompiledSet, Period
from proa_policy.engine.decision import (
    ELIGIBLE,
    ERROR,
    FAILED,
    INCOMPLETE,
    INELIGIBLE,
    INVALID,
    VERDICTS,
    Decision,
    Finding,
    ParameterUsed,
    RuleResult,
    ValueRead,
)
from proa_policy.engine.messages import Message, evaluation_error
from proa_policy.engine.tracing import (
    NOT_FAILED as _NOT_FAILED,
    ResultTracer as _ResultTracer,
    Tracer,
    rule_outcome,
)
from proa_policy.errors import DossierIssue, PolicyError
from proa_policy.policy.loader import read_policy_files
from proa_policy.policy.model import WARNING, PolicyDocument
from proa_policy.wording import in_language, say

_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS)}


class PolicySet:
    """A loaded, compiled policy set. Immutable after construction: safe to share between threads."""

    def __init__(self, document: PolicyDocument, schema: DossierSchema | None = None,
                 on_compare: Callable[..., None] | None = None):
        """`on_compare(node, left, right)` instruments every comparison (coverage); None for speed."""
        self.document = document
        self.schema = schema or DossierSchema()
        self.manifest = document.manifest
        self.parameters = document.parameters
        self.rules = document.rules
        self.annex = document.annex
        compiled = CompiledSet(document, self.schema, on_compare)  # raises PolicyError with every problem
        self._compiled = compiled
        self._getters, self._blank = compiled.getters, compiled.blank  # the hot path's own names
        self._computed_names, self._requested = compiled.computed_names, compiled.requested
        self._ceiling_name, self._inputs = compiled.ceiling_name, compiled.slots.inputs
        self._evaluation_day = compiled.evaluation_day
        self.policy_info = {
            "id": self.manifest.id,
            "version": self.manifest.version,
            "articles": {a.article: a.version for a in document.articles},
        }

    # --- evaluation ------------------------------------------------------

    def trace(self, document: dict[str, Any], tracer: Tracer, *, as_of: dt.date | None = None,
              lang: str = "fr") -> Decision:
        """Judge a valid document, showing `tracer` each rule's evaluation."""
        return self._decide(document, as_of, lang, tracer)

    def period_for(self, day: dt.date) -> Period:
        """The compiled rules in force on `day`."""
        return self._compiled.period_for(day)

    def expression(self, text: str, day: dt.date) -> Callable[[dict[str, Any]], Any]:
        """An expression of the condition language compiled against this set as in force on `day` (the
        explorer of `proa-policy diff` evaluates the sides of a comparison with it); ExprError if invalid."""
        return self._compiled.expression(text, day)

    def evaluate(self, dossier: Any, *, as_of: dt.date | None = None, lang: str = "fr",
                 explain: bool = False) -> Decision:
        """Judge one dossier (any Python value); a decision for every value, TypeError/ValueError only
        for the caller's own mistakes (`as_of` not a date, an unknown `lang`)."""
        as_of = check_options(as_of, lang)
        document, issues = normalize(dossier, self.schema.date_paths, lang)  # total: never raises
        if issues:
            return self.invalid_decision(_dossier_id(document), tuple(issues))
        return self._evaluate_checked(document, as_of, lang, explain, None)

    def evaluate_document(self, document: Any, *, as_of: dt.date | None = None, lang: str = "fr",
                          explain: bool = False, source: str | None = None) -> Decision:
        """Judge a document already in JSON's value space (as `documents.load_text` returns it)."""
        return self._evaluate_checked(document, check_options(as_of, lang), lang, explain, source)

    def _evaluate_checked(self, document: Any, as_of: dt.date | None, lang: str, explain: bool,
                          source: str | None) -> Decision:
        """`evaluate_document` once the caller's options are checked."""
        try:
            if not self.schema.is_valid(document):
                issues = tuple(self.schema.issues(document, lang))
                return self.invalid_decision(_dossier_id(document), issues, source)
        except Exception as exc:  # totality: a bug must still give an answer, and be visible
            return self._internal_error(document, exc, source)
        return self.decide_valid(document, as_of=as_of, lang=lang, explain=explain, source=source)

    def _internal_error(self, document: Any, exc: Exception, source: str | None) -> Decision:
        issue = DossierIssue("", f"erreur interne de l'évaluateur : {type(exc).__name__}: {exc}")
        return self.invalid_decision(_dossier_id(document), (issue,), source)

    def invalid_decision(self, dossier_id: str | None, issues: tuple[DossierIssue, ...],
                         source: str | None = None) -> Decision:
        return Decision(INVALID, dossier_id, errors=issues, policy=self.policy_info,
                        funding={"ceiling_eur": None, "requested_amount": None, "capped": None},
                        source=source)

    def decide_valid(self, document: dict[str, Any], *, as_of: dt.date | None = None, lang: str = "fr",
                     explain: bool = False, source: str | None = None,
                     locate: Callable[[str | None], tuple[int, int]] | None = None) -> Decision:
        """Judge a document that `schema.is_valid` accepted (no second validation): the fast path.

        `locate(pointer)` gives each finding its (line, column) in the text the document was read from.
        The result for an invalid document is undefined; use `evaluate_document` when unsure.
        """
        tracer = _ResultTracer(self, lang) if explain else None
        try:
            return self._decide(document, as_of, lang, tracer, source, locate)
        except Exception as exc:  # totality: a bug must still give an answer, and be visible
            return self._internal_error(document, exc, source)

    def _decide(self, document: dict[str, Any], as_of: dt.date | None, lang: str,
                tracer: Tracer | None = None, source: str | None = None,
                locate: Callable[[str | None], tuple[int, int]] | None = None) -> Decision:
        """Each rule's status is computed once, by `rule_outcome`; a tracer sees every rule of the period."""
        day = as_of or self._evaluation_day(document)
        period = self.period_for(day)
        env: list[Any] = [get(document) for get in self._getters]  # one closure per field: measured
        env += self._blank  # faster than reading each object's fields by one itemgetter (issue 16)
        unset = self._compute(period, env)
        verdict, violations, warnings = self._judge(period, env, day, lang, tracer, unset, locate)
        names = self._computed_names
        computed_values = dict(zip(names, reversed(env[len(env) - len(names):])))
        ceiling = computed_values.get(self._ceiling_name)
        requested = self._requested(document)
        capped = (requested > ceiling) if requested is not None and ceiling is not None else None
        return Decision(
            verdict=verdict,
            dossier_id=document.get("id"),
            violations=tuple(violations),
            warnings=tuple(warnings),
            computed=computed_values,
            funding={"ceiling_eur": ceiling, "requested_amount": requested,
                     "capped": capped},
            policy=self.policy_info,
            evaluation_date=day,
            results=tracer.results() if tracer else (),
            source=source,
        )

    def _compute(self, period: Period, env: list[Any]) -> dict[str, str]:
        """Fill the computed values in; those that could not be computed (a bug), named with why."""
        unset: dict[str, str] = {}
        for slot, fn in period.computed_fns:  # computed value i lives at env[-1 - i]
            try:
                env[slot] = fn(env)
            except Exception as exc:
                unset[f"computed.{self._computed_names[-1 - slot]}"] = f"{type(exc).__name__}: {exc}"
        return unset

    def _judge(self, period: Period, env: list[Any], day: dt.date, lang: str, tracer: Tracer | None,
               unset: dict[str, str], locate: Callable[[str | None], tuple[int, int]] | None,
               ) -> tuple[str, list[Finding], list[Finding]]:
        """The rules of the period on `env`: the verdict by precedence, the violations and the warnings."""
        violations: list[Finding] = []
        warnings: list[Finding] = []
        verdict = ELIGIBLE
        for compiled in (period.rules if tracer else period.checks):
            status, exc = rule_outcome(compiled, env)
            error = _why(exc, compiled, unset, lang) if exc is not None else None
            if tracer:
                tracer.rule(compiled, env, status, day, error)
            if status in _NOT_FAILED:
                continue
            line, column = locate(compiled.pointer) if locate is not None else (0, 0)
            rule = compiled.rule
            finding = Finding.pending(rule.id, rule.article, rule.kind, compiled.pointer, line, column,
                                      _message(compiled, env, lang, status, error), error)
            failure = compiled.failure
            if failure == WARNING:
                warnings.append(finding)
                continue
            violations.append(finding)
            if error is not None and failure == INCOMPLETE:
                failure = INELIGIBLE  # an unevaluated formality must not read as « meets the accord »
            if _RANK[failure] < _RANK[verdict]:
                verdict = failure
        return verdict, violations, warnings

    def rule_result(self, compiled: CompiledRule, env: list[Any], status: str, day: dt.date,
                    lang: str, error: str | None = None) -> RuleResult:
        """One rule on one dossier as the trace shows it: status, values read, parameters, message."""
        rule = compiled.rule
        values = tuple(
            ValueRead(name, self._inputs[slot].pointer if slot >= 0 else None, env[slot])
            for name, slot in compiled.reads
        )
        params = tuple(
            ParameterUsed(name, self.parameters[name].at(day).value, self.parameters[name].at(day).start,
                          self.parameters[name].at(day).citation)
            for name in compiled.params if name in self.parameters
        )
        said = _message(compiled, env, lang, status, error) if status in (FAILED, ERROR) else None
        return RuleResult(rule.id, rule.article, rule.kind, status, rule.title, rule.quote,
                          said.text() if said is not None else None,
                          values, params, rule.interpretation)


def _message(compiled: CompiledRule, env: list[Any], lang: str, status: str, error: str | None) -> Message:
    """What a rule that did not pass says: its message, or the first of its cases whose test holds."""
    rule = compiled.rule
    if status == ERROR:
        return evaluation_error(rule.id, error or say("finding.unknown_reason", lang), lang)
    templates = compiled.messages
    for test, case in compiled.cases:
        try:
            if test(env):
                templates = case
                break
        except Exception:
            continue
    return in_language(templates, lang).said(env)


def _why(exc: Exception, compiled: CompiledRule, unset: dict[str, str], lang: str) -> str:
    """Why a rule could not be evaluated: the exception, and the computed values it reads that failed
    first."""
    why = f"{type(exc).__name__}: {exc}"
    failed = [f"`{name}` ({unset[name]})" for name, _ in compiled.reads if name in unset]
    return say("finding.uncomputed", lang, why=why, values=", ".join(failed)) if failed else why


def _dossier_id(value: Any) -> str | None:
    if isinstance(value, dict):
        identifier = value.get("id")
        if isinstance(identifier, str):
            return identifier[:64]
    return None


def load_policies(path: Any = None) -> PolicySet:
    """Load, validate and compile a policy set (the shipped one when `path` is None).

    Raises PolicyError with every problem of reading and of compiling, together.
    """
    document, problems = read_policy_files(path)
    if document is not None:
        try:
            policies = PolicySet(document)
        except PolicyError as exc:
            problems = [*problems, *exc.problems]
        except Exception:  # a partly invalid set that cannot even be compiled: its read problems say why
            if not problems:
                raise
        else:
            if not problems:
                return policies
    raise PolicyError(problems)
