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

from dataclasses import dataclass, field
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
        "read.half_surrogate": "JSON invalide : `{escape}` est une moitié de paire de substitution UTF-16, pas un "
                               "caractère",
        "read.yaml_values": "plus de {limit} valeurs dans un même document YAML",
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


@dataclass(frozen=True)
class Words:
    """A message not said yet: a key of the catalogue and its values (a value may be `Words` too)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def said(self, lang: str) -> str:
        return say(self.key, lang, **self.values)


def say(key: str, lang: str, /, **values: Any) -> str:
    """The message `key` in `lang` (English when that language lacks it), with `values` filled in."""
    template = MESSAGES.get(lang, {}).get(key) or MESSAGES["en"][key]
    return template.format(**{k: v.said(lang) if isinstance(v, Words) else v for k, v in values.items()})


def reading_error(message: str, lang: str, error: Any = None) -> str:
    """A reading error in `lang`: through the catalogue when `error` has a key (then its French hint, if
    any); an error without a key (a spreadsheet's, already French) is said as it was written."""
    if error is None or not error.key:
        return message
    said = say(error.key, lang, **error.values)
    return f"{said} — {error.hint}" if error.hint else said
