"""The French page through the test client: a form generated from the dossier schema, plain POSTs.

(The same page in a real browser: tests/serve/test_serve_browser.py.)
"""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

pytest.importorskip("starlette")
from jsonschema import Draft202012Validator
from starlette.testclient import TestClient

from proa_policy.dossier.fastschema import compile_schema
from proa_policy.resources import load_schema
from proa_policy.serve import Settings, create_app
from proa_policy.serve import form as forms

from ..conftest import ROOT, dossier
from .serving import flat

SCHEMA = load_schema("dossier.schema.json")
ARTICLE = re.compile(r"article|annexe|préambule", re.IGNORECASE)


@pytest.fixture(scope="module")
def client(policies):
    return TestClient(create_app(policies))


def leaves(node, path=()):
    for key, sub in node.get("properties", {}).items():
        if sub.get("type") == "object":
            yield from leaves(sub, (*path, key))
        else:
            yield ".".join((*path, key)), sub


def post(client, values, action="evaluate"):
    return client.post("/", data={**flat(values), "action": action})


def test_every_field_has_a_french_title_and_help_naming_its_article():
    for name, node in leaves(SCHEMA):
        assert node.get("title"), name
        assert ARTICLE.search(node.get("description", "")), name


def test_every_enumerated_value_has_a_french_title():
    for name, node in leaves(SCHEMA):
        if "enum" in node:
            titles = node.get("x-enum-titles", {})
            assert set(titles) == set(node["enum"]), name
            assert all(title and title != value for value, title in titles.items()), name


def test_the_validators_ignore_the_titles_annotation():
    Draft202012Validator.check_schema(SCHEMA)
    assert compile_schema(SCHEMA) is not None  # the fast validator still compiles the schema


def test_the_page_shows_every_field_of_the_schema_labelled(client):
    page = client.get("/").text
    for name, node in leaves(SCHEMA):
        dom_id = "f-" + name.replace(".", "-")
        assert f'<label for="{dom_id}">{node["title"]}'.replace("'", "&#39;") in page, name
        for title in node.get("x-enum-titles", {}).values():
            assert title.replace("'", "&#39;") in page
    assert "upper_secondary_completed</" not in page


def test_a_field_added_to_the_schema_appears_in_the_form_without_html():
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["pro_a"]["properties"]["site"] = {
        "title": "Site de formation",
        "type": "string",
        "description": "Lieu (article 5).",
    }
    names = [f.name for f in forms.build(schema).leaves()]
    assert "pro_a.site" in names


def test_the_form_posts_a_dossier_to_the_same_evaluator(client, policies):
    page = post(client, dossier()).text
    assert 'data-verdict="eligible"' in page
    page = post(client, dossier(pro_a__training_hours=140, pro_a__total_hours=800)).text
    assert 'data-verdict="ineligible"' in page
    assert 'data-rule="art4.training_floor" data-status="failed"' in page
    assert "s'appliquerait si le dossier était éligible" in page


def test_french_numbers_are_read_exactly(client):
    values = flat(dossier())
    values["pro_a.remuneration.guaranteed_minimum_monthly"] = "1 766,92"
    built = forms.to_dossier(forms.build(SCHEMA), values)
    assert str(built["pro_a"]["remuneration"]["guaranteed_minimum_monthly"]) == "1766.92"


def test_a_form_missing_fields_names_them_next_to_the_field(client):
    page = post(client, {"id": "X-1"}).text
    assert 'data-verdict="invalid"' in page
    assert 'id="f-employer-kind-erreur"' in page and "champ obligatoire absent" in page


def test_the_dossier_downloads_as_yaml_and_json(client):
    values = dossier()
    as_yaml = post(client, values, "download-yaml")
    assert as_yaml.headers["content-disposition"] == 'attachment; filename="2024-ETT-0042.yaml"'
    as_json = post(client, values, "download-json")
    assert yaml.safe_load(as_yaml.text) == json.loads(as_json.text)
    assert json.loads(as_json.text)["pro_a"]["remuneration"]["guaranteed_minimum_monthly"] == 1766.92


def test_an_uploaded_file_fills_the_form(client):
    path = ROOT / "examples" / "dossiers" / "eligible-rncp-ett.yaml"
    page = client.post(
        "/televerser", files={"dossier": (path.name, path.read_bytes(), "application/yaml")}
    ).text
    assert "Formulaire rempli" in page
    assert 'value="PROA-2022-LYO-0147"' in page


def test_an_unreadable_upload_is_said_with_its_line(client):
    page = client.post("/televerser", files={"dossier": ("x.yaml", b"a: [1\n", "application/yaml")})
    assert page.status_code == 400 and "Fichier illisible" in page.text and "ligne" in page.text


def test_what_is_typed_is_escaped(client):
    page = post(client, dossier(id="<script>alert(1)</script>")).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_search_keeps_what_was_typed_and_marks_excluded_rows(client):
    page = client.post("/", data={"id": "KEEP-1", "_q": "RNCP4018", "action": "search"}).text
    assert 'value="KEEP-1"' in page
    assert 'class="excluded" data-rncp="RNCP4018"' in page and "exclue de l&#39;extension" in page


def test_the_form_and_the_upload_have_the_body_cap(policies):
    small = TestClient(create_app(policies, Settings(max_body_bytes=200)))
    assert post(small, dossier()).status_code == 413
    big = b"id: x\n" * 100
    assert (
        small.post("/televerser", files={"dossier": ("d.yaml", big, "application/yaml")}).status_code == 413
    )


def test_pages_load_nothing_from_elsewhere(client):
    for path in ("/", "/docs"):
        page = client.get(path).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), path
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/print.css").text.count("@page") == 1


@pytest.mark.parametrize("typed", ["1e999999", "NaN", "Infinity", "12 abc"])
def test_a_number_beyond_the_readers_limits_stays_text_and_the_schema_says_so(client, typed):
    values = flat(dossier())
    values["pro_a.training_hours"] = typed
    assert forms.to_dossier(forms.build(SCHEMA), values)["pro_a"]["training_hours"] == typed
    download = client.post("/", data={**values, "action": "download-json"})
    assert len(download.content) < 10_000
    page = client.post("/", data={**values, "action": "evaluate"}).text
    assert 'data-verdict="invalid"' in page and 'id="f-pro_a-training_hours-erreur"' in page


def test_every_verdict_of_the_decision_schema_has_french_words():
    from proa_policy.engine.decision import VERDICTS as ENGINE_VERDICTS
    from proa_policy.serve.present import VERDICTS

    shipped = load_schema("decision.schema.json")["properties"]["verdict"]["enum"]
    assert set(shipped) | set(ENGINE_VERDICTS) <= set(VERDICTS)
    assert VERDICTS["incomplete"][0] == "À compléter"


def test_each_listed_error_links_to_its_field_or_group(client):
    values = dossier(pro_a__remuneration=...)  # remuneration is required when training is in working time
    page = post(client, values).text
    summary = page[page.index('id="erreurs"') :]
    summary = summary[: summary.index("</div>")]
    for anchor in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{anchor}"' in page, anchor
    assert 'href="#g-pro_a-remuneration"' in summary or 'href="#g-pro_a"' in summary
