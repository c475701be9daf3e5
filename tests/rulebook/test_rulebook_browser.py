"""The rulebook and the amendment review in a real browser (headless Chromium): screenshots, filters."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from proa_policy import load_policies
from proa_policy.cli import main
from proa_policy.rulebook import render_site, write_site

from .. import browser as chromium
from ..conftest import POLICIES, ROOT

pytestmark = chromium.MARKS


@pytest.fixture(scope="module")
def browser():
    driver = chromium.driver(window="--window-size=1400,1600")
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rulebook")
    write_site(render_site(load_policies()), folder)
    return folder


def test_article_page_screenshot_shows_the_rule_beside_its_quote(browser, site, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get((site / "article-4.html").as_uri() + "#art4.training_floor")
    rule = browser.find_element(By.ID, "art4.training_floor")
    mark = browser.find_element(By.CSS_SELECTOR, 'mark a[href="#art4.training_floor"]')
    assert rule.is_displayed() and mark.is_displayed()
    passage = rule.find_element(By.XPATH, "ancestor::div[@class='passage']")
    text = passage.find_element(By.CSS_SELECTOR, "p.text")
    assert mark.find_element(By.XPATH, "ancestor::div[@class='passage']") == passage
    assert rule.location["x"] > text.location["x"] + text.size["width"] - 1  # in the column beside the text
    top, bottom = passage.location["y"], passage.location["y"] + passage.size["height"]
    assert top <= mark.location["y"] < bottom and top <= rule.location["y"] < bottom
    shot = tmp_path / "article-4.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_annex_filters_work_from_the_file_system(browser, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((site / "annexe.html").as_uri() + "#RNCP34860")
    rows = browser.find_elements(By.CSS_SELECTOR, "#annex-rows tbody tr")
    assert len(rows) == 221
    assert browser.find_element(By.ID, "filters").is_displayed()  # the script ran and showed the form
    Select(browser.find_element(By.NAME, "eligible")).select_by_value("no")
    shown = [r for r in rows if r.is_displayed()]
    assert shown and all(r.get_attribute("data-eligible") == "no" for r in shown)
    assert len(shown) < 221
    Select(browser.find_element(By.NAME, "eligible")).select_by_value("")
    assert sum(r.is_displayed() for r in rows) == 221


def test_diff_page_screenshot(browser, tmp_path):
    from selenium.webdriver.common.by import By

    patch = ROOT / "examples" / "amendments" / "02-contrat-de-mission" / "amendment.patch"
    result = CliRunner().invoke(main, ["diff", str(POLICIES), str(patch), "--format", "html"])
    assert result.exit_code == 1
    page = tmp_path / "diff.html"
    page.write_text(result.output, encoding="utf-8")
    browser.get(page.as_uri())
    inserted = browser.find_elements(By.CSS_SELECTOR, "table.comparatif ins")
    assert inserted and inserted[0].is_displayed()
    # the inline stylesheet applies
    assert inserted[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    shot = tmp_path / "diff.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
