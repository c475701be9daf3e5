"""The tool's words, one catalogue per language, and the reading errors said in French.

`say(key, lang, **values)` is how a command words a message: `MESSAGES[lang][key]`
formatted with `values`, English when a language lacks the key. Legal text and
quotes are never here: they stay French, in the policy files.

`documents.py` words its reading errors in English, for policy authors and the
Python API alike; people checking a dossier read French (`reading_error`). Only
the tool's own words are translated: a detail quoted from the JSON or YAML
parser stays as it is. (These are still matched by pattern: turning each
reading error into a key of the catalogue is the next step.)
"""

from __future__ import annotations

import re
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "no_dossier": "aucun dossier trouvé",
        "annex.eligible": "éligible",
        "annex.not_in_force": "ligne non en vigueur le {day}",
        "annex.accord_not_in_force": "l'accord n'est pas en vigueur le {day} (il s'applique à compter du {entry})",
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
    },
}
LANGUAGES = tuple(MESSAGES)


def say(key: str, lang: str, **values: Any) -> str:
    """The message `key` in `lang` (English when that language lacks it), with `values` filled in."""
    template = MESSAGES.get(lang, {}).get(key) or MESSAGES["en"][key]
    return template.format(**values)

_FRENCH: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(a), b) for a, b in (
    (r"invalid JSON: ", "JSON invalide : "),
    (r"invalid JSON\b", "JSON invalide"),
    (r"invalid YAML: ", "YAML invalide : "),
    (r"invalid YAML\b", "YAML invalide"),
    (r"duplicate key ", "clé en double "),
    (r"nesting deeper than (\d+) levels", r"imbrication de plus de \1 niveaux"),
    (r"nesting deeper", "imbrication de plus de"),
    (r"not a finite number: ", "nombre non fini : "),
    (r"number longer than (\d+) characters", r"nombre de plus de \1 caractères"),
    (r"number out of range", "nombre hors limites"),
    (r" has more than (\d+) digits written out", r" a plus de \1 chiffres une fois écrit"),
    (r"not a number: ", "pas un nombre : "),
    (r"not a decimal integer: ", "pas un entier décimal : "),
    (r"keys must be strings, not ", "les clés doivent être du texte, pas "),
    (r"YAML aliases \(`\*name`\) are not accepted", "les alias YAML (`*nom`) ne sont pas acceptés"),
    (r"YAML merge keys \(`<<`\) are not accepted", "les clés de fusion YAML (`<<`) ne sont pas acceptées"),
    (r"YAML tag `", "l'étiquette YAML `"),
    (r"` is not accepted", "` n'est pas acceptée"),
    (r"empty document", "document vide"),
    (r"expected a single document", "un seul document attendu"),
    (r"not Unicode text: lone surrogate", "texte non Unicode : demi-paire de substitution isolée"),
    (r"is half of a UTF-16 surrogate pair, not a character", "est une moitié de paire de substitution UTF-16, pas un caractère"),
    (r"is half of a UTF-16 surrogate pair", "est une moitié de paire de substitution UTF-16"),
    (r"unacceptable character", "caractère non admis"),
    (r"more than (\d+) values in one YAML document", r"plus de \1 valeurs dans un même document YAML"),
))


def in_french(message: str) -> str:
    for pattern, replacement in _FRENCH:
        message = pattern.sub(replacement, message)
    return message


def reading_error(message: str, lang: str, error: Any = None) -> str:
    """A reading error in `lang`: through the catalogue when `error` has a key, else French by pattern."""
    if error is not None and error.key:
        return say(error.key, lang, **error.values)
    return in_french(message) if lang == "fr" else message
