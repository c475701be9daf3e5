"""The reading errors of `documents.py` said in French for dossier reports (`--lang fr`, the default).

`documents.py` words its errors in English, for policy authors and the Python
API alike; people checking a dossier read French. Only the tool's own words
are translated: a detail quoted from the JSON or YAML parser stays as it is.
"""

from __future__ import annotations

import re

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


def reading_error(message: str, lang: str) -> str:
    return in_french(message) if lang == "fr" else message
