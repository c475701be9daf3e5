"""The tool's words in French: every message (`MESSAGES`, the keys of every other language), the
names of verdicts and of rules' kinds, and how numbers, dates and money are written."""

from __future__ import annotations

#: A verdict as people read it (the rulebook, the spreadsheets; the text report writes it in capitals).
VERDICTS: dict[str, str] = {
    "eligible": "éligible",
    "ineligible": "inéligible",
    "not_applicable": "non applicable",
    "invalid": "invalide",
    "incomplete": "à compléter",
}
#: A rule's kind as people read it (the rulebook, the amendment review page).
KINDS: dict[str, str] = {
    "applicability": "champ d'application",
    "eligibility": "éligibilité",
    "warning": "avertissement",
    "formality": "formalité",
}
#: How numbers, dates and money are written (`wording.Conventions`).
CONVENTIONS = dict(decimal_mark=",", thousands=" ", date="%d/%m/%Y", money="{amount} €")
#: The nouns of `diff`'s changes that are feminine: their participle is `diff.kind.<kind>.feminine`.
FEMININE: frozenset[str] = frozenset({"extension", "version", "computed", "rule", "annex_row"})

MESSAGES: dict[str, str] = {
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
}
