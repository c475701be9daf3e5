"""The tool's own words on the rulebook, in French and English (a rule's kind: `wording.KIND_LABELS`).

Only the tool's words are translated: the accord's text, quotes, citations,
rule titles and parameter labels are legal content and stay in French.
"""

from __future__ import annotations

from proa_policy.wording import VERDICT_LABELS

#: Verdict labels, `incomplete` included (only Art. 5 formalities fail: « à compléter »): the catalogue's.
VERDICTS = VERDICT_LABELS

EXTENSION: dict[str, dict[str, str]] = {
    "fr": {"extended": "étendu", "partially_excluded": "étendu, à l'exclusion de passages",
           "extended_with_reservations": "étendu sous réserve", "not_extended": "non étendu"},
    "en": {"extended": "extended", "partially_excluded": "extended, with passages excluded",
           "extended_with_reservations": "extended with reservations", "not_extended": "not extended"},
}

UNITS: dict[str, dict[str, str]] = {
    "fr": {"months": "mois", "years": "ans", "percent": "%", "hours": "heures", "eur": "€",
           "eur_per_hour": "€/h"},
    "en": {"months": "months", "years": "years", "percent": "%", "hours": "hours", "eur": "EUR",
           "eur_per_hour": "EUR/h"},
}

_WORDS: dict[str, tuple[str, str]] = {
    "rulebook": ("Règlement de la « Pro-A » : le texte et ses règles",
                 "The Pro-A rulebook: the text and its rules"),
    "legal_french": ("", "The accord's text, quotes, citations and rule titles are legal content "
                         "and stay in French."),
    "signature": ("Signé le", "Signed on"),
    "signatories": ("Signataires", "Signatories"),
    "employers": ("organisations d'employeurs", "employers' organisations"),
    "unions": ("organisations syndicales", "trade unions"),
    "extension_order": ("Arrêté d'extension", "Extension order"),
    "jorf": ("publié au JORF le", "published in the JORF on"),
    "entry_into_force": ("Entrée en vigueur", "Entry into force"),
    "policy_set": ("Jeu de règles", "Policy set"),
    "version": ("version", "version"),
    "digest": ("empreinte SHA-256", "SHA-256 digest"),
    "as_of": ("Valeurs et règles en vigueur le", "Values and rules in force on"),
    "articles": ("Table des articles", "Table of articles"),
    "article": ("Article", "Article"),
    "rules": ("règles", "rules"),
    "rule": ("Règle", "Rule"),
    "not_reproduced": ("Non reproduit", "Not reproduced"),
    "index": ("Sommaire", "Contents"),
    "annex": ("Annexe", "Annex"),
    "coverage": ("Couverture des règles par les cas de test", "Rule coverage by the test cases"),
    "coverage_short": ("Couverture", "Coverage"),
    "extension": ("Extension", "Extension"),
    "excluded": ("Exclu de l'extension", "Excluded from the extension"),
    "reservation": ("Réserve", "Reservation"),
    "failure_says": ("En cas d'échec", "On failure"),
    "condition": ("Condition", "Condition"),
    "applies_when": ("S'applique si", "Applies when"),
    "kind": ("Nature", "Kind"),
    "parameters": ("Paramètres", "Parameters"),
    "parameter": ("Paramètre", "Parameter"),
    "since": ("depuis le", "from"),
    "in_force": ("en vigueur à la date choisie", "in force on the chosen date"),
    "not_in_force": ("pas en vigueur à la date choisie", "not in force on the chosen date"),
    "effective_from": ("en vigueur à partir du", "in force from"),
    "effective_until": ("jusqu'au", "until"),
    "interpretation": ("Interprétation", "Interpretation"),
    "note": ("Note", "Note"),
    "computed": ("Valeurs calculées", "Computed values"),
    "not_checked": ("Ce que ces règles ne vérifient pas", "What these rules do not check"),
    "reason": ("raison", "reason"),
    "examples": ("Exemples : les cas de test de l'article", "Worked examples: the article's test cases"),
    "example_dossier": ("Dossier complet", "Full dossier"),
    "differs": ("Ce qui distingue ce dossier du dossier de référence",
                "What sets this dossier apart from the reference"),
    "reference": ("Dossier de référence (les valeurs les plus fréquentes des cas de test)",
                  "Reference dossier (the most frequent values of the test cases)"),
    "verdict": ("Verdict", "Verdict"),
    "failing": ("Règles en échec", "Failing rules"),
    "to_complete": ("Formalités à compléter", "Formalities to complete"),
    "verdicts_of_cases": ("Verdicts des cas de test", "Verdicts of the test cases"),
    "verdict_word": ("Verdict", "Verdict"),
    "formality_failed": ("dont « à compléter » (formalité de l'article 5)",
                         "of which « to complete » (an Article 5 formality)"),
    "warnings": ("Avertissements", "Warnings"),
    "none": ("aucune", "none"),
    "case_fails": ("le résultat diffère de l'attendu", "the result differs from the expected one"),
    "expected": ("attendu", "expected"),
    "passed": ("réussit", "passes"),
    "failed": ("échoue", "fails"),
    "not_reached": ("non atteinte", "not reached"),
    "covered": ("couverte", "covered"),
    "not_covered": ("non couverte", "not covered"),
    "cases": ("cas", "cases"),
    "filter": ("Filtrer", "Filter"),
    "all": ("tous", "all"),
    "sector": ("Secteur", "Sector"),
    "sub_sector": ("Sous-secteur", "Sub-sector"),
    "occupation": ("Métier", "Occupation"),
    "title": ("Intitulé", "Title"),
    "code": ("Code", "Code"),
    "level": ("Niveau", "Level"),
    "excluded_1": ("Exclu (1)", "Excluded (1)"),
    "eligibility": ("Éligibilité", "Eligibility"),
    "eligible_row": ("éligible", "eligible"),
    "ineligible_row": ("non éligible", "not eligible"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "rows": ("lignes", "rows"),
    "no_js": ("Sans JavaScript, toutes les lignes sont affichées.",
              "Without JavaScript, every row is shown."),
    "back_to_text": ("voir le passage cité", "see the quoted passage"),
    "quoted_by": ("cité par", "quoted by"),
    "quote_not_found": ("Règles dont la citation n'a pas été retrouvée dans le texte",
                        "Rules whose quote was not found in the text"),
    "no_rule": ("Aucune règle ne se réclame de cet article.", "No rule cites this article."),
    "field": ("Champ", "Field"),
    "value": ("Valeur", "Value"),
    "section": ("Section", "Section"),
}


def words(lang: str) -> dict[str, str]:
    """The word table for `lang` (French when unknown)."""
    index = 1 if lang == "en" else 0
    table = {key: pair[index] for key, pair in _WORDS.items()}
    table.update({f"verdict.{k}": v for k, v in VERDICTS["en" if lang == "en" else "fr"].items()})
    return table
