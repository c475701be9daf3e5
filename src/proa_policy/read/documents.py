"""Text → Python values, for dossiers and policy files alike.

One strict reading of JSON and YAML, so that a value means the same thing
whichever syntax wrote it:

* numbers are exact: floats become `Decimal` *as written* (`1000.1` stays 1000.1);
  NaN and infinities are refused, and so is a number of more than MAX_NUMBER_CHARS
  characters or digits once written out (`1e400`);
* dates stay strings (`2022-01-10` unquoted in YAML is the string "2022-01-10"),
  so one JSON Schema `format: date` judges both syntaxes;
* YAML is read with a JSON-like core schema: `true`/`false` only (not `yes`,
  `no`, `on`), decimal integers only (not `017`, `0o17`, `0x1F`, `1_000`), no
  aliases, no tags beyond the standard ones;
* duplicate keys are an error, never "last one wins";
* nesting is limited to MAX_DEPTH, and YAML is composed without recursion.

Mappings come back as `MarkedDict`, which remembers the line and column of
each key and value, so later layers can say `file:line`. The readers are
`jsontext.load_json` and `yamltext.load_yaml`; what they share (exact numbers,
the limits, the marked containers) is `values`; this module picks one by name.
"""

from __future__ import annotations

from typing import Any

from proa_policy.read.jsontext import load_json
from proa_policy.read.yamltext import load_yaml


def looks_like_json(name: str, text: str) -> bool:
    """JSON by extension, or by a first non-blank character of `{` or `[` when the name says nothing."""
    lowered = name.lower()
    if lowered.endswith((".json", ".jsonl", ".ndjson")):
        return True
    if lowered.endswith((".yaml", ".yml")):
        return False
    return text.lstrip()[:1] in ("{", "[")


def load_text(name: str, text: str) -> Any:
    return load_json(text) if looks_like_json(name, text) else load_yaml(text)
