"""Compiling a policy set: every condition once per *period*, to closures over a list of values.

A period is a span of dates over which no parameter value, no rule and no annex row changes; the parameter
values of the period are folded into its closures as constants. The dossier's fields and the computed
values are *slots* of one list (`env`): inputs first, computed values from the end. Every problem of the
set (a name unknown, a type that does not fit, a nullable value read unguarded, a cycle) is found here and
raised together, each at its `file:line:col`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from proa_policy.dossier.schema import DossierSchema
from proa_policy.engine.decision import INCOMPLETE, INELIGIBLE, NOT_APPLICABLE
from proa_policy.engine.messages import Template
from proa_policy.errors import PolicyError, PolicyProblem
from proa_policy.expr import ExprError, compile_expr, parse
from proa_policy.expr.ast import Name, names
from proa_policy.expr.compiler import Const, Slot, present_if
from proa_policy.expr.deps import PLACEHOLDER, Reads, reads_of_names
from proa_policy.expr.ordering import MAX_COMPUTED_CHAIN, dependency_order
from proa_policy.expr.types import BOOL, DATE, NUMBER, SET, STRING, Type
from proa_policy.limits import MAX_PERIODS
from proa_policy.policy.dependencies import computed_graph
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

#: The verdict a failing rule of each kind leads to (a warning leads to none).
_FAILURES = {APPLICABILITY: NOT_APPLICABLE, ELIGIBILITY: INELIGIBLE, FORMALITY: INCOMPLETE, WARNING: WARNING}
_FIELD_TYPES = {"number": NUMBER, "string": STRING, "bool": BOOL, "date": DATE}
Fn = Callable[[list[Any]], Any]


class _Guards(frozenset):
    """What a `when` that does not parse guards: everything, so that its one error is the only one."""

    def __contains__(self, item: object) -> bool:
        return True

    def __or__(self, other: object) -> "_Guards":
        return self


_UNKNOWN_GUARDS = _Guards()


def read_date(value: Any) -> dt.date:
    """A date field's value: a date already (the Python API's), or the ISO text a valid document holds —
    the one place a dossier's date text becomes a date."""
    return value if type(value) is dt.date else dt.date.fromisoformat(value)


def _getter(path: tuple[str, ...], is_date: bool, required: bool) -> Callable[[dict[str, Any]], Any]:
    """Read one field of a *valid* dossier; optional fields read as None when absent."""
    if required and len(path) == 2:
        a, b = path
        if is_date:
            return lambda d: read_date(d[a][b])
        return lambda d: d[a][b]
    if required and len(path) == 3:
        a, b, c = path
        if is_date:
            return lambda d: read_date(d[a][b][c])
        return lambda d: d[a][b][c]

    def get(d: dict[str, Any]) -> Any:
        node: Any = d
        for part in path:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
            if node is None:
                return None
        return read_date(node) if is_date else node

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
class CompiledRule:
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
class Period:
    start: dt.date | None
    computed: tuple[tuple[str, int, Fn], ...]  # (name, slot, fn) in dependency order
    rules: tuple[CompiledRule, ...]
    computed_fns: tuple[tuple[int, Fn], ...] = ()  # (env index, fn): the hot loop's view of `computed`
    checks: tuple[CompiledRule, ...] = ()  # the rules in force: the hot loop's view of `rules`

    def __post_init__(self) -> None:
        self.computed_fns = tuple((-1 - i, fn) for _, i, fn in self.computed)
        self.checks = tuple(r for r in self.rules if r.in_force)



class CompiledSet:
    """A policy set compiled: its periods, and the layout of the values an evaluation fills in."""

    def __init__(self, document: PolicyDocument, schema: DossierSchema,
                 on_compare: Callable[..., None] | None = None):
        self.document, self.schema, self._on_compare = document, schema, on_compare
        self.parameters, self.rules, self.annex = document.parameters, document.rules, document.annex
        self.manifest = document.manifest
        self._compile()

    def period_for(self, day: dt.date) -> Period:
        index = bisect.bisect_right(self.boundaries, day) - 1
        return self.periods[max(index, 0)]

    def _compile(self) -> None:
        doc = self.document
        problems: list[PolicyProblem] = []
        order = self._computed_order(problems)
        self.slots = _Slots(self.schema, order)
        days = self._period_starts(problems)
        self.boundaries = days
        periods: list[Period] = []
        for i, day in enumerate(days):
            periods.append(self._compile_period(day, order, doc.computed, doc.annex.sets_at(day),
                                                problems if i == 0 or not problems else []))
        seen: set[tuple[str, str]] = set()
        unique = [p for p in problems
                  if (str(p.span), p.message) not in seen and not seen.add((str(p.span), p.message))]
        requested = tuple(self.manifest.requested_amount.split(".")[1:])
        dated = tuple(self.manifest.evaluation_date.split(".")[1:])
        unique += self._manifest_problems(requested, dated)
        if unique:
            raise PolicyError(unique)
        self.periods = tuple(periods)
        self.getters = tuple(i.get for i in self.slots.inputs)
        self.blank = [None] * len(order)
        self.computed_names = tuple(order)
        self.ceiling_name = self.manifest.funding_ceiling
        self.requested = _getter(requested, False, False)
        self.evaluation_day = _getter(dated, True, True)

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

    def _manifest_problems(self, requested: tuple[str, ...], dated: tuple[str, ...]) -> list[PolicyProblem]:
        """What the manifest names and the set does not have."""
        manifest, found = self.manifest, []
        if manifest.entry_into_force not in self.parameters:
            found.append(PolicyProblem(manifest.span, f"manifest: unknown parameter "
                                                      f"`{manifest.entry_into_force}` for entry_into_force"))
        if manifest.funding_ceiling not in self.document.computed:
            found.append(PolicyProblem(manifest.span,
                                       f"manifest: unknown computed value `{manifest.funding_ceiling}`"))
        info = self.slots.fields.get(dated)
        if info is None or info["type"] != "date" or not info["required"]:
            found.append(PolicyProblem(manifest.span, f"manifest: evaluation_date "
                                                      f"`{manifest.evaluation_date}` must name a date field "
                                                      "every dossier has"))
        if requested not in self.slots.fields:
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
                        annex_sets: dict[str, frozenset[str]], problems: list[PolicyProblem]) -> Period:
        types: dict[str, Type] = {}
        compiled_computed = []
        scope = _Scope(self.slots, self.parameters, day, types, annex_sets)
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
        return Period(day, tuple(compiled_computed), tuple(rules))

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
                      problems: list[PolicyProblem]) -> CompiledRule:
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
        return CompiledRule(rule, index, when, condition, messages, tuple(cases), self._value_slots(logic),
                             params, rule.in_force(day), _FAILURES[rule.kind], primary)

    def _value_slots(self, logic: Reads) -> tuple[tuple[str, int], ...]:
        """(name, env index) of each dossier field and computed value a rule reads, in reading order."""
        out = []
        for dotted in logic.dotted:
            head, _, rest = dotted.partition(".")
            if head == "dossier" and dotted in self.slots.by_name:
                out.append((dotted, self.slots.by_name[dotted]))
            elif head == "computed" and rest in self.slots.computed_names:
                out.append((dotted, -1 - self.slots.computed_slot(rest)))
        return tuple(out)

    def _primary(self, logic: Reads) -> str | None:
        """The field a failure points at: the first the rule reads, else the first its computed values do."""
        by_name = self.slots.by_name
        for found in (logic, self._graph.through_computed(logic)):
            for path in found.fields:
                dotted = "dossier." + ".".join(path)
                if dotted in by_name:
                    return self.slots.inputs[by_name[dotted]].pointer
        return None

    def expression(self, text: str, day: dt.date) -> Callable[[dict[str, Any]], Any]:
        """`text` compiled as in force on `day`: a function of a valid document (`PolicySet.expression`)."""
        period = self.period_for(day)
        types = {name: Type("any", True) for name in self.computed_names}
        start = period.start or day
        scope = _Scope(self.slots, self.parameters, start, types, self.annex.sets_at(start))
        # a probe, not a rule: its failures are the caller's (the explorer catches them): no guard needed
        present = frozenset("dossier." + ".".join(path) for path in self.slots.fields)
        fn = compile_expr(parse(text), scope, guarded=present).fn
        inputs = tuple(self.slots.inputs)
        n_computed = len(self.computed_names)

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
