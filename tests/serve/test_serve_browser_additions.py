"""In the browser: the rulebook served under /regles/, a spreadsheet uploaded on the page, axe on both.

Headless Debian chromium through /usr/bin/chromedriver (selenium), a real `proa-policy serve` on a free
port; in CI these run or fail, elsewhere they skip saying why when Chromium is absent. Screenshots go to
the folder printed at the start (`PROA_POLICY_SCREENSHOTS`, or a new temporary folder).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import browser as chromium
from tests.sheetdata import example_rows, typed_cell, write_xlsx

pytestmark = chromium.MARKS


def workbook(folder: Path) -> tuple[Path, int]:
    headers, rows = example_rows()
    cells = [[typed_cell(r.get(h)) for h in headers] for r in rows]
    path = write_xlsx(folder / "planning.xlsx", headers, cells)
    return path, len(rows)


def test_the_rulebook_is_reached_from_the_navigation_and_its_links_work(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    chromium.click_and_wait(browser, "a[href='/regles/']")
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
    chromium.click_and_wait(browser, "#televerser")
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
        chromium.click_and_wait(browser, "#televerser")
    else:
        name = "annexe.html" if page == "regles-annexe" else "article-4.html"
        browser.get(server.url + "/regles/" + name)
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    violations = chromium.serious_violations(browser)
    (shots / f"axe-{page}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    assert not violations, [(v["id"], v.get("help")) for v in violations]
