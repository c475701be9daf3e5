"""The rulebook (`proa-policy rulebook`): the static site of the accord and its rules.

`render_site(policies, as_of, lang)` returns the static site as
`{relative path: bytes}`, so `proa-policy serve` can mount it under
`/regles/` and the command can write it to a folder (`write_site`). The
amendment review page (`diff --format html`) is a report: `report/diffpage.py`.
"""

from proa_policy.rulebook.site import render_site, write_site

__all__ = ["render_site", "write_site"]
