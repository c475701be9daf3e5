"""A decision as the page shows it, in French: verdict in words, each rule with its article, values
against thresholds, the funding ceiling worded as what it is. Rendering only: the engine decided.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from proa_policy.engine.decision import Decision, RuleResult
from proa_policy.engine.policyset import PolicySet
from proa_policy.serve.comparisons import Thresholds
from proa_policy.serve.form import Group

#: Every verdict in words; `incomplete` (only Art. 5 formalities fail) included.
VERDICTS = {
    "eligible": ("Éligible", "Le dossier remplit toutes les conditions vérifiées de l'accord."),
    "ineligible": ("Inéligible", "Le dossier ne remplit pas au moins une condition de l'accord."),
    "not_applicable": ("Non applicable", "L'accord ne s'applique pas à ce dossier (articles 7 ou 8)."),
    "incomplete": (
        "À compléter",
        "Seules des formalités de l'article 5 manquent : le dossier est à compléter.",
    ),
    "invalid": ("Invalide", "Le dossier n'est pas conforme au format attendu : rien n'a été évalué."),
}
#: A rule's outcome as a mark and words; a failing formality reads « à compléter », not ✗.
STATUS = {
    "passed": ("✓", "respectée"),
    "failed": ("✗", "non respectée"),
    "not_reached": ("–", "sans objet pour ce dossier"),
    "error": ("✗", "non évaluable (comptée comme non respectée)"),
}
FORMALITY = ("…", "à compléter")
UNITS = {"months": "mois", "years": "ans", "percent": "%", "hours": "h", "eur_per_hour": "€/h", "date": ""}


def verdict_words(verdict: str) -> tuple[str, str]:
    return VERDICTS.get(verdict, (verdict, ""))


def french_number(value: Decimal | int, places: int | None = None) -> str:
    """`1 600,5`: thin no-break space between thousands, comma for decimals."""
    number = Decimal(value)
    text = format(number.quantize(Decimal(1).scaleb(-places)) if places is not None else number, "f")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + "\u202f".join(groups) + ("," + fraction if fraction else "")


def money(value: Any) -> str:
    return "—" if value is None else french_number(Decimal(str(value)), 2) + " €"


def show(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, (int, Decimal)):
        return french_number(value) + (" " + UNITS.get(unit, unit) if UNITS.get(unit, unit) else "")
    if isinstance(value, (frozenset, set)):
        return f"{len(value)} valeurs"
    return str(value)


class Presenter:
    def __init__(self, policies: PolicySet, form: Group):
        self.policies = policies
        self.titles = {"dossier." + f.name: f.title for f in form.leaves()}
        self.choices = {"dossier." + f.name: dict(f.choices) for f in form.leaves() if f.widget == "select"}
        self.titles.update({"computed." + name: c.label for name, c in policies.document.computed.items()})
        self.thresholds = Thresholds(policies, self.titles, show, money)

    def rule(self, result: RuleResult) -> dict[str, Any]:
        mark, words = (
            FORMALITY
            if result.kind == "formality" and result.status == "failed"
            else STATUS.get(result.status, ("?", result.status))
        )
        article = "annexe" if result.article == "annexe" else f"article {result.article}"
        values = [
            (self.titles.get(v.name, v.name), self.choices.get(v.name, {}).get(v.value) or show(v.value))
            for v in result.values
        ]
        thresholds = []
        for p in result.parameters:
            parameter = self.policies.parameters.get(p.name)
            label = parameter.label if parameter else p.name
            thresholds.append((label, show(p.value, parameter.unit if parameter else ""), p.citation))
        return {
            "id": result.rule,
            "title": result.title,
            "article": article,
            "quote": result.quote,
            "status": result.status,
            "mark": mark,
            "words": words,
            "message": result.message,
            "read": values,
            "thresholds": thresholds,
            "against": self.thresholds.lines(result),
            "interpretation": result.interpretation,
            "formality": result.kind == "formality",
        }

    def decision(self, decision: Decision) -> dict[str, Any]:
        label, explanation = verdict_words(decision.verdict)
        funding = decision.funding
        ceiling = funding.get("ceiling_eur")
        return {
            "verdict": decision.verdict,
            "label": label,
            "explanation": explanation,
            "rules": [
                self.rule(r) for r in decision.results if r.kind != "warning" or r.status != "not_reached"
            ],
            "violations": [v.message for v in decision.violations],
            "warnings": [w.message for w in decision.warnings],
            "errors": [e.to_dict() for e in decision.errors],
            "ceiling": None if ceiling is None else money(ceiling),
            "requested": None
            if funding.get("requested_amount") is None
            else money(funding["requested_amount"]),
            "capped": funding.get("capped"),
            "evaluation_date": show(decision.evaluation_date) if decision.evaluation_date else None,
        }
