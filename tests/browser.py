"""What every real-browser test shares: Debian's chromium through /usr/bin/chromedriver (selenium), started
headless with the flags this machine needs, a fresh profile each time; the skip rule (in CI the tests run
or fail, elsewhere they skip saying why); the screenshot folder; waiting for a new page; axe-core."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,2000", "--lang=fr-FR")
#: How long a page may take to appear (a bound, not a timing: the wait returns as soon as it is there).
PAGE_BOUND_SECONDS = 30


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            return f"{path} is absent (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401  (only whether it is there)
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


MISSING = _missing()
if MISSING and os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
    raise RuntimeError(f"browser tests must run in CI: {MISSING}")
#: The marks of a browser test module: slow, and skipped (outside CI only) when Chromium is absent.
MARKS = [pytest.mark.slow, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]


def driver(javascript: bool = True, window: str | None = None) -> Any:
    """A new headless Chromium with its own fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag if window is None or not flag.startswith("--window-size") else window)
    options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="proa-policy-chromium-"))
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def screenshots(request: Any) -> Path:
    """The folder for screenshots (`PROA_POLICY_SCREENSHOTS`, or a new one), printed so a person finds it."""
    folder = Path(os.environ.get("PROA_POLICY_SCREENSHOTS") or tempfile.mkdtemp(prefix="proa-policy-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    with request.config.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
        print(f"\nscreenshots of the browser tests: {folder}")
    return folder


def gone(element: Any) -> Any:
    """A wait condition: `element`'s page has been replaced. Chromium reports a node of a replaced document
    either as stale or as "Node with given id does not belong to the document" (an unknown error): both mean
    the old page is gone, whereas selenium's `staleness_of` only knows the first and fails on the second."""
    from selenium.common.exceptions import WebDriverException

    def check(_driver: Any) -> bool:
        try:
            element.is_enabled()
        except WebDriverException:
            return True
        return False
    return check


def click_and_wait(browser: Any, css: str) -> None:
    """Click what loads a new page, then wait for it (bounded; returns as soon as it is there)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(browser, PAGE_BOUND_SECONDS).until(gone(page))
    WebDriverWait(browser, PAGE_BOUND_SECONDS).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def serious_violations(browser: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page shown (WCAG 2.1 A/AA and best practice)."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(JSON.stringify(r.violations)),"
        " e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
    return [v for v in json.loads(result) if v.get("impact") in ("serious", "critical")]
