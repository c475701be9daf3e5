"""The web page in a real browser (Debian's chromium driven by selenium through /usr/bin/chromedriver).

A real `proa-policy serve` runs on a free port; the tests fill the form for an eligible, an ineligible
and an incomplete dossier, search the annex, upload a dossier, work with JavaScript off, print, and run
axe-core. Screenshots go to the folder printed at the start of the run.

In CI (`CI` set) these tests run or fail: a missing Chromium is an error there. Elsewhere they skip,
saying why, when Chromium or chromedriver is absent.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from .. import browser as chromium
from . import serving
from ..conftest import dossier

ANNEX_EXCLUDED = "RNCP4018"  # a row marked (1): excluded from the extension
pytestmark = chromium.MARKS


def fill(driver: Any, values: dict[str, Any]) -> None:
    """Type the dossier into the form as a person would: choose in lists, type in boxes."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    for name, value in serving.flat(values).items():
        element = driver.find_element(By.ID, "f-" + name.replace(".", "-"))
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":  # the date picker's typing order depends on the locale
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value.replace(".", ","))  # as typed in France: 1766,92


def verdict(driver: Any) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "decision").get_attribute("data-verdict")


def rules(driver: Any, status: str) -> list[tuple[str, str]]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, f"tr.rule[data-status='{status}']")
    return [(row.get_attribute("data-rule"), row.get_attribute("data-article")) for row in rows]


def submit(driver: Any) -> None:
    chromium.click_and_wait(driver, "#evaluer")


def search_for(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "recherche").clear()
    driver.find_element(By.ID, "recherche").send_keys(text)
    chromium.click_and_wait(driver, "#chercher")


def test_an_eligible_dossier_typed_in_the_form_is_eligible(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    fill(browser, dossier())
    submit(browser)
    assert verdict(browser) == "eligible"
    assert "Éligible" in browser.find_element(By.CSS_SELECTOR, "#decision h2").text
    assert not rules(browser, "failed")
    assert "Plafond de prise en charge" in browser.find_element(By.CSS_SELECTOR, ".funding").text
    assert "6\u202f800,00 €" in browser.find_element(By.ID, "decision").text
    browser.save_screenshot(str(shots / "eligible.png"))


def test_an_ineligible_dossier_shows_the_failing_articles_and_thresholds(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    fill(browser, dossier(pro_a__training_hours=140, pro_a__total_hours=800))
    submit(browser)
    assert verdict(browser) == "ineligible"
    failed = rules(browser, "failed")
    assert ("art4.training_floor", "article 4") in failed
    row = browser.find_element(By.CSS_SELECTOR, "tr[data-rule='art4.training_floor']").text
    assert "140" in row and "150 h" in row and "✗" in row
    funding = browser.find_element(By.CSS_SELECTOR, ".funding").text
    assert "s'appliquerait si le dossier était éligible" in funding
    browser.save_screenshot(str(shots / "ineligible.png"))


def test_an_incomplete_dossier_reads_a_completer(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    fill(browser, dossier(pro_a__tutor_designated=False))
    submit(browser)
    assert verdict(browser) == "incomplete"
    assert "À compléter" in browser.find_element(By.CSS_SELECTOR, "#decision h2").text
    row = browser.find_element(By.CSS_SELECTOR, "tr.formality[data-status='failed']").text
    assert "à compléter" in row and "article 5" in row
    browser.save_screenshot(str(shots / "incomplete.png"))


def test_the_certification_picker_searches_the_annex_and_fills_the_code(server, browser, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.get(server.url + "/")
    fill(browser, {"id": "PICK-1"})
    search_for(browser, "préparateur de commandes")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    assert rows and any(r.get_attribute("data-rncp") == "RNCP34860" for r in rows)
    browser.execute_script("document.getElementById('choix-certification').scrollIntoView()")
    browser.save_screenshot(str(shots / "picker.png"))
    chromium.click_and_wait(browser, "button[value='pick:RNCP34860']")
    assert browser.find_element(By.ID, "f-pro_a-certification-rncp").get_attribute("value") == "RNCP34860"
    assert (
        Select(browser.find_element(By.ID, "f-pro_a-certification-kind")).first_selected_option.get_attribute(
            "value"
        )
        == "rncp"
    )
    assert browser.find_element(By.ID, "f-id").get_attribute("value") == "PICK-1"  # nothing typed is lost
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "recherche").send_keys(ANNEX_EXCLUDED, Keys.ENTER)  # Enter searches too
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, serving.START_BOUND_SECONDS).until(chromium.gone(page))
    excluded = browser.find_element(By.CSS_SELECTOR, f"tr[data-rncp='{ANNEX_EXCLUDED}']")
    assert "excluded" in excluded.get_attribute("class") and "exclue de l'extension" in excluded.text


def test_an_uploaded_dossier_fills_the_form(server, browser, shots, tmp_path):
    from selenium.webdriver.common.by import By

    path = serving.ROOT / "examples" / "dossiers" / "ineligible-art4-training-floor.yaml"
    browser.get(server.url + "/")
    browser.find_element(By.ID, "fichier").send_keys(str(path))
    chromium.click_and_wait(browser, "#televerser")
    assert "Formulaire rempli" in browser.find_element(By.ID, "avis").text
    assert browser.find_element(By.ID, "f-pro_a-training_hours").get_attribute("value")
    submit(browser)
    assert verdict(browser) == "ineligible"
    assert any(rule == "art4.training_floor" for rule, _ in rules(browser, "failed"))


def test_the_page_works_with_javascript_off(server, shots):
    from selenium.webdriver.common.by import By

    driver = chromium.driver(javascript=False)
    try:
        driver.get(server.url + "/")
        path = serving.ROOT / "examples" / "dossiers" / "eligible-rncp-ett.yaml"
        driver.find_element(By.ID, "fichier").send_keys(str(path))
        chromium.click_and_wait(driver, "#televerser")
        search_for(driver, "RNCP34860")
        assert driver.find_elements(By.CSS_SELECTOR, "tr[data-rncp='RNCP34860']")
        submit(driver)
        assert verdict(driver) == "eligible"
        driver.save_screenshot(str(shots / "no-javascript.png"))
    finally:
        driver.quit()


def test_the_decision_prints_as_an_a4_page_without_the_form(server, browser, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.print_page_options import PrintOptions

    browser.get(server.url + "/")
    fill(browser, dossier(pro_a__training_hours=140, pro_a__total_hours=800))
    submit(browser)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.ID, "dossier").is_displayed()
        assert browser.find_element(By.ID, "decision").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = base64.b64decode(browser.print_page(options))
    assert pdf.startswith(b"%PDF")
    (shots / "decision-a4.pdf").write_bytes(pdf)


@pytest.mark.parametrize("page", ["form", "decision", "picker", "docs"])
def test_axe_finds_no_serious_accessibility_violation(server, browser, shots, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + ("/docs" if page == "docs" else "/"))
    if page == "decision":
        fill(browser, dossier(pro_a__training_hours=140, pro_a__total_hours=800, employee__contract="other"))
        submit(browser)
    if page == "picker":
        search_for(browser, "transport")
        browser.find_element(By.ID, "recherche").send_keys(" logistique")  # the script's suggestions too
        WebDriverWait(browser, serving.START_BOUND_SECONDS).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions li")
        )
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})  # the page allows no outside script
    violations = chromium.serious_violations(browser)
    (shots / f"axe-{page}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    assert not violations, [(v["id"], v.get("help")) for v in violations]


def test_every_field_can_be_reached_with_the_keyboard(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url + "/")
    wanted = {
        e.get_attribute("id")
        for e in browser.find_elements(By.CSS_SELECTOR, "#dossier select, #dossier input")
    }
    reached = set()
    for _ in range(4 * len(wanted) + 40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.add(browser.switch_to.active_element.get_attribute("id"))
        if wanted <= reached:
            break
    assert wanted <= reached, sorted(wanted - reached)


def test_with_javascript_the_picker_suggests_as_one_types(server, browser, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/")
    browser.find_element(By.ID, "recherche").send_keys("préparateur")
    pick = "#suggestions button[aria-label='Choisir RNCP34860']"
    WebDriverWait(browser, serving.START_BOUND_SECONDS).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, pick)
    )
    browser.save_screenshot(str(shots / "picker-suggestions.png"))
    browser.find_element(By.CSS_SELECTOR, pick).click()
    assert browser.find_element(By.ID, "f-pro_a-certification-rncp").get_attribute("value") == "RNCP34860"
    assert browser.find_element(By.ID, "f-pro_a-certification-kind").get_attribute("value") == "rncp"
