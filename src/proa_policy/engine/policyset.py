"""The one place verdicts are decided: a compiled policy set evaluating dossiers.

Loading compiles every condition once per *period* (a span of dates over
which no parameter value and no rule changes), with the parameter values of
that period folded in as constants. Evaluating a dossier is then: validate,
pick the period of its start date (or `as_of`), fill the value slots, run the
computed values and the rules, apply the verdict precedence.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from proa_policy.engine.decision import (
    ELIGIBLE,
    ERROR,
    FAILED,
    INCOMPLETE,
    INELIGIBLE,
    INVALID,
    NOT_APPLICABLE,
    VERDICTS,
    Decision,
    Finding,
    ParameterUsed,
    RuleResult,
    ValueRead,
)
from proa_policy.dossier.schema import DossierSchema, check_options, normalize
from proa_policy.errors import DossierIssue, PolicyError, PolicyProblem
from proa_policy.expr import ExprError, compile_expr, parse
from proa_policy.policy.dependencies import computed_graph
from proa_policy.expr.ast import Name, names
from proa_policy.expr.compiler import Const, Slot, present_if
from proa_policy.expr.deps import PLACEHOLDER, Reads, reads_of_names
from proa_policy.expr.ordering import MAX_COMPUTED_CHAIN, dependency_order
from proa_policy.expr.types import BOOL, DATE, NUMBER, SET, STRING, Type
from proa_policy.limits import MAX_PERIODS
from proa_policy.policy.loader import read_policy_files
from proa_policy.policy.model import (
    APPLICABILITY,
    ELIGIBILITY,
    FORMALITY,
    WARNING,
    Parameter,
    PolicyDocument,
    Rule,
)
from proa_policy.source import SourceSpan, pointer
from proa_policy.wording import say
from proa_policy.engine.messages import Message, Template, evaluation_error
from proa_policy.engine.tracing import (
    NOT_FAILED as _NOT_FAILED,
    ResultTracer as _ResultTracer,
    Tracer,
    rule_outcome,
)

#: The verdict a failing rule of each kind leads to (a warning leads to none).
_FAILURES = {APPLICABILITY: NOT_APPLICABLE, ELIGIBILITY: INELIGIBLE, FORMALITY: INCOMPLETE, WARNING: WARNING}
_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS)}
_FIELD_TYPES = {"number": NUMBER, "string": STRING, "bool": BOOL, "date": DATE}
Fn = Callable[[list[Any]], Any]


class _Guards(frozenset):
    """What a `when` that does not parse guards: everything, so that its one error is the only one."""

    def __contains__(self, item: object) -> bool:
        return True

    def __or__(self, other: object) -> "_Guards":
        return self


_UNKNOWN_GUARDS = _Guards()


def _getter(path: tuple[str, ...], is_date: bool, required: bool) -> Callable[[dict[str, Any]], Any]:
    """Read one field of a *valid* dossier; optional fields read as None when absent."""
    if required and len(path) == 2:
        a, b = path
        if is_date:
            return lambda d: dt.date.fromisoformat(d[a][b])
        return lambda d: d[a][b]
    if required and len(path) == 3:
        a, b, c = path
        if is_date:
            return lambda d: dt.date.fromisoformat(d[a][b][c])
        return lambda d: d[a][b][c]

    def get(d: dict[str, Any]) -> Any:
        node: Any = d
        for part in path:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
            if node is None:
                return None
        return dt.date.fromisoformat(node) if is_date else node

    return get


@dataclass(frozen=True, slots=True)
class _Input:
    name: str  # dossier.a.b
    pointer: str
    type: Type
    get: Callable[[dict[str, Any]], Any]


class _Slots:
    """The layout of an evaluation's value list: dossier inputs first, then computed values."""

    def __init__(self, schema: DossierSchema, computed_names: list[str]):
        self.fields = schema.fields()
        self.inputs: list[_Input] = []
        self.by_name: dict[str, int] = {}
        self.computed_names = computed_names

    def dossier(self, name: Name) -> Slot:
        path = name.parts[1:]
        if path not in self.fields:
            prefix = [p for p in self.fields if p[: len(path)] == path]
            if prefix and path:
                raise ExprError(f"`{name.dotted}` is an object: name one of its fields", name.pos)
            raise ExprError(f"no field `{'.'.join(path)}` in the dossier schema", name.pos)
        info = self.fields[path]
        type_ = _FIELD_TYPES.get(info["type"], Type("any"))
        type_ = type_ if info["required"] else Type(type_.name, True)
        if name.dotted not in self.by_name:
            self.by_name[name.dotted] = len(self.inputs)
            self.inputs.append(_Input(name.dotted, pointer(*path), type_,
                                      _getter(path, info["type"] == "date", info["required"])))
        return Slot(self.by_name[name.dotted], type_)

    def computed_slot(self, name: str) -> int:
        """Computed value i lives at env[-1 - i]: after the inputs, however many inputs there end up being."""
        return self.computed_names.index(name)


class _Scope:
    def __init__(self, slots: _Slots, params: dict[str, Parameter], day: dt.date,
                 computed_types: dict[str, Type], annex_sets: dict[str, frozenset[str]]):
        self.slots, self.params, self.day = slots, params, day
        self.computed_types, self.annex_sets = computed_types, annex_sets

    def resolve(self, name: Name) -> Const | Slot:
        head, rest = name.parts[0], name.parts[1:]
        if head == "dossier":
            return self.slots.dossier(name)
        if head == "param" and len(rest) == 1:
            param = self.params.get(rest[0])
            if param is None:
                raise ExprError(f"unknown parameter `{rest[0]}`", name.pos)
            if not param.values:
                raise ExprError(f"parameter `{rest[0]}` has no valid value", name.pos)
            return Const(param.at(self.day).value, DATE if param.type == "date" else NUMBER)
        if head == "computed" and len(rest) == 1:
            if rest[0] not in self.computed_types:
                raise ExprError(f"unknown computed value `{rest[0]}`", name.pos)
            return Slot(-1 - self.slots.computed_slot(rest[0]), self.computed_types[rest[0]])
        if head == "annex" and len(rest) == 1:
            if rest[0] not in self.annex_sets:
                known = ", ".join(sorted(self.annex_sets))
                raise ExprError(f"unknown annex table `{rest[0]}` (known: {known})", name.pos)
            return Const(self.annex_sets[rest[0]], SET)
        raise ExprError(f"unknown name `{name.dotted}` "
                        "(names start with dossier., param., computed. or annex.)", name.pos)

    def implied_by(self, name: str, values: frozenset[Any]) -> frozenset[str]:
        """Dossier fields the schema requires when field `name` takes one of `values`."""
        return frozenset("dossier." + ".".join(path) for path, info in self.slots.fields.items()
                         if info.get("present_when")
                         and "dossier." + ".".join(info["present_when"][0]) == name
                         and values <= info["present_when"][1])


def _span_in(span: SourceSpan | None, pos: int) -> SourceSpan:
    """Where offset `pos` of an expression is, the expression being written at `span`."""
    if span is None:
        return SourceSpan("?")
    return SourceSpan(span.file, span.line, span.column + pos if span.column else 0)


@dataclass(slots=True)
class _CompiledRule:
    rule: Rule
    index: int
    when: Fn | None
    condition: Fn
    messages: dict[str, Template]
    cases: tuple[tuple[Fn, dict[str, Template]], ...]
    reads: tuple[tuple[str, int], ...]  # (name, slot)
    params: tuple[str, ...]
    in_force: bool
    failure: str  # the verdict a failure leads to, or "warning"
    pointer: str | None  # the dossier field a failure points at: the first one the condition reads


@dataclass(slots=True)
class _Period:
    start: dt.date | None
    computed: tuple[tuple[str, int, Fn], ...]  # (name, slot, fn) in dependency order
    rules: tuple[_CompiledRule, ...]
    computed_fns: tuple[tuple[int, Fn], ...] = ()  # (env index, fn): the hot loop's view of `computed`
    checks: tuple[_CompiledRule, ...] = ()  # the rules in force: the hot loop's view of `rules`

    def __post_init__(self) -> None:
        self.computed_fns = tuple((-1 - i, fn) for _, i, fn in self.computed)
        self.checks = tuple(r for r in self.rules if r.in_force)


class PolicySet:
    """A loaded, compiled policy set. Immutable after construction: safe to share between threads."""

    def __init__(self, document: PolicyDocument, schema: DossierSchema | None = None,
                 on_compare: Callable[..., None] | None = None):
        """`on_compare(node, left, right)` instruments every comparison (coverage); None for speed."""
        self.document = document
        self._on_compare = on_compare
        self.schema = schema or DossierSchema()
        self.manifest = document.manifest
        self.parameters = document.parameters
        self.rules = document.rules
        self.annex = document.annex
        self._compile()
        self.policy_info = {
            "id": self.manifest.id,
            "version": self.manifest.version,
            "articles": {a.article: a.version for a in document.articles},
        }

    # --- compilation -----------------------------------------------------

    def _compile(self) -> None:
        doc = self.document
        problems: list[PolicyProblem] = []
        order = self._computed_order(problems)
        self._slots = _Slots(self.schema, order)
        days = self._period_starts(problems)
        self._boundaries = days
        periods: list[_Period] = []
        for i, day in enumerate(days):
            periods.append(self._compile_period(day, order, doc.computed, doc.annex.sets_at(day),
                                                problems if i == 0 or not problems else []))
        seen: set[tuple[str, str]] = set()
        unique = [p for p in problems
                  if (str(p.span), p.message) not in seen and not seen.add((str(p.span), p.message))]
        requested = tuple(self.manifest.requested_amount.split(".")[1:])
        unique += self._manifest_problems(requested)
        if unique:
            raise PolicyError(unique)
        self._periods = tuple(periods)
        self._getters = tuple(i.get for i in self._slots.inputs)
        self._blank = [None] * len(order)
        self._computed_names = tuple(order)
        self._ceiling_name = self.manifest.funding_ceiling
        self._requested = _getter(requested, False, False)

    def _period_starts(self, problems: list[PolicyProblem]) -> list[dt.date]:
        """The first day of each period, at most MAX_PERIODS of them (each compiles every rule)."""
        rules = self.rules
        boundaries = sorted({v.start for p in self.parameters.values() for v in p.values}
                            | self.document.annex.dates
                            | {r.effective_from for r in rules if r.effective_from}
                            | {r.effective_until + dt.timedelta(days=1) for r in rules if r.effective_until})
        if len(boundaries) > MAX_PERIODS:
            message = (f"more than {MAX_PERIODS} periods (dates at which a parameter value, a rule or the "
                       "annex changes; a limit of docs/reliability.md)")
            problems.append(PolicyProblem(self._period_span(boundaries[MAX_PERIODS]), message))
            boundaries = boundaries[:MAX_PERIODS]
        return boundaries or [dt.date.min]

    def _manifest_problems(self, requested: tuple[str, ...]) -> list[PolicyProblem]:
        """What the manifest names and the set does not have."""
        manifest, found = self.manifest, []
        if manifest.entry_into_force not in self.parameters:
            found.append(PolicyProblem(manifest.span, f"manifest: unknown parameter "
                                                      f"`{manifest.entry_into_force}` for entry_into_force"))
        if manifest.funding_ceiling not in self.document.computed:
            found.append(PolicyProblem(manifest.span,
                                       f"manifest: unknown computed value `{manifest.funding_ceiling}`"))
        if requested not in self._slots.fields:
            found.append(PolicyProblem(manifest.span, f"manifest: no dossier field `{'.'.join(requested)}` "
                                                      "for requested_amount"))
        return found

    def _period_span(self, day: dt.date) -> SourceSpan:
        """Where a period starts: the first parameter value or rule that starts it, else the annex."""
        for parameter in self.parameters.values():
            for value in parameter.values:
                if value.start == day:
                    return value.span
        starting = (r.span for r in self.rules if day in (r.effective_from, r.effective_until))
        return next(starting, self.annex.article.span)

    def _computed_order(self, problems: list[PolicyProblem]) -> list[str]:
        """Computed values in dependency order; a cycle is a load error at each value in it."""
        computed = self.document.computed
        self._cyclic: set[str] = set()
        self._graph = computed_graph(self.document)
        for name, item in computed.items():
            try:
                parse(item.expr)
            except ExprError as exc:
                problems.append(PolicyProblem(_span_in(item.span, exc.pos),
                                              f"computed `{name}`: {exc.message}"))
        deps = {name: list(self._graph.direct[name].computed) for name in computed}
        order, cycles, depth = dependency_order(deps)
        for members in cycles:
            self._cyclic.update(members)
            cycle = " -> ".join([*members, members[0]])
            problems.append(PolicyProblem(computed[members[0]].span,
                                          f"computed values form a cycle: {cycle}"))
        for name in order:  # one error per chain too long: at the value that first exceeds the limit
            if depth[name] == MAX_COMPUTED_CHAIN + 1 and name not in self._cyclic:
                problems.append(PolicyProblem(computed[name].span, f"computed `{name}`: a chain of more than "
                                              f"{MAX_COMPUTED_CHAIN} computed values reading one another"))
        return order

    def _compile_period(self, day: dt.date, order: list[str], computed: dict[str, Any],
                        annex_sets: dict[str, frozenset[str]], problems: list[PolicyProblem]) -> _Period:
        types: dict[str, Type] = {}
        compiled_computed = []
        scope = _Scope(self._slots, self.parameters, day, types, annex_sets)
        for name in order:
            item = computed[name]
            if name in self._cyclic:  # already reported as a cycle: compiling it would only add noise
                types[name] = Type("any", True)
                continue
            try:
                result = compile_expr(parse(item.expr), scope, self._on_compare, implied=scope.implied_by)
                types[name] = result.type
                compiled_computed.append((name, order.index(name), result.fn))
            except ExprError as exc:
                problems.append(PolicyProblem(_span_in(item.span, exc.pos),
                                              f"computed `{name}`: {exc.message}"))
                types[name] = Type("any", True)
        scope.computed_types = {**{n: Type("any", True) for n in order}, **types}
        rules = []
        for index, rule in enumerate(self.rules):
            rules.append(self._compile_rule(rule, index, day, scope, problems))
        return _Period(day, tuple(compiled_computed), tuple(rules))

    def _expr(self, text: str, span: SourceSpan | None, scope: _Scope, want: Type | None,
              problems: list[PolicyProblem], what: str,
              guarded: frozenset[str] = frozenset()) -> tuple[Fn, list[Name]]:
        try:
            tree = parse(text)
            result = compile_expr(tree, scope, self._on_compare, guarded, scope.implied_by)
            if want is not None and result.type.name not in (want.name, "any"):
                raise ExprError(f"must be a {want.name}, is a {result.type.name}", 0)
            return result.fn, names(tree)
        except ExprError as exc:
            problems.append(PolicyProblem(_span_in(span, exc.pos), f"{what}: {exc.message}"))
            return (lambda env: None), []

    @staticmethod
    def _guards(when: str | None, scope: _Scope) -> frozenset[str]:
        try:
            return present_if(parse(when), True, scope.implied_by) if when else frozenset()
        except ExprError:
            return _UNKNOWN_GUARDS  # reported when `when` is compiled; its condition gets no second error

    def _template(self, text: str, lang: str, rule: Rule, span: SourceSpan, scope: _Scope,
                  problems: list[PolicyProblem],
                  what: str, found: list[Name], guarded: frozenset[str] = frozenset()) -> Template:
        pieces: list[str] = []
        placeholders: list[Fn] = []
        last = 0
        for match in PLACEHOLDER.finditer(text):
            pieces.append(text[last:match.start()])
            fn, used = self._expr(match.group(1), span, scope, None, problems,
                                  f"{what}, placeholder `{{{match.group(1)}}}`", guarded)
            found.extend(used)
            placeholders.append(fn)
            last = match.end()
        pieces.append(text[last:])
        return Template.cited(pieces, placeholders, lang, rule.article, rule.quote)

    def _compile_rule(self, rule: Rule, index: int, day: dt.date, scope: _Scope,
                      problems: list[PolicyProblem]) -> _CompiledRule:
        where = f"rule `{rule.id}`"
        guards = self._guards(rule.when, scope)  # what `when` proves present, the condition may use
        condition, used = self._expr(rule.condition, rule.condition_span, scope, BOOL, problems,
                                     f"{where}, condition", guards)
        primary = self._primary(reads_of_names(used))
        when = None
        if rule.when:
            when, used_when = self._expr(rule.when, rule.when_span, scope, BOOL, problems, f"{where}, when")
            used = used_when + used
        message_names: list[Name] = []
        span = rule.message_span or rule.span
        messages = {lang: self._template(text, lang, rule, span, scope, problems, f"{where}, message",
                                         message_names, guards)
                    for lang, text in rule.message.items()}
        cases = []
        for case in rule.message_cases:
            what = f"{where}, message case"
            test, case_used = self._expr(case.when, case.span, scope, BOOL, problems, what, guards)
            message_names += case_used
            cases.append((test, {
                lang: self._template(text, lang, rule, case.span, scope, problems, what, message_names,
                                     guards)
                for lang, text in (("fr", case.fr), ("en", case.en))
            }))
        logic = reads_of_names(used)
        params = (logic | reads_of_names(message_names)).params
        return _CompiledRule(rule, index, when, condition, messages, tuple(cases), self._value_slots(logic),
                             params, rule.in_force(day), _FAILURES[rule.kind], primary)

    def _value_slots(self, logic: Reads) -> tuple[tuple[str, int], ...]:
        """(name, env index) of each dossier field and computed value a rule reads, in reading order."""
        out = []
        for dotted in logic.dotted:
            head, _, rest = dotted.partition(".")
            if head == "dossier" and dotted in self._slots.by_name:
                out.append((dotted, self._slots.by_name[dotted]))
            elif head == "computed" and rest in self._slots.computed_names:
                out.append((dotted, -1 - self._slots.computed_slot(rest)))
        return tuple(out)

    def _primary(self, logic: Reads) -> str | None:
        """The field a failure points at: the first the rule reads, else the first its computed values do."""
        by_name = self._slots.by_name
        for found in (logic, self._graph.through_computed(logic)):
            for path in found.fields:
                dotted = "dossier." + ".".join(path)
                if dotted in by_name:
                    return self._slots.inputs[by_name[dotted]].pointer
        return None

    def expression(self, text: str, day: dt.date) -> Callable[[dict[str, Any]], Any]:
        """Compile an expression of the condition language against this set, as in force on `day`.

        Used by the explorer of `proa-policy diff` to evaluate one side of a
        comparison on a dossier. Raises ExprError for an invalid expression.
        """
        period = self.period_for(day)
        types = {name: Type("any", True) for name in self._computed_names}
        start = period.start or day
        scope = _Scope(self._slots, self.parameters, start, types, self.annex.sets_at(start))
        # a probe, not a rule: its failures are the caller's (the explorer catches them): no guard needed
        present = frozenset("dossier." + ".".join(path) for path in self._slots.fields)
        fn = compile_expr(parse(text), scope, guarded=present).fn
        inputs = tuple(self._slots.inputs)
        n_computed = len(self._computed_names)

        def evaluate(document: dict[str, Any]) -> Any:
            env: list[Any] = [i.get(document) for i in inputs]
            env.extend([None] * n_computed)
            for _, index, compute in period.computed:
                try:
                    env[-1 - index] = compute(env)
                except Exception:
                    env[-1 - index] = None
            return fn(env)

        return evaluate

    # --- evaluation ------------------------------------------------------

    def trace(self, document: dict[str, Any], tracer: Tracer, *, as_of: dt.date | None = None,
              lang: str = "fr") -> Decision:
        """Judge a valid document, showing `tracer` each rule's evaluation."""
        return self._decide(document, as_of, lang, tracer)

    def period_for(self, day: dt.date) -> _Period:
        index = bisect.bisect_right(self._boundaries, day) - 1
        return self._periods[max(index, 0)]

    def evaluate(self, dossier: Any, *, as_of: dt.date | None = None, lang: str = "fr",
                 explain: bool = False) -> Decision:
        """Judge one dossier (any Python value); a decision for every value, TypeError/ValueError only
        for the caller's own mistakes (`as_of` not a date, an unknown `lang`)."""
        as_of = check_options(as_of, lang)
        document, issues = normalize(dossier)  # total: never raises, whatever the value
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
                tracer: Tracer | bool | None = None, source: str | None = None,
                locate: Callable[[str | None], tuple[int, int]] | None = None) -> Decision:
        """Each rule's status is computed once, by `rule_outcome`; a tracer sees every rule of the period."""
        if tracer is True:
            tracer = _ResultTracer(self, lang)
        day = as_of or dt.date.fromisoformat(document["pro_a"]["start_date"])
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

    def _compute(self, period: _Period, env: list[Any]) -> dict[str, str]:
        """Fill the computed values in; those that could not be computed (a bug), named with why."""
        unset: dict[str, str] = {}
        for slot, fn in period.computed_fns:  # computed value i lives at env[-1 - i]
            try:
                env[slot] = fn(env)
            except Exception as exc:
                unset[f"computed.{self._computed_names[-1 - slot]}"] = f"{type(exc).__name__}: {exc}"
        return unset

    def _judge(self, period: _Period, env: list[Any], day: dt.date, lang: str, tracer: Tracer | None,
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

    def rule_result(self, compiled: _CompiledRule, env: list[Any], status: str, day: dt.date,
                    lang: str, error: str | None = None) -> RuleResult:
        """One rule on one dossier as the trace shows it: status, values read, parameters, message."""
        rule = compiled.rule
        values = tuple(
            ValueRead(name, self._slots.inputs[slot].pointer if slot >= 0 else None, env[slot])
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


def _message(compiled: _CompiledRule, env: list[Any], lang: str, status: str, error: str | None) -> Message:
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
    return (templates.get(lang) or templates["fr"]).said(env)


def _why(exc: Exception, compiled: _CompiledRule, unset: dict[str, str], lang: str) -> str:
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
