"""A decision and the trace that explains it: data, rendered elsewhere (report/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Callable

from proa_policy.engine.messages import Message
from proa_policy.errors import DossierIssue
from proa_policy.expr.functions import FarDate

INVALID, NOT_APPLICABLE, INELIGIBLE, ELIGIBLE = "invalid", "not_applicable", "ineligible", "eligible"
#: « à compléter »: the dossier meets the accord; only formalities remain (Art. 5: avenant signed, filed,
#: tutor designated).
INCOMPLETE = "incomplete"
#: Verdicts by precedence: the first that holds wins.
VERDICTS = (INVALID, NOT_APPLICABLE, INELIGIBLE, INCOMPLETE, ELIGIBLE)

PASSED, FAILED, NOT_REACHED, ERROR = "passed", "failed", "not_reached", "error"


@dataclass(frozen=True, slots=True)
class ValueRead:
    """A dossier field or computed value a rule read, with where it comes from."""

    name: str  # dossier.pro_a.start_date | computed.age_at_start
    pointer: str | None
    value: Any


@dataclass(frozen=True, slots=True)
class ParameterUsed:
    name: str
    value: Any
    effective_from: dt.date
    citation: str


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule on one dossier: its outcome and, when it did not pass, the message (French or English)."""

    rule: str
    article: str
    kind: str
    status: str  # passed | failed | not_reached | error
    title: str
    quote: str
    message: str | None = None
    values: tuple[ValueRead, ...] = ()
    parameters: tuple[ParameterUsed, ...] = ()
    interpretation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "article": self.article,
            "kind": self.kind,
            "status": self.status,
            "title": self.title,
            "quote": self.quote,
            "message": self.message,
            "values": [{"name": v.name, "pointer": v.pointer, "value": jsonable(v.value)}
                       for v in self.values],
            "parameters": [
                {"name": p.name, "value": jsonable(p.value), "effective_from": p.effective_from.isoformat(),
                 "citation": p.citation}
                for p in self.parameters
            ],
            **({"interpretation": self.interpretation} if self.interpretation else {}),
        }


@dataclass(frozen=True, eq=False)
class Finding:
    """A violation or a warning, as listed in a decision.

    What the engine found is `said`, a `Message` (data: the template's pieces and the values computed
    when the rule failed); its words are made the first time `message` is read, so that deciding costs no
    formatting for messages nobody reads. `text` is a message already in words (a spreadsheet's cell).
    """

    rule: str
    article: str
    kind: str
    text: str | None = None
    pointer: str | None = None
    line: int = 0
    column: int = 0
    said: Message | None = field(default=None, repr=False)
    #: why the rule could not be evaluated (a bug, never a verdict on the dossier); None when it failed
    evaluation_error: str | None = None

    @classmethod
    def pending(cls, rule: str, article: str, kind: str, pointer: str | None, line: int, column: int,
                said: Message, evaluation_error: str | None) -> "Finding":
        """`Finding(rule, article, kind, None, pointer, line, column, said, evaluation_error)`, the same
        object, without the frozen `__init__`'s one `object.__setattr__` per field (the engine's hot path)."""
        self = object.__new__(cls)
        self.__dict__.update(rule=rule, article=article, kind=kind, text=None, pointer=pointer, line=line,
                             column=column, said=said, evaluation_error=evaluation_error)
        return self

    @property
    def message(self) -> str:
        if self.text is None:
            object.__setattr__(self, "text", self.said.text() if self.said is not None else "")
        return self.text  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        mine = (self.rule, self.article, self.kind, self.message, self.pointer, self.line, self.column,
                self.evaluation_error)
        return mine == (other.rule, other.article, other.kind, other.message, other.pointer, other.line,
                        other.column, other.evaluation_error)

    def __hash__(self) -> int:
        return hash((self.rule, self.pointer, self.line))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "article": self.article, "kind": self.kind,
                               "message": self.message}
        if self.pointer is not None:
            out["pointer"] = self.pointer
        if self.line:
            out["line"] = self.line
            out["column"] = self.column
        if self.evaluation_error is not None:
            out["evaluation_error"] = self.evaluation_error
        return out


@dataclass(eq=True)
class Decision:
    """The answer for one dossier. `to_dict()` is the JSON shape of `proa-policy evaluate --format json`."""

    verdict: str
    dossier_id: str | None
    violations: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
    errors: tuple[DossierIssue, ...] = ()
    computed: dict[str, Any] = field(default_factory=dict)
    funding: dict[str, Any] = field(default_factory=dict)
    policy: dict[str, Any] = field(default_factory=dict)
    evaluation_date: dt.date | None = None
    results: tuple[RuleResult, ...] = ()
    source: str | None = None
    #: The input's cells (pointer, header, value), for the annotated spreadsheets (report/spreadsheet.py).
    inputs: tuple[tuple[str, str, Any], ...] = field(default=(), compare=False, repr=False)

    @property
    def eligible(self) -> bool:
        return self.verdict == ELIGIBLE

    def with_source(self, source: str | None, errors: tuple[DossierIssue, ...] | None = None,
                    violations: tuple[Finding, ...] | None = None,
                    warnings: tuple[Finding, ...] | None = None) -> "Decision":
        """The same decision, said of a file (with positions filled in by the caller)."""
        return replace(
            self, source=source,
            errors=self.errors if errors is None else errors,
            violations=self.violations if violations is None else violations,
            warnings=self.warnings if warnings is None else warnings,
        )

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "id": self.dossier_id,
            "verdict": self.verdict,
            "violations": [v.to_dict() for v in self.violations],
            "warnings": [w.to_dict() for w in self.warnings],
            "errors": [e.to_dict() for e in self.errors],
            "funding": {k: jsonable(v) for k, v in self.funding.items()},
            "computed": {k: jsonable(v) for k, v in self.computed.items()},
            "evaluation_date": self.evaluation_date.isoformat() if self.evaluation_date else None,
            "policy": self.policy,
        }
        if explain:
            out["trace"] = [r.to_dict() for r in self.results]
        return out


_PLAIN = frozenset({int, str, bool, float, type(None)})


def _decimal(value: Decimal) -> Any:
    if value == value.to_integral_value() and value.adjusted() < 18:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else format(value, "f")


#: The exact types a decision holds, each with its conversion (subclasses take the general path below).
_BY_TYPE: dict[type, Callable[[Any], Any]] = {Decimal: _decimal, dt.date: dt.date.isoformat}


def jsonable(value: Any) -> Any:
    """Decimal → int, or float when the float prints as the same decimal, else the exact text;
    date → ISO text."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    convert = _BY_TYPE.get(kind)
    if convert is not None:
        return convert(value)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, (dt.date, FarDate)):
        return value.isoformat()  # a FarDate (past 9999-12-31) in ISO 8601's expanded form: +10000-05-31
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    return value
