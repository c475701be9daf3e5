"""Red team of issue 11 on policy sets after the merges: names the schema's patterns let through.

The policy schema's patterns are written `^…$`. JSON Schema means ECMA-262 regular expressions, where `$`
is the end of the text; Python's `re.search`, which the validator uses, also lets `$` match before a final
newline. So `"art4.duration_min\\n"` is a valid rule id, distinct from `art4.duration_min` but shown the
same in every report, the rulebook and `diff`: a rule can hide behind another's name.
"""

from __future__ import annotations

import pytest

from proa_policy import load_policies
from proa_policy.errors import PolicyError

from .conftest import edited_set

TRAILING_NEWLINE = pytest.mark.xfail(strict=True, reason="schemas/policy.schema.json and the policy loader "
                                     "(team p1 or the coordinator): `^...$` patterns accept a final newline "
                                     "under Python's re; match names with re.fullmatch (or end them with "
                                     "`(?!\\n)$`)")


@TRAILING_NEWLINE
@pytest.mark.parametrize("file, old, new", [
    ("article-04.yaml", "  - id: art4.duration_min\n", '  - id: "art4.duration_min\\n"\n'),
    ("article-04.yaml", 'article: "4"', 'article: "4\\n"'),
], ids=["rule-id", "article-label"])
def test_a_name_ending_in_a_newline_is_refused(tmp_path, file, old, new):
    target = edited_set(tmp_path, file, old, new)
    with pytest.raises(PolicyError):
        load_policies(target)
