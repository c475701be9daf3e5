"""The tool's words, one catalogue per language, and the reading errors said in every language.

`say(key, lang, **values)` is how a command words a message: `MESSAGES[lang][key]`
formatted with `values`, English when a language lacks the key. Legal text and
quotes are never here: they stay French, in the policy files.

A reading error is a `DocumentError` with a key of this catalogue (`DocumentError.of`):
`read/documents.py` words its `message` in English, for policy authors and the
Python API alike, `read/inputs.py` in French; people checking a dossier read it in
the language of the command (`reading_error`). Only the tool's own words are
translated: a detail quoted from the JSON or YAML parser stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: A verdict as people read it, in each language (the rulebook, the spreadsheets; the text report writes it
#: in capitals). One table, so that a verdict is never called two names.
VERDICT_LABELS: dict[str, dict[str, str]] = {
    "fr": {"eligible": "éligible", "ineligible": "inéligible", "not_applicable": "non applicable",
           "invalid": "invalide", "incomplete": "à compléter"},
    "en": {"eligible": "eligible", "ineligible": "ineligible", "not_applicable": "not applicable",
           "invalid": "invalid", "incomplete": "to complete"},
}
#: A rule's kind as people read it (the rulebook, the amendment review page).
KIND_LABELS: dict[str, dict[str, str]] = {
    "fr": {"applicability": "champ d'application", "eligibility": "éligibilité", "warning": "avertissement",
           "formality": "formalité"},
    "en": {"applicability": "applicability", "eligibility": "eligibility", "warning": "warning",
           "formality": "formality"},
}


def kind_label(kind: str, lang: str) -> str:
    """A rule's kind in words (KIND_LABELS), French when `lang` has no table; an unknown kind as it is."""
    return KIND_LABELS.get(lang, KIND_LABELS["fr"]).get(kind, kind)


def verdict_label(verdict: str, lang: str) -> str:
    """A verdict in words (VERDICT_LABELS), French when `lang` has no table; an unknown verdict as it is."""
    return VERDICT_LABELS.get(lang, VERDICT_LABELS["fr"]).get(verdict, verdict)


@dataclass(frozen=True, slots=True)
class Conventions:
    """How a language writes numbers, dates and money (engine/messages.format_value)."""

    decimal_mark: str
    thousands: str  # between groups of three digits of an amount of money
    date: str | None  # a strftime pattern; None: ISO 8601 (2022-01-10)
    money: str  # `{amount}` and the currency


CONVENTIONS: dict[str, Conventions] = {
    "fr": Conventions(decimal_mark=",", thousands=" ", date="%d/%m/%Y", money="{amount} €"),
    "en": Conventions(decimal_mark=".", thousands=",", date=None, money="{amount} EUR"),
}


def conventions(lang: str) -> Conventions:
    """`lang`'s conventions; English's for a language that has none."""
    return CONVENTIONS.get(lang) or CONVENTIONS["en"]


MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "no_dossier": "aucun dossier trouvé",
        "annex.eligible": "éligible",
        "annex.not_in_force": "ligne non en vigueur le {day}",
        "annex.accord_not_in_force": (
            "l'accord n'est pas en vigueur le {day} (il s'applique à compter du {entry})"
        ),
        "annex.excluded": "exclue de l'extension ({footnote})",
        "annex.count": "{count} ligne(s) de l'annexe",
        "french_only": "(le texte de l'accord et ses citations restent en français)",
        "input.missing": "fichier introuvable",
        "input.unreadable": "fichier illisible : {reason}",
        "input.empty_directory": "aucun dossier dans ce répertoire",
        "input.directory": "est un répertoire",
        "input.unreadable_directory": "dossier illisible : {reason}",
        "input.not_regular": "pas un fichier ordinaire (tube nommé, socket ou périphérique)",
        "input.not_utf8": "le fichier n'est pas en UTF-8 (octet {byte}, ligne {at_line})",
        "input.too_big": "fichier trop volumineux ({size} octets ; limite {limit} octets)",
        "input.too_big_stream": "fichier trop volumineux (limite {limit} octets)",
        "input.empty": "fichier vide",
        "input.link_out": "lien symbolique hors du répertoire : non suivi",
        "input.stdin_closed": "entrée standard fermée",
        "input.stdin_unreadable": "entrée standard illisible : {reason}",
        "input.line_too_long": "ligne trop longue (limite {limit} octets)",
        "input.line_not_utf8": "la ligne n'est pas en UTF-8 (octet {byte} de la ligne)",
        "read.invalid_json": "JSON invalide : {detail}",
        "read.invalid_yaml": "YAML invalide : {detail}",
        "read.yaml": "YAML invalide",
        "read.yaml_character": "YAML invalide : caractère non admis #x{code}: {reason}",
        "read.duplicate_key": "clé en double `{key}`",
        "read.nesting": "imbrication de plus de {limit} niveaux",
        "read.not_finite": "nombre non fini : `{text}`",
        "read.number_too_long": "nombre de plus de {limit} caractères : `{start}…`",
        "read.out_of_range": "nombre hors limites : `{text}` a plus de {limit} chiffres une fois écrit",
        "read.not_number": "pas un nombre : `{text}`",
        "read.not_integer": "pas un entier décimal : `{text}`",
        "read.not_boolean": "pas un booléen (true ou false) : `{text}`",
        "read.expected_mapping": "un objet (une table YAML) attendu",
        "read.expected_sequence": "une liste attendue",
        "read.key_not_text": "les clés doivent être du texte, pas `{key}`",
        "read.alias": "les alias YAML (`*nom`) ne sont pas acceptés",
        "read.merge_key": "les clés de fusion YAML (`<<`) ne sont pas acceptées",
        "read.tag": "l'étiquette YAML `{tag}` n'est pas acceptée",
        "read.empty_document": "document vide",
        "read.single_document": "un seul document attendu, mais un autre suit",
        "read.lone_surrogate": "texte non Unicode : demi-paire de substitution isolée `{escape}`",
        "read.half_surrogate": (
            "JSON invalide : `{escape}` est une moitié de paire de substitution UTF-16, pas un caractère"
        ),
        "read.yaml_values": "plus de {limit} valeurs dans un même document YAML",
        # spreadsheets: a file (read/sheets.py), its headers and rows (dossier/rows.py), its cells
        "sheet.at": "{ref} : {message}",
        "sheet.add_column": "{message} : ajoutez la colonne `{dotted}`",
        "sheet.header_unknown": "en-tête inconnu `{text}`",
        "sheet.header_unknown_hint": "en-tête inconnu `{text}` ; vouliez-vous dire `{hint}` ?",
        "sheet.header_duplicate": "colonne `{text}` en double (déjà en {first}1)",
        "sheet.no_header_column": "cellule remplie dans une colonne sans en-tête",
        "sheet.empty_row": "ligne vide entre deux dossiers : remplissez-la ou supprimez-la",
        "sheet.formula_without_value": (
            "formule sans valeur calculée : ouvrez le classeur dans Excel ou LibreOffice et "
            "enregistrez-le, ou remplacez la formule par sa valeur"
        ),
        "sheet.merged_across": (
            "cellule fusionnée avec sa voisine de gauche : défusionnez-la, une valeur par colonne"
        ),
        "sheet.cell_too_long": "cellule de {length} caractères : Excel en contient au plus {limit}",
        "sheet.more_issues": "… et {count} autre(s) problème(s) non listé(s) (au plus {limit} par ligne)",
        "sheet.more_issues_at_least": (
            "… et au moins {count} autre(s) problème(s) non listé(s) (au plus {limit} par ligne)"
        ),
        "sheet.no_headers": (
            "la première ligne doit porter les en-têtes (noms des champs, par exemple `id`, "
            "`employer.kind`) : elle est vide"
        ),
        "sheet.too_many_rows": "plus de {limit} lignes : découpez le fichier",
        "sheet.no_rows": "aucune ligne de dossier sous les en-têtes",
        "sheet.too_big": "fichier trop volumineux ({size} octets ; limite {limit} octets)",
        "sheet.long_line": "ligne de plus de {limit} octets : ce n'est pas un tableau",
        "sheet.encoding": "le fichier n'est ni en UTF-8 ni en Windows-1252 : enregistrez-le en « CSV UTF-8 »",
        "sheet.csv_unreadable": "CSV illisible après la ligne {number} : {detail}",
        "sheet.not_xlsx": "fichier XLSX illisible (ce n'est pas un classeur Excel .xlsx)",
        "sheet.unzipped_too_big": (
            "classeur trop volumineux une fois décompressé ({size} octets ; limite {limit} octets)"
        ),
        "sheet.too_many_merged": "plus de {limit} plages de cellules fusionnées",
        "sheet.xlsx_unreadable": "classeur XLSX illisible : {kind}",
        "sheet.unsupported": "format {name} non pris en charge : enregistrez le classeur en .xlsx ou en .csv",
        "sheet.unreadable": "fichier illisible : {reason}",
        "cell.not_integer": "`{raw}` n'est pas un nombre entier",
        "cell.boolean_not_number": (
            "`{raw}` n'est pas un nombre : écrivez un nombre, par exemple 1600 ou 1 600,50"
        ),
        "cell.not_finite": "nombre non fini : écrivez un nombre, par exemple 1600",
        "cell.date_not_number": "`{raw}` est une date : écrivez un nombre (cellule au format Nombre)",
        "cell.not_number": (
            "`{raw}` n'est pas un nombre : écrivez par exemple 1600 ou 1 600,50 (virgule décimale, espaces "
            "entre les milliers)"
        ),
        "cell.ambiguous": (
            "`{raw}` est ambigu (point des milliers ou point décimal ?) : écrivez {whole}{fraction} pour "
            "des milliers, ou {whole},{fraction} avec une virgule décimale"
        ),
        "cell.number_too_long": "`{raw}` : nombre trop long (plus de 100 chiffres)",
        "cell.date_with_time": "`{raw}` porte une heure : écrivez la date seule, par exemple 10/01/2022",
        "cell.number_not_date": (
            "`{raw}` est un nombre, pas une date : écrivez une date comme 10/01/2022 ou 2022-01-10 (ou "
            "mettez la cellule au format Date)"
        ),
        "cell.short_year": "`{raw}` : l'année doit avoir quatre chiffres, par exemple 10/01/2022",
        "cell.not_date": (
            "`{raw}` n'est pas une date : écrivez JJ/MM/AAAA (10/01/2022) ou AAAA-MM-JJ (2022-01-10)"
        ),
        "cell.not_calendar_date": (
            "`{raw}` n'est pas une date du calendrier (lue comme {order}) : écrivez JJ/MM/AAAA, par "
            "exemple 10/01/2022 pour le 10 janvier"
        ),
        "cell.order_french": "jour/mois/année",
        "cell.order_iso": "année-mois-jour",
        "cell.not_boolean": "`{raw}` n'est ni oui ni non : écrivez oui ou non (ou vrai / faux)",
        "cell.boolean_in_text": "`{raw}` est un booléen : ce champ attend {what}",
        "cell.date_in_text": "`{raw}` est une date : ce champ attend {what} (cellule au format Texte)",
        "cell.unexpected_type": "valeur de type inattendu : ce champ attend {what}",
        "cell.what_choice": "une liste de choix",
        "cell.what_text": "du texte",
        "diff.title": "proa-policy diff {old} {new}",
        "diff.structural": "Changements du texte :",
        "diff.none": "  (aucun)",
        "diff.annex": "annexe",
        "diff.manifest": "manifeste",
        "diff.article": "article {label}",
        "diff.version": "{where} : version {old} -> {new}",
        "diff.behavioural": "Changements des décisions ({explored} dossiers explorés : {sources}) :",
        "diff.from": "{count} par {source}",
        "diff.no_flip": "  aucun : les deux versions décident de même sur chaque dossier exploré",
        "diff.flip": "  {kind} : {count} dossier(s)",
        "diff.smallest": "      plus petit exemple ({origin}) :",
        "diff.old": "      ancienne : {value}",
        "diff.new": "      nouvelle : {value}",
        "diff.dossier": "      dossier : {value}",
        "diff.completeness_label": "Complétude : {text}",
        "diff.covered": "Couvert :",
        "diff.limits": "Limites :",
        "diff.completeness": (
            "Chaque condition du langage des règles compare un champ du dossier, ou une valeur calculée à"
            " partir de champs du dossier par des fonctions monotones, à une borne faite de paramètres, ou"
            " teste l'appartenance à un ensemble fini (énumérations, codes de l'annexe). L'exploration lit"
            " ses facteurs dans le schéma du dossier et dans les deux versions : chaque champ énuméré ou"
            " booléen, la certification avec un code par classe d'appartenance à l'annexe, la période (la"
            " veille et le jour de chaque changement), et chaque champ borné juste en dessous, sur et juste"
            " au-dessus de chaque borne de l'une ou l'autre version. Autour de chaque dossier de départ, elle"
            " essaie chaque niveau seul, puis les lignes d'un tableau couvrant t = 2, où chaque paire de"
            " niveaux de deux facteurs se rencontre ; une ligne qui change une décision est ensuite ramenée"
            " vers le dossier de départ un facteur à la fois. Aucun changement de décision qui demande au"
            " plus deux classes à la fois n'est manqué là où la paire est réalisée (le décompte ci-dessous"
            " dit où elle l'a été)."
        ),
        "diff.source.corpus": "corpus",
        "diff.source.test cases": "cas de test",
        "diff.source.one axis at a time": "un axe à la fois",
        "diff.source.pairs of factors": "paires de facteurs",
        "diff.source.pairs of factors, reduced": "paires de facteurs, réduites",
        "diff.md.changes": "**Des décisions changent.**",
        "diff.md.no_change": "**Aucune décision ne change** sur les dossiers explorés.",
        "diff.md.text": "### Ce que l'avenant change dans le texte",
        "diff.md.text_head": "| article | changement | objet | détails |",
        "diff.md.no_text": "Aucun changement du texte.",
        "diff.md.decisions": "### Ce qu'il change dans les décisions ({explored} dossiers explorés)",
        "diff.md.decisions_head": "| changement | dossiers | plus petit exemple |",
        "diff.md.no_flip": "Les deux versions décident de même partout où l'exploration est allée.",
        "diff.md.how_complete": "<details><summary>Jusqu'où va cette exploration</summary>",
        "diff.md.covered": "- couvert : {line}",
        "diff.md.example": "<details><summary>{kind} : plus petit exemple</summary>",
        "diff.md.old": "- ancienne : {side}",
        "diff.md.new": "- nouvelle : {side}",
        "diff.md.origin": "- origine : {origin}",
        "diff.md.side": "{verdict} (règles en échec : {rules})",
        "diff.md.no_rule": "aucune",
        "diff.md.truncated_examples": (
            "_Tronqué : {count} exemple(s) omis pour rester sous les {limit} caractères "
            "de GitHub ; `proa-policy diff --format html` les montre tous._"
        ),
        "diff.md.truncated": "_Tronqué._",
        "diff.kind.added": "ajouté",
        "diff.kind.changed": "modifié",
        "diff.kind.removed": "retiré",
        "flip.verdicts": "{old} → {new}",
        "flip.violations": "règles en échec modifiées ({verdict})",
        "flip.ceiling": "plafond de prise en charge modifié",
        "flip.warnings": "avertissements modifiés",
        "verdict.eligible": "éligible",
        "verdict.ineligible": "inéligible",
        "verdict.not_applicable": "non applicable",
        "verdict.invalid": "invalide",
        "verdict.incomplete": "à compléter",
        "explore.seeds": (
            "{seeds} dossiers de départ (les cas de test valides des deux versions et le corpus)"
        ),
        "explore.factors": "{count} facteurs : {factors}",
        "explore.one_axis": "un axe à la fois : chacun des {levels} niveaux sur chaque dossier de départ",
        "explore.pairs": (
            "paires de facteurs : un tableau couvrant t = 2 de {rows} lignes sur chaque dossier de "
            "départ ; des {total} paires de niveaux, {realised} ont été réalisées dans un dossier "
            "valide"
        ),
        "explore.reduced": (
            "réduites : sur chaque dossier de départ, les {count} premières lignes qui changent une "
            "décision, ramenées vers lui un facteur à la fois"
        ),
        "explore.budget": (
            "budget : l'exploration s'est arrêtée après {budget} dossiers (une limite de "
            "docs/reliability.md) : les décisions au-delà n'ont pas été comparées"
        ),
        "explore.one_axis_only": (
            "combinaisons : un axe à la fois seulement ; les paires de bornes ne sont pas explorées"
        ),
        "explore.unrealised": (
            "{missing} paires de niveaux n'ont jamais été réalisées dans un dossier valide (un "
            "niveau qui ne peut être calculé sur le dossier de départ, ou une paire que le "
            "schéma interdit), par exemple {pairs}"
        ),
        "explore.pair": "{a} avec {b}",
        "explore.three": (
            "trois classes ou plus à la fois ne sont explorées que dans la mesure où les dossiers "
            "de départ et les lignes les combinent"
        ),
        "explain.extension": "Extension : {status} ({citation})",
        "explain.excluded": "  exclu : « {text} » — {note}",
        "explain.reserved": "  sous réserve : « {text} » — {note}",
        "explain.when": "  quand : {text}",
        "explain.condition": "  condition : {text}",
        "explain.interpretation": "  interprétation : {text}",
        "explain.rule_parameter": "  paramètre {name} = {value} depuis le {start} ({citation})",
        "explain.article": "Article {label} — {title}",
        "explain.version": "version {version}, en vigueur depuis le {start} · {file}",
        "explain.annex_rows": "({count} lignes : `proa-policy certifications` pour les consulter)",
        "explain.note": "Note : {text}",
        "explain.parameter": "Paramètre {name} ({label}) = {value} depuis le {start} — {citation}",
        "explain.per_hour": " de l'heure",
        "explain.not_checked": "Ce que ces règles ne vérifient pas :",
        "explain.not_checked_why": "    pourquoi : {text}",
        "extension.extended": "étendu",
        "extension.partially_excluded": "étendu, à l'exclusion de passages",
        "extension.extended_with_reservations": "étendu sous réserve",
        "extension.not_extended": "non étendu",
        # the reports (report/: text, markdown, junit, sarif, github; items for validate, check and test)
        "report.colon": " : ",  # French puts a space before a colon; every `label: text` of a report uses it
        "report.at": "ligne {line}, colonne {column}",
        "report.error": "erreur",
        "report.warning": "avertissement",
        "report.interpretation": "interprétation",
        "report.ceiling": "plafond de prise en charge",
        "report.ceiling_if": "plafond de prise en charge qui s'appliquerait si le dossier était éligible",
        "report.would_apply": "s'appliquerait",
        "report.requested": "montant demandé",
        "report.todo": "le dossier respecte l'accord ; reste à faire, dans l'ordre :",
        "report.todo_also": "formalités à accomplir aussi :",
        "report.trace": "règles évaluées :",
        "report.reads": "lit",
        "report.uses": "paramètre",
        "report.in_force": "en vigueur depuis le",
        "report.status.passed": "respectée",
        "report.status.failed": "non respectée",
        "report.status.not_reached": "non atteinte",
        "report.status.error": "non évaluable",
        "report.summary": (
            "{n} dossier(s) : {eligible} éligible(s), {incomplete} à compléter, {ineligible} inéligible(s), "
            "{not_applicable} non applicable(s), {invalid} invalide(s)"
        ),
        "report.details": "Détails",
        "report.md.columns": "dossier | id | verdict | violations | plafond",
        "report.md.schema": "schéma : {n} erreur(s)",
        "report.schema": "schéma",
        "report.schema_rule.short": "Le dossier respecte le schéma",
        "report.schema_rule.full": (
            "Le dossier doit être conforme au schéma JSON des dossiers Pro-A "
            "(`proa-policy schema`) ; aucune règle n'est évaluée sur un dossier invalide."
        ),
        "report.item.passed": "réussi",
        "report.item.failed": "échoué",
        "report.item.error": "en erreur",
        "report.noun.validate": "dossier(s)",
        "report.noun.check": "fichier(s)",
        "report.noun.test": "cas",
        "report.noun.other": "élément(s)",
        "report.items.summary": (
            "{total} {noun} : {passed} réussi(s), {failed} échoué(s), {error} en erreur ; "
            "{errors} erreur(s), {warnings} avertissement(s)"
        ),
        "report.items.columns": "élément | statut | constats",
        "report.items.counts": "{errors} erreur(s), {warnings} avertissement(s)",
        "report.items.no_finding": "{status} sans constat",
        "report.check_rule.short": "Le jeu de règles est cohérent",
        "report.check_rule.full": (
            "`proa-policy check` : schéma des fichiers, citations, "
            "références, cas de test et cohérence de l'annexe."
        ),
        "report.test_rule.short": "Le cas de test obtient la décision attendue",
        "report.test_rule.full": (
            "`proa-policy test` : la décision calculée "
            "pour le dossier du cas doit être celle que le cas attend."
        ),
        # --- a dossier's schema errors (dossier/schema.py) and the hints that say how to fix them
        # (read/hints.py) ---
        "schema.more": "… et {count} autre(s) erreur(s) non listée(s) (au plus {limit} par dossier)",
        "schema.nesting": "imbrication de plus de {limit} niveaux",
        "schema.surrogate": ("texte contenant un caractère de substitution isolé (U+D800 à U+DFFF), "
                             "non représentable en UTF-8"),
        "schema.key_surrogate": ("clé : texte contenant un caractère de substitution isolé "
                                 "(U+D800 à U+DFFF), non représentable en UTF-8"),
        "schema.number_too_long": "nombre de plus de {limit} chiffres",
        "schema.not_finite": "`{text}` n'est pas un nombre fini",
        "schema.no_json_type": "valeur de type `{type}` sans équivalent JSON",
        "schema.key_not_text": "clé `{key}` : les clés doivent être du texte",
        "schema.shown.object": "un objet",
        "schema.shown.list": "une liste",
        "schema.required": "champ obligatoire absent",
        "schema.unknown_fields": "champ inconnu : {names} ; champs admis : {known}",
        "schema.type": "{shown} devrait être {expected}",
        "schema.type.object": "un objet",
        "schema.type.string": "du texte",
        "schema.type.number": "un nombre",
        "schema.type.integer": "un entier",
        "schema.type.boolean": "un booléen (true ou false)",
        "schema.type.array": "une liste",
        "schema.type.null": "null",
        "schema.enum": "valeur {shown} non admise ; valeurs possibles : {choices}",
        "schema.format": "{shown} n'est pas une date réelle au format AAAA-MM-JJ",
        "schema.const": "valeur {shown} non admise ; attendu : `{value}`",
        "schema.pattern": "{shown} ne respecte pas le format attendu (par exemple RNCP34860)",
        "schema.minimum": "{shown} devrait être supérieur ou égal à {value}",
        "schema.exclusiveMinimum": "{shown} devrait être strictement supérieur à {value}",
        "schema.minLength": "{shown} est trop court (au moins {value} caractère(s))",
        "schema.maxLength": "{shown} est trop long (au plus {value} caractères)",
        "schema.rncp_only": ("un code RNCP n'est admis que pour une certification de nature `rncp` "
                             "(article 3.1 : CléA et CléA numérique n'en ont pas)"),
        "hint.did_you_mean": " ; vouliez-vous dire `{match}` ?",
        "hint.quote_it": " ; écrivez-le entre guillemets : `\"{value}\"`",
        "hint.decimal_point": (" ; en JSON et en YAML, un nombre s'écrit avec un point décimal et sans "
                               "guillemets : `{number}`"),
        "hint.unquote_number": " ; écrivez le nombre sans guillemets : `{number}`",
        "hint.unquote_boolean": " ; écrivez `{word}` sans guillemets",
        "hint.iso_date": " ; écrivez la date en AAAA-MM-JJ : `{iso}` (lu comme jour/mois/année)",
        "syntax.property_name": "un nom de champ entre guillemets droits (\") est attendu ici",
        "syntax.comma": "une virgule est attendue entre deux éléments",
        "syntax.colon": "deux-points (:) sont attendus après le nom du champ",
        "syntax.value": ("une valeur est attendue ici (texte entre guillemets, nombre, true, false, objet ou "
                         "liste)"),
        "syntax.extra_data": "du texte suit la fin du document",
        "syntax.unterminated": "un texte entre guillemets n'est pas refermé",
        "syntax.control_character": ("un caractère de contrôle (tabulation, retour à la ligne) est dans un "
                                     "texte"),
        "syntax.escape": "une barre oblique inverse (\\) doit être doublée dans un texte",
        "syntax.yaml_colon": ("deux-points inattendus : une valeur qui contient « : » s'écrit entre "
                              "guillemets, ou l'indentation est décalée"),
        "syntax.yaml_token": ("une tabulation ou un caractère réservé (@, `) : indentez avec des espaces, et "
                              "mettez ce texte entre guillemets"),
        "syntax.indentation": "l'indentation est incohérente : alignez les champs d'un même niveau",
        "syntax.open_list": "une liste entre crochets n'est pas refermée",
        "syntax.open_object": "un objet entre accolades n'est pas refermé",
        "syntax.yaml_escape": "une barre oblique inverse (\\) doit être doublée entre guillemets doubles",
        "syntax.decimal_comma": (" ; `{text}` : un nombre s'écrit avec un point décimal, sans espace : "
                                 "{fixed}"),
        "syntax.quote_date": " ; une date s'écrit entre guillemets, en AAAA-MM-JJ : `\"{iso}\"`",
        "syntax.date_form": "AAAA-MM-JJ",
        # a finding's message (engine/messages.py)
        "finding.cited": "{text} ({where} : « {quote} »)",
        "finding.article": "article {article}",
        "finding.annex": "annexe",
        "finding.missing_value": "(valeur absente)",
        "finding.not_computable": "(valeur non calculable)",
        "finding.yes": "oui",
        "finding.no": "non",
        "finding.unknown_reason": "raison inconnue",
        "finding.evaluation_error": (
            "erreur d'évaluation : la règle `{rule}` n'a pas pu être évaluée sur ce dossier ({why}) ; "
            "c'est une erreur du jeu de règles ou de l'outil, pas un constat sur le dossier"
        ),
        "finding.uncomputed": "{why}; valeur(s) calculée(s) non calculable(s) : {values}",

        # --- diff: the provenance of an example, the probes' notes, the structural changes' words ---
        "origin.test_case": "cas de test {id}",
        "origin.level": "{origin}, {level}",
        "origin.row": "{origin}, ligne {number} du tableau par paires : {levels}",
        "origin.reduced": "{origin}, ligne {number} du tableau par paires, réduite à : {levels}",
        "level.setting": "{field} = {value}",
        "level.code": "{field} = {choice} {code}",
        "level.moved": "début déplacé au {day}",
        "level.below": "juste en dessous de `{bound}`",
        "level.on": "sur `{bound}`",
        "level.above": "juste au-dessus de `{bound}`",
        "level.before_flip": "avant le basculement de `{bound}`",
        "level.last_before_flip": "dernier jour avant le basculement de `{bound}`",
        "level.first_after_flip": "premier jour après le basculement de `{bound}`",
        "level.after_flip": "après le basculement de `{bound}`",
        "bound.old": "ancienne version : {expr}",
        "bound.new": "nouvelle version : {expr}",
        "bound.version": "version {version} : {expr}",
        "probe.period": (
            "{bound} : {field} (le facteur de période : la veille et le jour de chaque date de changement)"
        ),
        "probe.unmoved": "{bound} : aucun champ du dossier à déplacer (non partitionné)",
        "probe.exact": "{bound} : {field} (borne exacte)",
        "probe.bisection": "{bound} : {field} (dichotomie sur les jours)",
        "diff.change": "{where} : {what} `{name}` {done}",
        "diff.what.article": "article",
        "diff.what.text": "texte",
        "diff.what.extension": "extension",
        "diff.what.version": "version",
        "diff.what.parameter": "paramètre",
        "diff.what.computed": "valeur calculée",
        "diff.what.rule": "règle",
        "diff.what.annex_row": "ligne de l'annexe",
        "diff.what.manifest": "manifeste",
        "diff.kind.added.feminine": "ajoutée",
        "diff.kind.changed.feminine": "modifiée",
        "diff.kind.removed.feminine": "retirée",
        "diff.detail.field": "{field} : {old} -> {new}",
        "diff.detail.none": "—",
        "diff.detail.since": "{value} depuis le {day} ({citation})",
        "diff.detail.added": "+ {value}",
        "diff.detail.removed": "- {value}",
        "diff.detail.changed": "~ {old} -> {new}",
        # --- diff --format html: the review page (report/templates/diff.html) ---
        "diff.html.title": "Tableau comparatif — {old} → {new}",
        "diff.html.heading": "Tableau comparatif de l'avenant",
        "diff.html.old_is": "Ancienne version :",
        "diff.html.new_is": "nouvelle version :",
        "diff.html.changes": "Des décisions changent.",
        "diff.html.no_change": "Aucune décision ne change sur les dossiers explorés.",
        "diff.html.text": "Ce que l'avenant change dans le texte",
        "diff.html.decisions_nav": "Ce qu'il change dans les décisions",
        "diff.html.rules": "Règles en cause",
        "diff.html.exploration_nav": "Exploration",
        "diff.html.no_text": "Aucun changement de texte, de paramètre, de règle ni de ligne de l'annexe.",
        "diff.html.version": "version {old} → {new}",
        "diff.html.old_text": "Ancienne rédaction",
        "diff.html.new_text": "Nouvelle rédaction",
        "diff.html.parameter": "Paramètre",
        "diff.html.from": "À partir du",
        "diff.html.old_value": "Ancienne valeur",
        "diff.html.new_value": "Nouvelle valeur",
        "diff.html.rule": "Règle",
        "diff.html.element": "Élément",
        "diff.html.before": "Avant",
        "diff.html.after": "Après",
        "diff.html.annex_rows": "Lignes de l'annexe",
        "diff.html.row": "Ligne",
        "diff.html.change": "Changement",
        "diff.html.pair": "{field} : {value}",
        "diff.html.colon": " : ",
        "diff.html.decisions": "Ce qu'il change dans les décisions ({explored} dossiers explorés)",
        "diff.html.no_flip": "Les deux versions décident de la même façon sur chaque dossier exploré.",
        "diff.html.flip": "{kind} — {count} dossier(s)",
        "diff.html.smallest": "Plus petit exemple : {origin}",
        "diff.html.old_version": "Ancienne version",
        "diff.html.new_version": "Nouvelle version",
        "diff.html.verdict": "Verdict",
        "diff.html.failing": "Règles en échec",
        "diff.html.warnings": "Avertissements",
        "diff.html.ceiling": "Plafond de prise en charge (€)",
        "diff.html.field": "Champ",
        "diff.html.value": "Valeur",
        "diff.html.article": "Article {label}",
        "diff.html.annex": "Annexe",
        "diff.html.manifest": "Jeu de règles",
        "diff.html.applies_when": "S'applique si",
        "diff.html.condition": "Condition",
        "diff.html.no_rule": "Aucune.",
        "diff.html.exploration": "Ce que l'exploration couvre",
        "diff.html.source": "{count} dossiers : {source}",
        "diff.html.covered": "Couvert",
        "diff.html.limits": "Limites",
        "diff.html.none": "aucune",
        "diff.html.rule.title": "intitulé",
        "diff.html.rule.kind": "nature",
        "diff.html.rule.article": "article",
        "diff.html.rule.quote": "passage cité",
        "diff.html.rule.when": "s'applique si",
        "diff.html.rule.condition": "condition",
        "diff.html.rule.effective_from": "en vigueur à partir du",
        "diff.html.rule.effective_until": "en vigueur jusqu'au",
        "diff.html.rule.interpretation": "interprétation",
        "diff.html.rule.message": "message en cas d'échec",
        # a dossier as a table (report/readable.py) and the annotated spreadsheets (report/spreadsheet.py)
        "report.dossier.field": "champ",
        "report.dossier.value": "valeur",
        "report.sheet.verdict": "verdict",
        "report.sheet.failing": "articles en défaut",
        "report.sheet.messages": "messages",
        "report.sheet.ceiling": "plafond de prise en charge (€)",
        "report.sheet.article": "art. {article}",
        # --- the rulebook (rulebook/): its pages' words (`rulebook.page.*`, the templates' `w`), a
        # parameter's unit, and what `proa-policy rulebook` prints ---
        "rulebook.page.rulebook": "Règlement de la « Pro-A » : le texte et ses règles",
        "rulebook.page.signature": "Signé le",
        "rulebook.page.signatories": "Signataires",
        "rulebook.page.employers": "organisations d'employeurs",
        "rulebook.page.unions": "organisations syndicales",
        "rulebook.page.extension_order": "Arrêté d'extension",
        "rulebook.page.jorf": "publié au JORF le",
        "rulebook.page.entry_into_force": "Entrée en vigueur",
        "rulebook.page.policy_set": "Jeu de règles",
        "rulebook.page.version": "version",
        "rulebook.page.digest": "empreinte SHA-256",
        "rulebook.page.as_of": "Valeurs et règles en vigueur le",
        "rulebook.page.articles": "Table des articles",
        "rulebook.page.article": "Article",
        "rulebook.page.rules": "règles",
        "rulebook.page.rule": "Règle",
        "rulebook.page.not_reproduced": "Non reproduit",
        "rulebook.page.index": "Sommaire",
        "rulebook.page.coverage": "Couverture des règles par les cas de test",
        "rulebook.page.coverage_short": "Couverture",
        "rulebook.page.extension": "Extension",
        "rulebook.page.excluded": "Exclu de l'extension",
        "rulebook.page.reservation": "Réserve",
        "rulebook.page.failure_says": "En cas d'échec",
        "rulebook.page.condition": "Condition",
        "rulebook.page.applies_when": "S'applique si",
        "rulebook.page.kind": "Nature",
        "rulebook.page.parameters": "Paramètres",
        "rulebook.page.since": "depuis le",
        "rulebook.page.in_force": "en vigueur à la date choisie",
        "rulebook.page.not_in_force": "pas en vigueur à la date choisie",
        "rulebook.page.effective_from": "en vigueur à partir du",
        "rulebook.page.effective_until": "jusqu'au",
        "rulebook.page.interpretation": "Interprétation",
        "rulebook.page.note": "Note",
        "rulebook.page.computed": "Valeurs calculées",
        "rulebook.page.not_checked": "Ce que ces règles ne vérifient pas",
        "rulebook.page.reason": "raison",
        "rulebook.page.examples": "Exemples : les cas de test de l'article",
        "rulebook.page.example_dossier": "Dossier complet",
        "rulebook.page.reference": "Dossier de référence (les valeurs les plus fréquentes des cas de test)",
        "rulebook.page.verdict": "Verdict",
        "rulebook.page.failing": "Règles en échec",
        "rulebook.page.to_complete": "Formalités à compléter",
        "rulebook.page.verdicts_of_cases": "Verdicts des cas de test",
        "rulebook.page.verdict_word": "Verdict",
        "rulebook.page.formality_failed": "dont « à compléter » (formalité de l'article 5)",
        "rulebook.page.warnings": "Avertissements",
        "rulebook.page.case_fails": "le résultat diffère de l'attendu",
        "rulebook.page.expected": "attendu",
        "rulebook.page.passed": "réussit",
        "rulebook.page.failed": "échoue",
        "rulebook.page.not_reached": "non atteinte",
        "rulebook.page.covered": "couverte",
        "rulebook.page.not_covered": "non couverte",
        "rulebook.page.cases": "cas",
        "rulebook.page.all": "tous",
        "rulebook.page.sector": "Secteur",
        "rulebook.page.sub_sector": "Sous-secteur",
        "rulebook.page.occupation": "Métier",
        "rulebook.page.title": "Intitulé",
        "rulebook.page.code": "Code",
        "rulebook.page.level": "Niveau",
        "rulebook.page.excluded_1": "Exclu (1)",
        "rulebook.page.eligibility": "Éligibilité",
        "rulebook.page.eligible_row": "éligible",
        "rulebook.page.ineligible_row": "non éligible",
        "rulebook.page.rows": "lignes",
        "rulebook.page.no_js": "Sans JavaScript, toutes les lignes sont affichées.",
        "rulebook.page.back_to_text": "voir le passage cité",
        "rulebook.page.quoted_by": "cité par",
        "rulebook.page.quote_not_found": "Règles dont la citation n'a pas été retrouvée dans le texte",
        "rulebook.page.no_rule": "Aucune règle ne se réclame de cet article.",
        "rulebook.page.field": "Champ",
        "rulebook.page.value": "Valeur",
        "rulebook.page.section": "Section",
        # said once on every page when the site is not in the accord's language (`accord_notice`)
        "rulebook.legal_french": (
            "Le texte de l'accord, ses citations et les intitulés des règles sont du "
            "contenu juridique et restent en français."
        ),
        # the rulebook has always said this status its own way in English (the reports: `extension.*`)
        "rulebook.extension.partially_excluded": "étendu, à l'exclusion de passages",
        "rulebook.unit.months": "mois",
        "rulebook.unit.years": "ans",
        "rulebook.unit.percent": "%",
        "rulebook.unit.hours": "heures",
        "rulebook.unit.eur": "€",
        "rulebook.unit.eur_per_hour": "€/h",
        "rulebook.written": "{count} fichiers écrits dans {folder} (ouvrir {index})",
    },
    "en": {
        "no_dossier": "no dossier found",
        "annex.eligible": "eligible",
        "annex.not_in_force": "row not in force on {day}",
        "annex.accord_not_in_force": "the accord is not in force on {day} (it applies from {entry})",
        "annex.excluded": "excluded from the extension ({footnote})",
        "annex.count": "{count} annex row(s)",
        "french_only": "(the accord's text and its quotes stay in French)",
        "input.missing": "file not found",
        "input.unreadable": "unreadable file: {reason}",
        "input.empty_directory": "no dossier in this directory",
        "input.directory": "is a directory",
        "input.unreadable_directory": "unreadable folder: {reason}",
        "input.not_regular": "not a regular file (named pipe, socket or device)",
        "input.not_utf8": "the file is not UTF-8 (byte {byte}, line {at_line})",
        "input.too_big": "file too large ({size} bytes; limit {limit} bytes)",
        "input.too_big_stream": "file too large (limit {limit} bytes)",
        "input.empty": "empty file",
        "input.link_out": "symbolic link out of the folder: not followed",
        "input.stdin_closed": "standard input closed",
        "input.stdin_unreadable": "unreadable standard input: {reason}",
        "input.line_too_long": "line too long (limit {limit} bytes)",
        "input.line_not_utf8": "the line is not UTF-8 (byte {byte} of the line)",
        "read.invalid_json": "invalid JSON: {detail}",
        "read.invalid_yaml": "invalid YAML: {detail}",
        "read.yaml": "invalid YAML",
        "read.yaml_character": "invalid YAML: unacceptable character #x{code}: {reason}",
        "read.duplicate_key": "duplicate key `{key}`",
        "read.nesting": "nesting deeper than {limit} levels",
        "read.not_finite": "not a finite number: `{text}`",
        "read.number_too_long": "number longer than {limit} characters: `{start}…`",
        "read.out_of_range": "number out of range: `{text}` has more than {limit} digits written out",
        "read.not_number": "not a number: `{text}`",
        "read.not_integer": "not a decimal integer: `{text}`",
        "read.not_boolean": "not a boolean (true or false): `{text}`",
        "read.expected_mapping": "expected a mapping",
        "read.expected_sequence": "expected a sequence",
        "read.key_not_text": "keys must be strings, not `{key}`",
        "read.alias": "YAML aliases (`*name`) are not accepted",
        "read.merge_key": "YAML merge keys (`<<`) are not accepted",
        "read.tag": "YAML tag `{tag}` is not accepted",
        "read.empty_document": "empty document",
        "read.single_document": "expected a single document, but found another",
        "read.lone_surrogate": "not Unicode text: lone surrogate `{escape}`",
        "read.half_surrogate": "invalid JSON: `{escape}` is half of a UTF-16 surrogate pair, not a character",
        "read.yaml_values": "more than {limit} values in one YAML document",
        # spreadsheets: a file (read/sheets.py), its headers and rows (dossier/rows.py), its cells
        "sheet.at": "{ref}: {message}",
        "sheet.add_column": "{message}: add the column `{dotted}`",
        "sheet.header_unknown": "unknown header `{text}`",
        "sheet.header_unknown_hint": "unknown header `{text}`; did you mean `{hint}`?",
        "sheet.header_duplicate": "column `{text}` given twice (already in {first}1)",
        "sheet.no_header_column": "a filled cell in a column without a header",
        "sheet.empty_row": "empty row between two dossiers: fill it in or delete it",
        "sheet.formula_without_value": (
            "formula without a computed value: open the workbook in Excel or LibreOffice and save it, or "
            "replace the formula by its value"
        ),
        "sheet.merged_across": "cell merged with its left neighbour: unmerge it, one value per column",
        "sheet.cell_too_long": "a cell of {length} characters: Excel holds at most {limit}",
        "sheet.more_issues": "… and {count} more problem(s) not listed (at most {limit} per row)",
        "sheet.more_issues_at_least": (
            "… and at least {count} more problem(s) not listed (at most {limit} per row)"
        ),
        "sheet.no_headers": (
            "the first row must hold the headers (field names, for example `id`, `employer.kind`): it is "
            "empty"
        ),
        "sheet.too_many_rows": "more than {limit} rows: split the file",
        "sheet.no_rows": "no dossier row under the headers",
        "sheet.too_big": "file too large ({size} bytes; limit {limit} bytes)",
        "sheet.long_line": "line longer than {limit} bytes: this is not a table",
        "sheet.encoding": "the file is neither UTF-8 nor Windows-1252: save it as « CSV UTF-8 »",
        "sheet.csv_unreadable": "unreadable CSV after line {number}: {detail}",
        "sheet.not_xlsx": "unreadable XLSX file (it is not an Excel .xlsx workbook)",
        "sheet.unzipped_too_big": "workbook too large once uncompressed ({size} bytes; limit {limit} bytes)",
        "sheet.too_many_merged": "more than {limit} ranges of merged cells",
        "sheet.xlsx_unreadable": "unreadable XLSX workbook: {kind}",
        "sheet.unsupported": "{name} format not supported: save the workbook as .xlsx or .csv",
        "sheet.unreadable": "unreadable file: {reason}",
        "cell.not_integer": "`{raw}` is not a whole number",
        "cell.boolean_not_number": "`{raw}` is not a number: write a number, for example 1600 or 1 600,50",
        "cell.not_finite": "not a finite number: write a number, for example 1600",
        "cell.date_not_number": "`{raw}` is a date: write a number (a cell formatted as Number)",
        "cell.not_number": (
            "`{raw}` is not a number: write for example 1600 or 1 600,50 (decimal comma, spaces between "
            "thousands)"
        ),
        "cell.ambiguous": (
            "`{raw}` is ambiguous (thousands point or decimal point?): write {whole}{fraction} for "
            "thousands, or {whole},{fraction} with a decimal comma"
        ),
        "cell.number_too_long": "`{raw}`: number too long (more than 100 digits)",
        "cell.date_with_time": "`{raw}` has a time: write the date alone, for example 10/01/2022",
        "cell.number_not_date": (
            "`{raw}` is a number, not a date: write a date such as 10/01/2022 or 2022-01-10 (or format the "
            "cell as Date)"
        ),
        "cell.short_year": "`{raw}`: the year must have four digits, for example 10/01/2022",
        "cell.not_date": "`{raw}` is not a date: write DD/MM/YYYY (10/01/2022) or YYYY-MM-DD (2022-01-10)",
        "cell.not_calendar_date": (
            "`{raw}` is not a calendar date (read as {order}): write DD/MM/YYYY, for example 10/01/2022 "
            "for 10 January"
        ),
        "cell.order_french": "day/month/year",
        "cell.order_iso": "year-month-day",
        "cell.not_boolean": "`{raw}` is neither oui nor non: write oui or non (or vrai / faux)",
        "cell.boolean_in_text": "`{raw}` is a boolean: this field takes {what}",
        "cell.date_in_text": "`{raw}` is a date: this field takes {what} (a cell formatted as Text)",
        "cell.unexpected_type": "a value of an unexpected type: this field takes {what}",
        "cell.what_choice": "a value of its list",
        "cell.what_text": "text",
        "diff.title": "proa-policy diff {old} {new}",
        "diff.structural": "Structural changes:",
        "diff.none": "  (none)",
        "diff.annex": "annex",
        "diff.manifest": "manifest",
        "diff.article": "article {label}",
        "diff.version": "{where}: version {old} -> {new}",
        "diff.behavioural": "Behavioural changes ({explored} dossiers explored: {sources}):",
        "diff.from": "{count} from {source}",
        "diff.no_flip": "  none: both versions decide identically on every explored dossier",
        "diff.flip": "  {kind}: {count} dossier(s)",
        "diff.smallest": "      smallest example ({origin}):",
        "diff.old": "      old: {value}",
        "diff.new": "      new: {value}",
        "diff.dossier": "      dossier: {value}",
        "diff.completeness_label": "Completeness: {text}",
        "diff.covered": "Covered:",
        "diff.limits": "Limits:",
        "diff.completeness": (
            "Every condition of the rule language compares a dossier field, or a value computed from dossier"
            " fields by monotone functions, with a bound made of parameters, or tests membership in a finite"
            " set (enumerations, annex codes). The exploration reads its factors from the dossier schema and"
            " both versions: every enumerated and boolean field, the certification with one code per class of"
            " annex memberships, the period (the day before and the day of every change), and every bounded"
            " field just below, on and just above each bound of either version. Around every seed dossier it"
            " tries each level alone, then the rows of a t = 2 covering array, in which every pair of levels"
            " of two factors meets; a row that changes a decision is then given back to the seed one factor"
            " at a time. No change of decision that needs at most two classes at once is missed where the"
            " pair is realised (the count below says where it was)."
        ),
        "diff.source.corpus": "corpus",
        "diff.source.test cases": "test cases",
        "diff.source.one axis at a time": "one axis at a time",
        "diff.source.pairs of factors": "pairs of factors",
        "diff.source.pairs of factors, reduced": "pairs of factors, reduced",
        "diff.md.changes": "**Decisions change.**",
        "diff.md.no_change": "**No decision changes** on the explored dossiers.",
        "diff.md.text": "### What the amendment changes in the text",
        "diff.md.text_head": "| article | change | what | details |",
        "diff.md.no_text": "No structural change.",
        "diff.md.decisions": "### What it changes in the decisions ({explored} dossiers explored)",
        "diff.md.decisions_head": "| change | dossiers | smallest example |",
        "diff.md.no_flip": "Both versions decide identically everywhere explored.",
        "diff.md.how_complete": "<details><summary>How complete is this exploration</summary>",
        "diff.md.covered": "- covered: {line}",
        "diff.md.example": "<details><summary>{kind}: smallest example</summary>",
        "diff.md.old": "- old: {side}",
        "diff.md.new": "- new: {side}",
        "diff.md.origin": "- origin: {origin}",
        "diff.md.side": "{verdict} (failing rules: {rules})",
        "diff.md.no_rule": "none",
        "diff.md.truncated_examples": (
            "_Truncated: {count} example(s) left out to stay within GitHub's {limit} "
            "characters; `proa-policy diff --format html` shows them all._"
        ),
        "diff.md.truncated": "_Truncated._",
        "diff.kind.added": "added",
        "diff.kind.changed": "changed",
        "diff.kind.removed": "removed",
        "flip.verdicts": "{old} -> {new}",
        "flip.violations": "violations changed ({verdict})",
        "flip.ceiling": "funding ceiling changed",
        "flip.warnings": "warnings changed",
        "verdict.eligible": "eligible",
        "verdict.ineligible": "ineligible",
        "verdict.not_applicable": "not_applicable",
        "verdict.invalid": "invalid",
        "verdict.incomplete": "incomplete",
        "explore.seeds": "{seeds} seed dossiers (the valid test cases of both versions and the corpus)",
        "explore.factors": "{count} factors: {factors}",
        "explore.one_axis": "one axis at a time: each of the {levels} levels on every seed",
        "explore.pairs": (
            "pairs of factors: a t = 2 covering array of {rows} rows on every seed; of the "
            "{total} pairs of levels, {realised} were realised in a valid dossier"
        ),
        "explore.reduced": (
            "reduced: on each seed, the first {count} rows that change a decision, given back to "
            "the seed one factor at a time"
        ),
        "explore.budget": (
            "budget: the exploration stopped after {budget} dossiers (a limit of "
            "docs/reliability.md): decisions beyond it were not compared"
        ),
        "explore.one_axis_only": "combinations: one axis at a time only; pairs of bounds are not explored",
        "explore.unrealised": (
            "{missing} pairs of levels were never realised in a valid dossier (a level that "
            "cannot be computed on the seed, or a pair the schema forbids), e.g. {pairs}"
        ),
        "explore.pair": "{a} with {b}",
        "explore.three": (
            "three or more classes at once are explored only as far as the seeds and the rows combine them"
        ),
        "explain.extension": "Extension: {status} ({citation})",
        "explain.excluded": "  excluded: « {text} » — {note}",
        "explain.reserved": "  with reservations: « {text} » — {note}",
        "explain.when": "  when: {text}",
        "explain.condition": "  condition: {text}",
        "explain.interpretation": "  interpretation: {text}",
        "explain.rule_parameter": "  parameter {name} = {value} since {start} ({citation})",
        "explain.article": "Article {label} — {title}",
        "explain.version": "version {version}, in force since {start} · {file}",
        "explain.annex_rows": "({count} rows: `proa-policy certifications` to look them up)",
        "explain.note": "Note: {text}",
        "explain.parameter": "Parameter {name} ({label}) = {value} since {start} — {citation}",
        "explain.per_hour": " per hour",
        "explain.not_checked": "What these rules do not check (in French):",
        "explain.not_checked_why": "    why: {text}",
        "extension.extended": "extended",
        "extension.partially_excluded": "extended, except some passages",
        "extension.extended_with_reservations": "extended with reservations",
        "extension.not_extended": "not extended",
        # the reports (report/: text, markdown, junit, sarif, github; items for validate, check and test)
        "report.colon": ": ",
        "report.at": "line {line}, column {column}",
        "report.error": "error",
        "report.warning": "warning",
        "report.interpretation": "interpretation",
        "report.ceiling": "funding ceiling",
        "report.ceiling_if": "funding ceiling that would apply if the dossier were eligible",
        "report.would_apply": "would apply",
        "report.requested": "requested amount",
        "report.todo": "the dossier meets the accord; still to do, in order:",
        "report.todo_also": "formalities also to complete:",
        "report.trace": "rules evaluated:",
        "report.reads": "reads",
        "report.uses": "parameter",
        "report.in_force": "in force since",
        "report.status.passed": "passed",
        "report.status.failed": "failed",
        "report.status.not_reached": "not reached",
        "report.status.error": "error",
        "report.summary": (
            "{n} dossier(s): {eligible} eligible, {incomplete} to complete, {ineligible} ineligible, "
            "{not_applicable} not applicable, {invalid} invalid"
        ),
        "report.details": "Details",
        "report.md.columns": "dossier | id | verdict | violations | ceiling",
        "report.md.schema": "schema: {n} error(s)",
        "report.schema": "schema",
        "report.schema_rule.short": "The dossier conforms to the schema",
        "report.schema_rule.full": (
            "The dossier must conform to the Pro-A dossier JSON Schema "
            "(`proa-policy schema`); no rule is evaluated on an invalid dossier."
        ),
        "report.item.passed": "passed",
        "report.item.failed": "failed",
        "report.item.error": "error",
        "report.noun.validate": "dossier(s)",
        "report.noun.check": "file(s)",
        "report.noun.test": "case(s)",
        "report.noun.other": "item(s)",
        "report.items.summary": (
            "{total} {noun}: {passed} passed, {failed} failed, {error} in error; "
            "{errors} error(s), {warnings} warning(s)"
        ),
        "report.items.columns": "item | status | findings",
        "report.items.counts": "{errors} error(s), {warnings} warning(s)",
        "report.items.no_finding": "{status} without a finding",
        "report.check_rule.short": "The policy set is consistent",
        "report.check_rule.full": (
            "`proa-policy check`: file schema, quotations, references, test cases and annex consistency."
        ),
        "report.test_rule.short": "The test case gets the expected decision",
        "report.test_rule.full": (
            "`proa-policy test`: the decision computed for "
            "the case's dossier must be the one the case expects."
        ),
        # --- a dossier's schema errors (dossier/schema.py) and the hints that say how to fix them
        # (read/hints.py) ---
        "schema.more": "… and {count} more error(s) not listed (at most {limit} per dossier)",
        "schema.nesting": "nesting deeper than {limit} levels",
        "schema.surrogate": "text holding a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot represent",
        "schema.key_surrogate": ("key: text holding a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot "
                                 "represent"),
        "schema.number_too_long": "number of more than {limit} digits",
        "schema.not_finite": "`{text}` is not a finite number",
        "schema.no_json_type": "value of type `{type}`, which JSON has no word for",
        "schema.key_not_text": "key `{key}`: keys must be text",
        "schema.shown.object": "an object",
        "schema.shown.list": "a list",
        "schema.required": "required field is missing",
        "schema.unknown_fields": "unknown field: {names}; allowed fields: {known}",
        "schema.type": "{shown} should be {expected}",
        "schema.type.object": "an object",
        "schema.type.string": "a string",
        "schema.type.number": "a number",
        "schema.type.integer": "an integer",
        "schema.type.boolean": "a boolean (true or false)",
        "schema.type.array": "an array",
        "schema.type.null": "null",
        "schema.enum": "value {shown} is not allowed; allowed values: {choices}",
        "schema.format": "{shown} is not a real calendar date in YYYY-MM-DD form",
        "schema.const": "value {shown} is not allowed; expected `{value}`",
        "schema.pattern": "{shown} does not have the expected form (for example RNCP34860)",
        "schema.minimum": "{shown} should be at least {value}",
        "schema.exclusiveMinimum": "{shown} should be greater than {value}",
        "schema.minLength": "{shown} is too short (at least {value} character(s))",
        "schema.maxLength": "{shown} is too long (at most {value} characters)",
        "schema.rncp_only": ("an RNCP code is only allowed for a certification of kind `rncp` (article 3.1: "
                             "CléA and CléA numérique have none)"),
        "hint.did_you_mean": "; did you mean `{match}`?",
        "hint.quote_it": "; write it in quotes: `\"{value}\"`",
        "hint.decimal_point": ("; in JSON and YAML a number is written with a decimal point, without quotes: "
                               "`{number}`"),
        "hint.unquote_number": "; write the number without quotes: `{number}`",
        "hint.unquote_boolean": "; write `{word}` without quotes",
        "hint.iso_date": "; write the date as YYYY-MM-DD: `{iso}` (read as day/month/year)",
        "syntax.property_name": "a field name in straight double quotes (\") is expected here",
        "syntax.comma": "a comma is expected between two items",
        "syntax.colon": "a colon (:) is expected after the field name",
        "syntax.value": ("a value is expected here (text in quotes, a number, true, false, an object or a "
                         "list)"),
        "syntax.extra_data": "text follows the end of the document",
        "syntax.unterminated": "a quoted text is not closed",
        "syntax.control_character": "a control character (tab, line break) is inside a text",
        "syntax.escape": "a backslash (\\) must be doubled inside a text",
        "syntax.yaml_colon": ("an unexpected colon: a value containing « : » is written in quotes, or the "
                              "indentation is off"),
        "syntax.yaml_token": ("a tab or a reserved character (@, `): indent with spaces, and put this text "
                              "in quotes"),
        "syntax.indentation": "the indentation is inconsistent: align the fields of one level",
        "syntax.open_list": "a list in square brackets is not closed",
        "syntax.open_object": "an object in braces is not closed",
        "syntax.yaml_escape": "a backslash (\\) must be doubled inside double quotes",
        "syntax.decimal_comma": ("; `{text}`: a number is written with a decimal point, without spaces: "
                                 "{fixed}"),
        "syntax.quote_date": "; a date is written in quotes, as YYYY-MM-DD: `\"{iso}\"`",
        "syntax.date_form": "YYYY-MM-DD",
        # a finding's message (engine/messages.py)
        "finding.cited": "{text} ({where}: « {quote} »)",
        "finding.article": "article {article}",
        "finding.annex": "annex",
        "finding.missing_value": "(missing value)",
        "finding.not_computable": "(value not computable)",
        "finding.yes": "yes",
        "finding.no": "no",
        "finding.unknown_reason": "unknown reason",
        "finding.evaluation_error": (
            "evaluation error: rule `{rule}` could not be evaluated on this dossier ({why}); "
            "this is a fault of the rule set or the tool, not a finding about the dossier"
        ),
        "finding.uncomputed": "{why}; computed value(s) not computable: {values}",

        # --- diff: the provenance of an example, the probes' notes, the structural changes' words ---
        "origin.test_case": "test case {id}",
        "origin.level": "{origin}, {level}",
        "origin.row": "{origin}, pairwise row {number}: {levels}",
        "origin.reduced": "{origin}, pairwise row {number} reduced to: {levels}",
        "level.setting": "{field} = {value}",
        "level.code": "{field} = {choice} {code}",
        "level.moved": "moved to start on {day}",
        "level.below": "just below `{bound}`",
        "level.on": "on `{bound}`",
        "level.above": "just above `{bound}`",
        "level.before_flip": "before the flip of `{bound}`",
        "level.last_before_flip": "last day before the flip of `{bound}`",
        "level.first_after_flip": "first day after the flip of `{bound}`",
        "level.after_flip": "after the flip of `{bound}`",
        "bound.old": "old: {expr}",
        "bound.new": "new: {expr}",
        "bound.version": "{version}: {expr}",
        "probe.period": (
            "{bound}: {field} (the period factor: the day before and the day of every date of change)"
        ),
        "probe.unmoved": "{bound}: no dossier field to move (not partitioned)",
        "probe.exact": "{bound}: {field} (exact bound)",
        "probe.bisection": "{bound}: {field} (bisection over days)",
        "diff.change": "{where}: {what} `{name}` {done}",
        "diff.what.article": "article",
        "diff.what.text": "text",
        "diff.what.extension": "extension",
        "diff.what.version": "version",
        "diff.what.parameter": "parameter",
        "diff.what.computed": "computed",
        "diff.what.rule": "rule",
        "diff.what.annex_row": "annex_row",
        "diff.what.manifest": "manifest",
        "diff.kind.added.feminine": "added",
        "diff.kind.changed.feminine": "changed",
        "diff.kind.removed.feminine": "removed",
        "diff.detail.field": "{field}: {old} -> {new}",
        "diff.detail.none": "None",
        "diff.detail.since": "{value} since {day} ({citation})",
        "diff.detail.added": "+ {value}",
        "diff.detail.removed": "- {value}",
        "diff.detail.changed": "~ {old} -> {new}",
        # --- diff --format html: the review page (report/templates/diff.html) ---
        "diff.html.title": "Comparison table — {old} → {new}",
        "diff.html.heading": "Comparison table of the amendment",
        "diff.html.old_is": "Old version:",
        "diff.html.new_is": "new version:",
        "diff.html.changes": "Decisions change.",
        "diff.html.no_change": "No decision changes on the explored dossiers.",
        "diff.html.text": "What the amendment changes in the text",
        "diff.html.decisions_nav": "What it changes in the decisions",
        "diff.html.rules": "Rules involved",
        "diff.html.exploration_nav": "Exploration",
        "diff.html.no_text": "No change of text, parameter, rule or annex row.",
        "diff.html.version": "version {old} → {new}",
        "diff.html.old_text": "Old wording",
        "diff.html.new_text": "New wording",
        "diff.html.parameter": "Parameter",
        "diff.html.from": "From",
        "diff.html.old_value": "Old value",
        "diff.html.new_value": "New value",
        "diff.html.rule": "Rule",
        "diff.html.element": "Field",
        "diff.html.before": "Before",
        "diff.html.after": "After",
        "diff.html.annex_rows": "Annex rows",
        "diff.html.row": "Row",
        "diff.html.change": "Change",
        "diff.html.pair": "{field}: {value}",
        "diff.html.colon": ": ",
        "diff.html.decisions": "What it changes in the decisions ({explored} dossiers explored)",
        "diff.html.no_flip": "Both versions decide identically on every explored dossier.",
        "diff.html.flip": "{kind} — {count} dossier(s)",
        "diff.html.smallest": "Smallest example: {origin}",
        "diff.html.old_version": "Old version",
        "diff.html.new_version": "New version",
        "diff.html.verdict": "Verdict",
        "diff.html.failing": "Failing rules",
        "diff.html.warnings": "Warnings",
        "diff.html.ceiling": "Funding ceiling (EUR)",
        "diff.html.field": "Field",
        "diff.html.value": "Value",
        "diff.html.article": "Article {label}",
        "diff.html.annex": "Annex",
        "diff.html.manifest": "Policy set",
        "diff.html.applies_when": "Applies when",
        "diff.html.condition": "Condition",
        "diff.html.no_rule": "None.",
        "diff.html.exploration": "What the exploration covers",
        "diff.html.source": "{count} dossiers: {source}",
        "diff.html.covered": "Covered",
        "diff.html.limits": "Limits",
        "diff.html.none": "none",
        "diff.html.rule.title": "title",
        "diff.html.rule.kind": "kind",
        "diff.html.rule.article": "article",
        "diff.html.rule.quote": "quoted passage",
        "diff.html.rule.when": "applies when",
        "diff.html.rule.condition": "condition",
        "diff.html.rule.effective_from": "in force from",
        "diff.html.rule.effective_until": "in force until",
        "diff.html.rule.interpretation": "interpretation",
        "diff.html.rule.message": "message on failure",
        # a dossier as a table (report/readable.py) and the annotated spreadsheets (report/spreadsheet.py)
        "report.dossier.field": "field",
        "report.dossier.value": "value",
        "report.sheet.verdict": "verdict",
        "report.sheet.failing": "failing articles",
        "report.sheet.messages": "messages",
        "report.sheet.ceiling": "funding ceiling (€)",
        "report.sheet.article": "art. {article}",
        # --- the rulebook (rulebook/): its pages' words (`rulebook.page.*`, the templates' `w`), a
        # parameter's unit, and what `proa-policy rulebook` prints ---
        "rulebook.page.rulebook": "The Pro-A rulebook: the text and its rules",
        "rulebook.page.signature": "Signed on",
        "rulebook.page.signatories": "Signatories",
        "rulebook.page.employers": "employers' organisations",
        "rulebook.page.unions": "trade unions",
        "rulebook.page.extension_order": "Extension order",
        "rulebook.page.jorf": "published in the JORF on",
        "rulebook.page.entry_into_force": "Entry into force",
        "rulebook.page.policy_set": "Policy set",
        "rulebook.page.version": "version",
        "rulebook.page.digest": "SHA-256 digest",
        "rulebook.page.as_of": "Values and rules in force on",
        "rulebook.page.articles": "Table of articles",
        "rulebook.page.article": "Article",
        "rulebook.page.rules": "rules",
        "rulebook.page.rule": "Rule",
        "rulebook.page.not_reproduced": "Not reproduced",
        "rulebook.page.index": "Contents",
        "rulebook.page.coverage": "Rule coverage by the test cases",
        "rulebook.page.coverage_short": "Coverage",
        "rulebook.page.extension": "Extension",
        "rulebook.page.excluded": "Excluded from the extension",
        "rulebook.page.reservation": "Reservation",
        "rulebook.page.failure_says": "On failure",
        "rulebook.page.condition": "Condition",
        "rulebook.page.applies_when": "Applies when",
        "rulebook.page.kind": "Kind",
        "rulebook.page.parameters": "Parameters",
        "rulebook.page.since": "from",
        "rulebook.page.in_force": "in force on the chosen date",
        "rulebook.page.not_in_force": "not in force on the chosen date",
        "rulebook.page.effective_from": "in force from",
        "rulebook.page.effective_until": "until",
        "rulebook.page.interpretation": "Interpretation",
        "rulebook.page.note": "Note",
        "rulebook.page.computed": "Computed values",
        "rulebook.page.not_checked": "What these rules do not check",
        "rulebook.page.reason": "reason",
        "rulebook.page.examples": "Worked examples: the article's test cases",
        "rulebook.page.example_dossier": "Full dossier",
        "rulebook.page.reference": "Reference dossier (the most frequent values of the test cases)",
        "rulebook.page.verdict": "Verdict",
        "rulebook.page.failing": "Failing rules",
        "rulebook.page.to_complete": "Formalities to complete",
        "rulebook.page.verdicts_of_cases": "Verdicts of the test cases",
        "rulebook.page.verdict_word": "Verdict",
        "rulebook.page.formality_failed": "of which « to complete » (an Article 5 formality)",
        "rulebook.page.warnings": "Warnings",
        "rulebook.page.case_fails": "the result differs from the expected one",
        "rulebook.page.expected": "expected",
        "rulebook.page.passed": "passes",
        "rulebook.page.failed": "fails",
        "rulebook.page.not_reached": "not reached",
        "rulebook.page.covered": "covered",
        "rulebook.page.not_covered": "not covered",
        "rulebook.page.cases": "cases",
        "rulebook.page.all": "all",
        "rulebook.page.sector": "Sector",
        "rulebook.page.sub_sector": "Sub-sector",
        "rulebook.page.occupation": "Occupation",
        "rulebook.page.title": "Title",
        "rulebook.page.code": "Code",
        "rulebook.page.level": "Level",
        "rulebook.page.excluded_1": "Excluded (1)",
        "rulebook.page.eligibility": "Eligibility",
        "rulebook.page.eligible_row": "eligible",
        "rulebook.page.ineligible_row": "not eligible",
        "rulebook.page.rows": "rows",
        "rulebook.page.no_js": "Without JavaScript, every row is shown.",
        "rulebook.page.back_to_text": "see the quoted passage",
        "rulebook.page.quoted_by": "quoted by",
        "rulebook.page.quote_not_found": "Rules whose quote was not found in the text",
        "rulebook.page.no_rule": "No rule cites this article.",
        "rulebook.page.field": "Field",
        "rulebook.page.value": "Value",
        "rulebook.page.section": "Section",
        # said once on every page when the site is not in the accord's language (`accord_notice`)
        "rulebook.legal_french": (
            "The accord's text, quotes, citations and rule titles are legal content "
            "and stay in French."
        ),
        # the rulebook has always said this status its own way in English (the reports: `extension.*`)
        "rulebook.extension.partially_excluded": "extended, with passages excluded",
        "rulebook.unit.months": "months",
        "rulebook.unit.years": "years",
        "rulebook.unit.percent": "%",
        "rulebook.unit.hours": "hours",
        "rulebook.unit.eur": "EUR",
        "rulebook.unit.eur_per_hour": "EUR/h",
        "rulebook.written": "{count} files written to {folder} (open {index})",
    },
}
LANGUAGES = tuple(MESSAGES)

#: What `diff` finds changed (`amend/compare.py`'s `what`) when its noun is feminine, in each language: its
#: participle is then `diff.kind.<kind>.feminine` (« règle … modifiée »).
FEMININE: dict[str, frozenset[str]] = {
    "fr": frozenset({"extension", "version", "computed", "rule", "annex_row"}), "en": frozenset(),
}


class Words(str):
    """A message not said yet: a key of the catalogue and its values (a value may be `Words`, a `Count`, or
    a list of them, said joined by `; `). As a string it is its English text, so a list of them reads as
    it always did where no language is chosen (the JSON of the Python API, `str()`)."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, values: dict[str, Any] | None = None) -> "Words":
        values = dict(values or {})
        self = super().__new__(cls, say(key, "en", **values))
        self.key, self.values = key, values
        return self

    def __getnewargs__(self) -> tuple[str, dict[str, Any]]:  # type: ignore[override]
        return self.key, self.values

    def said(self, lang: str) -> str:
        return say(self.key, lang, **self.values)


class Count(int):
    """A number said with its thousands grouped as `lang` writes them: 100,000 or 100 000."""

    def said(self, lang: str) -> str:
        return f"{self:,}".replace(",", "\u202f") if lang == "fr" else f"{self:,}"


def said(value: Any, lang: str) -> Any:
    """`value` in `lang` when it is words not said yet (`Words`, `Count`, a list of them); else itself."""
    if isinstance(value, (Words, Count)):
        return value.said(lang)
    if isinstance(value, list):
        return "; ".join(str(said(item, lang)) for item in value)
    return value


def _template(key: str, lang: str) -> str:
    """The message `key` in `lang` as written, English when that language lacks it."""
    return MESSAGES.get(lang, {}).get(key) or MESSAGES["en"][key]


def say(key: str, lang: str, /, **values: Any) -> str:
    """The message `key` in `lang` (English when that language lacks it), with `values` filled in."""
    return _template(key, lang).format(**{name: said(value, lang) for name, value in values.items()})


def in_catalogue(key: str) -> bool:
    """Whether the catalogue has the message `key` (every language has the same keys): for a key made from a
    value (`verdict.{verdict}`, `rulebook.unit.{unit}`) that may have no words, then said as it is."""
    return key in MESSAGES["en"]


def section(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose key starts with `prefix`, in `lang` as written, by the rest of its key: the words
    a template looks up by name (the rulebook's `w.rules` is `rulebook.page.rules`)."""
    return {key.removeprefix(prefix): _template(key, lang)
            for key in MESSAGES["en"] if key.startswith(prefix)}


def say_around(key: str, slot: str, lang: str, /, **values: Any) -> tuple[str, str]:
    """The message `key` in `lang` with `values` filled in, cut where `{slot}` goes: the words before it
    and after it (for a message whose middle is made later, piece by piece)."""
    before, _, after = _template(key, lang).partition("{" + slot + "}")
    filled = {name: said(value, lang) for name, value in values.items()}
    return before.format(**filled), after.format(**filled)


#: The language of the accord's text and quotes, whatever the language of the report.
ACCORD_LANGUAGE = "fr"


def accord_notice(lang: str, key: str = "french_only") -> str:
    """Said once by a report that is not in the accord's language: the accord's words stay French ("" when
    the report is French). `key` is how it says so (the rulebook's pages: `rulebook.legal_french`)."""
    return "" if lang == ACCORD_LANGUAGE else say(key, lang)


def translated(french: str, english: str, lang: str) -> str:
    """A text of the policy files in `lang`: its English version (`title_en`, `hint_en`…) when the report is
    English and the file gives one, else the French. The one place a translated field is chosen."""
    return english or french if lang == "en" else french


def article_label(article: str, lang: str) -> str:
    """Where in the accord a rule is: `article 4`, or the annex."""
    if article == "annexe":
        return say("finding.annex", lang)
    return say("finding.article", lang, article=article)


def reading_error(message: str, lang: str, error: Any = None) -> str:
    """A reading error in `lang`: through the catalogue when `error` has a key (then its French hint, if
    any); an error without a key (a spreadsheet's, already French) is said as it was written."""
    if error is None or not error.key:
        return message
    said = say(error.key, lang, **error.values)
    hint = translated(error.hint, error.hint_en, lang)
    return f"{said} — {hint}" if hint else said
