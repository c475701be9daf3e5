"""The accord as loaded: immutable articles, parameters, computed values, rules and the annex.

Nothing here evaluates anything; `engine.py` compiles this model. Every
object keeps the `SourceSpan` it was read from so that checks, diffs and
explanations can point back at the policy file.
"""

from __future__ import annotations

import bisect

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

from proa_policy.source import SourceSpan

Value = Union[Decimal, int, dt.date]

#: Rule kinds and the verdict a failure of each leads to: not_applicable, ineligible, incomplete (a step that
#: remains to be done, Art. 5: avenant signed, filed with AKTO, tutor designated), none (a warning).
APPLICABILITY, ELIGIBILITY, FORMALITY, WARNING = "applicability", "eligibility", "formality", "warning"
RULE_KINDS = (APPLICABILITY, ELIGIBILITY, FORMALITY, WARNING)


@dataclass(frozen=True, slots=True)
class ParameterValue:
    start: dt.date
    value: Value
    citation: str
    span: SourceSpan
    note: str = ""


def _start(value: ParameterValue) -> dt.date:
    return value.start


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named number or date of the accord, with a value per effective date (OpenFisca-style)."""

    name: str
    label: str
    type: str  # number | date
    unit: str
    values: tuple[ParameterValue, ...]  # sorted by start
    article: str
    span: SourceSpan
    description: str = ""

    def at(self, day: dt.date) -> ParameterValue:
        """The value in force on `day`; before the first effective date, the first value (see
        docs/semantics.md)."""
        index = bisect.bisect_right(self.values, day, key=_start)  # values are sorted by start
        return self.values[max(index - 1, 0)]


@dataclass(frozen=True, slots=True)
class Computed:
    """A value derived from the dossier (age, priority public, ceiling…), shown in every decision."""

    name: str
    label: str
    expr: str
    article: str
    span: SourceSpan
    interpretation: str = ""


@dataclass(frozen=True, slots=True)
class MessageCase:
    when: str
    fr: str
    en: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    article: str
    kind: str  # applicability | eligibility | formality | warning
    title: str
    quote: str
    condition: str
    message: dict[str, str]
    span: SourceSpan
    when: str | None = None
    message_cases: tuple[MessageCase, ...] = ()
    interpretation: str = ""
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    condition_span: SourceSpan | None = None
    when_span: SourceSpan | None = None
    message_span: SourceSpan | None = None
    title_en: str = ""  # optional English versions (`explain --lang en`); the quote stays French
    interpretation_en: str = ""

    def in_force(self, day: dt.date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_until is None or day <= self.effective_until


@dataclass(frozen=True, slots=True)
class Extension:
    """How the arrêté of extension treated a text: status, citation, excluded parts, reservations."""

    status: str  # extended | partially_excluded | extended_with_reservations | not_extended
    citation: str
    excluded: tuple[tuple[str, str], ...] = ()  # (text, footnote)
    reservations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    article: str
    title: str
    text: str
    extension: Extension


@dataclass(frozen=True, slots=True)
class NotChecked:
    """A requirement of the text (or of the law it points to) that no rule checks, and why: said, not
    invented."""

    requirement: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    article: str
    title: str
    version: str
    effective_from: dt.date
    extension: Extension
    text: str
    file: str
    span: SourceSpan
    sections: tuple[Section, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    computed: tuple[Computed, ...] = ()
    rules: tuple[Rule, ...] = ()
    notes: str = ""
    kind: str = "article"
    not_checked: tuple[NotChecked, ...] = ()

    def text_of(self, label: str) -> str | None:
        """The text a rule labelled `label` may quote: this article (with its sections) or one section."""
        if label == self.article:
            return "\n\n".join([self.text, *(s.text for s in self.sections)])
        for section in self.sections:
            if section.article == label:
                return section.text
        return None

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.article, *(s.article for s in self.sections))


@dataclass(frozen=True, slots=True)
class AnnexRow:
    sector: str
    sub_sector: str
    occupation: str
    title: str | None
    rncp: str
    level: int | None
    excluded_from_extension: bool
    span: SourceSpan
    source_line: int | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_until is None or day <= self.effective_until

    def to_dict(self) -> dict[str, object]:
        return {
            "sector": self.sector,
            "sub_sector": self.sub_sector,
            "occupation": self.occupation,
            "title": self.title,
            "rncp": self.rncp,
            "level": self.level,
            "excluded_from_extension": self.excluded_from_extension,
        }


@dataclass(frozen=True, slots=True)
class Annex:
    """The list of certifications; a code is *extended* when at least one of its rows is not marked (1)."""

    article: Article
    rows: tuple[AnnexRow, ...]
    codes: frozenset[str] = field(default=frozenset())
    extended_codes: frozenset[str] = field(default=frozenset())

    @staticmethod
    def build(article: Article, rows: tuple[AnnexRow, ...]) -> "Annex":
        codes = frozenset(r.rncp for r in rows)
        extended = frozenset(r.rncp for r in rows if not r.excluded_from_extension)
        return Annex(article, rows, codes, extended)

    def sets_at(self, day: dt.date) -> dict[str, frozenset[str]]:
        """The tables rules may name (`annex.codes`, `annex.extended_codes`) as in force on `day`."""
        rows = [r for r in self.rows if r.in_force(day)]
        return {"codes": frozenset(r.rncp for r in rows),
                "extended_codes": frozenset(r.rncp for r in rows if not r.excluded_from_extension)}

    @property
    def dates(self) -> set[dt.date]:
        """Dates at which a row starts or stops applying."""
        out = {r.effective_from for r in self.rows if r.effective_from}
        return out | {r.effective_until + dt.timedelta(days=1) for r in self.rows if r.effective_until}


@dataclass(frozen=True, slots=True)
class Manifest:
    id: str
    title: str
    version: str
    signature_date: dt.date
    signatories: dict[str, tuple[str, ...]]
    extension_order: dict[str, object]
    entry_into_force: str
    not_reproduced: tuple[tuple[str, str], ...]
    evaluation_date: str  # dossier.<date field>: its date picks the period whose rules and values apply
    funding_ceiling: str
    requested_amount: str
    span: SourceSpan
    idcc: str | None = None
    bulletin_officiel: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    """A whole policy set as read from disk, before compilation."""

    root: str
    manifest: Manifest
    articles: tuple[Article, ...]  # in the accord's order, the annex last
    annex: Annex

    @property
    def parameters(self) -> dict[str, Parameter]:
        return {p.name: p for a in self.articles for p in a.parameters}

    @property
    def computed(self) -> dict[str, Computed]:
        return {c.name: c for a in self.articles for c in a.computed}

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for a in self.articles for r in a.rules)

    def article(self, label: str) -> Article | None:
        for article in self.articles:
            if label in article.labels:
                return article
        return None
