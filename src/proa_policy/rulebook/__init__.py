"""The rulebook (`proa-policy rulebook`) and the amendment review (`proa-policy diff --format html`).

`render_site(policies, as_of, lang)` returns the static site as
`{relative path: bytes}`, so `proa-policy serve` can mount it under
`/regles/` and the command can write it to a folder (`write_site`).
"""

from proa_policy.rulebook.site import render_site, write_site

__all__ = ["render_site", "write_site"]
