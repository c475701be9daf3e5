"""The cost limits of issue 11 §6, in one place: each bounds what an untrusted input can make the tool spend.

Each limit, when hit, is a located error or an entry in the report (docs/reliability.md, "Limits").
The limits of reading live beside the code that reads: `read/values.MAX_DEPTH` and `MAX_NUMBER_CHARS`,
`inputs.MAX_FILE_BYTES` and `MAX_LINE_BYTES`, the condition language's length and depth
(`expr/parser.py`), the chain of computed values (`expr/ordering.py`).
"""

from __future__ import annotations

#: Dated values of one parameter: each is a period compiled at load time and probed by `diff`.
MAX_DATED_VALUES = 50
#: Periods of a policy set (distinct dates at which a parameter value, a rule or the annex changes).
MAX_PERIODS = 200
#: Values (scalars and collections) of one YAML document: composing a node costs far more than reading a byte.
MAX_YAML_NODES = 20_000
#: Schema errors listed for one dossier; the rest are counted in one last issue.
MAX_ISSUES = 100
#: Field names listed in one "unknown field" message.
MAX_NAMES_LISTED = 10
#: Unknown headers of one sheet given a « did you mean » hint (difflib); the others are said without one.
MAX_HINTS = 20
#: Dossiers `diff` judges with both versions before it stops and says so in its report (about a minute),
#: plus EXPLORATION_PER_DOSSIER for each dossier of the corpus given with `--dossiers`.
EXPLORATION_BUDGET = 100_000
EXPLORATION_PER_DOSSIER = 250
