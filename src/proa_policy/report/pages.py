"""HTML pages from Jinja2 templates, escaped as every other report is, and the stylesheet they share.

Templates have autoescape on (every value of a policy set is escaped as HTML
text or attribute) and `finalize=escape.html` (controls, bidi overrides and
noncharacters shown as `\\u202e`…, never raw). One environment per folder of
templates: this package's (`diff --format html`, the amendment review page)
and the rulebook's (`rulebook/site.py`), which links the same `style.css`
that the review page inlines. Only page renderers import this module (never
`evaluate`: `formats.py` imports the review page when a diff is rendered).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from proa_policy.report import escape

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = TEMPLATES / "style.css"


@lru_cache(maxsize=None)
def environment(folder: Path = TEMPLATES) -> jinja2.Environment:
    """The environment of the templates in `folder`."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                              finalize=escape.html, undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True)
