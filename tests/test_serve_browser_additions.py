"""In the browser: the rulebook served under /regles/, a spreadsheet uploaded on the page, axe on both.

Same server, browser and screenshot folder as `test_serve_browser.py` (its fixtures and helpers are reused;
they skip with a reason outside CI when Chromium is absent, and fail in CI).
"""

from __future__ import annotations

import json

import pytest

from tests.sheetdata import example_rows, typed_cell, write_xlsx
from tests.test_serve_browser import (  # noqa: F401  (fixtures)
    _MISSING,
    _axe,
    browser,
    click_and_wait,
    server,
    shots,
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")]


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

    headers, rows = example_rows()
    path = write_xlsx(tmp_path / "planning.xlsx", headers, [[typed_cell(r.get(h)) for h in headers] for r in rows])
    browser.get(server.url + "/")
    browser.find_element(By.ID, "fichier").send_keys(str(path))
    click_and_wait(browser, "#televerser")
    shown = browser.find_elements(By.CSS_SELECTOR, "table.sheet-rows tbody tr")
    assert len(shown) == len(rows)
    verdicts = {row.get_attribute("data-verdict") for row in shown}
    assert {"eligible", "ineligible"} <= verdicts
    browser.save_screenshot(str(shots / "tableur.png"))


@pytest.mark.parametrize("page", ["regles", "regles-annexe", "tableur"])
def test_axe_finds_no_serious_violation_on_the_new_pages(server, browser, shots, page, tmp_path):
    from selenium.webdriver.common.by import By

    if page == "tableur":
        headers, rows = example_rows()
        path = write_xlsx(tmp_path / "p.xlsx", headers, [[typed_cell(r.get(h)) for h in headers] for r in rows])
        browser.get(server.url + "/")
        browser.find_element(By.ID, "fichier").send_keys(str(path))
        click_and_wait(browser, "#televerser")
    else:
        browser.get(server.url + ("/regles/annexe.html" if page == "regles-annexe" else "/regles/article-4.html"))
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    violations = _axe(browser)
    (shots / f"axe-{page}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    assert not violations, [(v["id"], v.get("help")) for v in violations]
