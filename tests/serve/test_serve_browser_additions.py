"""In the browser: the rulebook served under /regles/, a spreadsheet uploaded on the page, axe on both.

Headless Debian chromium through /usr/bin/chromedriver (selenium), a real `proa-policy serve` on a free
port; in CI these run or fail, elsewhere they skip saying why when Chromium is absent. Screenshots go to
the folder printed at the start (`PROA_POLICY_SCREENSHOTS`, or a new temporary folder).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve import serving
from tests.sheets.sheetdata import example_rows, typed_cell, write_xlsx

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,2000", "--lang=fr-FR")


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            return f"{path} is absent (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401  (only whether it is there)
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


_MISSING = _missing()
if _MISSING and os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
    raise RuntimeError(f"browser tests must run in CI: {_MISSING}")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")]


@pytest.fixture(scope="module")
def shots(request) -> Path:
    chosen = os.environ.get("PROA_POLICY_SCREENSHOTS")
    folder = Path(chosen or tempfile.mkdtemp(prefix="proa-policy-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    with request.config.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
        print(f"\nscreenshots of the browser tests: {folder}")
    return folder


@pytest.fixture(scope="module")
def server() -> Iterator[serving.Server]:
    with serving.running() as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="proa-policy-chromium-"))
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def click_and_wait(driver: Any, css: str) -> None:
    """Click what loads a new page, then wait for it (bounded; returns as soon as it is there)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(driver, serving.START_BOUND_SECONDS).until(serving.gone(page))
    WebDriverWait(driver, serving.START_BOUND_SECONDS).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def _axe(driver: Any) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(JSON.stringify(r.violations)),"
        " e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
    return [v for v in json.loads(result) if v.get("impact") in ("serious", "critical")]


def workbook(folder: Path) -> tuple[Path, int]:
    headers, rows = example_rows()
    cells = [[typed_cell(r.get(h)) for h in headers] for r in rows]
    path = write_xlsx(folder / "planning.xlsx", headers, cells)
    return path, len(rows)


def test_the_rulebook_is_reached_from_the_navigation_and_its_links_work(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    click_and_wait(browser, "a[href='/regles/']")
    assert browser.current_url == server.url + "/regles/"
    assert browser.execute_script("return getComputedStyle(document.body).fontFamily")  # the CSS loaded
    browser.find_element(By.CSS_SELECTOR, "a[href='article-4.html']").click()
    rule = browser.find_element(By.ID, "art4.training_floor")
    assert "art4.training_floor" in rule.text
    assert browser.current_url == server.url + "/regles/article-4.html"
    browser.save_screenshot(str(shots / "regles-article-4.png"))


def test_an_uploaded_workbook_shows_one_decision_per_row(server, browser, shots, tmp_path):
    from selenium.webdriver.common.by import By

    path, count = workbook(tmp_path)
    browser.get(server.url + "/")
    browser.find_element(By.ID, "fichier").send_keys(str(path))
    click_and_wait(browser, "#televerser")
    shown = browser.find_elements(By.CSS_SELECTOR, "table.sheet-rows tbody tr")
    assert len(shown) == count
    verdicts = {row.get_attribute("data-verdict") for row in shown}
    assert {"eligible", "ineligible"} <= verdicts
    browser.save_screenshot(str(shots / "tableur.png"))


@pytest.mark.parametrize("page", ["regles", "regles-annexe", "tableur"])
def test_axe_finds_no_serious_violation_on_the_new_pages(server, browser, shots, page, tmp_path):
    from selenium.webdriver.common.by import By

    if page == "tableur":
        path, _ = workbook(tmp_path)
        browser.get(server.url + "/")
        browser.find_element(By.ID, "fichier").send_keys(str(path))
        click_and_wait(browser, "#televerser")
    else:
        name = "annexe.html" if page == "regles-annexe" else "article-4.html"
        browser.get(server.url + "/regles/" + name)
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    violations = _axe(browser)
    (shots / f"axe-{page}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    assert not violations, [(v["id"], v.get("help")) for v in violations]
