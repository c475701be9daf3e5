"""Render the rulebook: a static site, {relative path: bytes}, with no reference outside itself.

Templates are Jinja2, escaped as every page is (`report/pages.py`: autoescape,
`finalize=escape.html`); the stylesheet is the one the amendment review page
inlines (`report/templates/style.css`). The output depends only on the policy
set, `as_of` and `lang` — no clock, no environment — so the same input gives
the same bytes; its files get an ordinary file's mode (0666 less the umask).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from proa_policy.engine.policyset import PolicySet
from proa_policy.report.pages import STYLESHEET, environment
from proa_policy.report.sinks import ordinary_mode
from proa_policy.rulebook.context import Builder, page_of
from proa_policy.wording import accord_notice, section

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = {"style.css": STYLESHEET, "rulebook.js": TEMPLATES / "rulebook.js"}


def render_site(policies: PolicySet, as_of: dt.date | None = None, lang: str = "fr",
                home: tuple[str, str] | None = None) -> dict[str, bytes]:
    """Every file of the site: `index.html`, a page per article, `annexe.html`, `couverture.html`, assets.

    `home` (href, label) adds a first link to the navigation: the served site's way back to the page
    (`proa-policy serve`); the written site has none, so it refers to nothing outside itself.
    """
    builder = Builder(policies, as_of, lang)
    env = environment(TEMPLATES)
    toc = [{"page": page_of(a.article), "short": a.article} for a in policies.document.articles]
    common = {"w": section("rulebook.page.", lang), "notice": accord_notice(lang, "rulebook.legal_french"),
              "lang": lang, "toc": toc, "as_of": as_of.isoformat() if as_of else "", "home": home}
    pages: dict[str, str] = {"index.html": env.get_template("index.html").render(
        **common, current="index.html", **builder.index())}
    pages["couverture.html"] = env.get_template("coverage.html").render(
        **common, current="couverture.html", coverage=builder.coverage_rows(),
        verdicts=builder.verdict_counts())
    for article in policies.document.articles:
        context = builder.article(article)
        if article.kind == "annex":
            context["annex"] = builder.annex()
        template = "annex.html" if article.kind == "annex" else "article.html"
        page = context["page"]
        pages[page] = env.get_template(template).render(**common, current=page, **context)
    out = {name: text.encode("utf-8") for name, text in pages.items()}
    for name, path in STATIC.items():
        out[name] = path.read_bytes()
    return dict(sorted(out.items()))


def write_site(files: dict[str, bytes], output: str | os.PathLike[str]) -> list[Path]:
    """Write the site into `output` (created if needed); each file replaced atomically, nothing else."""
    root = Path(output)
    root.mkdir(parents=True, exist_ok=True)
    written, mode = [], ordinary_mode()
    for name, data in files.items():
        target = root / name
        if target.parent != root:  # the site is flat: a name with a separator is a bug, not a path
            raise ValueError(f"unexpected file name `{name}`")
        handle, temporary = tempfile.mkstemp(dir=root, prefix=f".{name}.", suffix=".tmp")
        try:
            os.chmod(temporary, mode)  # as an ordinary file, not mkstemp's 0600
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(target)
    return written
