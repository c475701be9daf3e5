"""Red team of issue 11 on `proa-policy serve`: hostile bodies, headers, query parameters and paths.

Every answer is a problem document or a decision, never a traceback or a 500; nothing outside the static
folder is served; the access log holds no dossier content and no query string.
"""

from __future__ import annotations

import io
import json
import logging

import pytest
from starlette.testclient import TestClient

from proa_policy.serve.app import create_app

from .conftest import ROOT

GOOD = (ROOT / "examples" / "dossiers" / "eligible-clea.yaml").read_bytes()
YAML = {"content-type": "application/yaml"}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), raise_server_exceptions=False)


@pytest.mark.parametrize("body, headers, status", [
    (b"[" * 100_000 + b"]" * 100_000, {"content-type": "application/json"}, 400),
    (b"[" * 200_000, YAML, 400),
    (GOOD, {"content-type": "application/yaml; charset=latin1"}, 415),
    (GOOD, {"content-type": 'application/yaml; charset="utf-8"; charset=utf-16'}, 415),
    (GOOD, {"content-type": "text/html"}, 415),
    (GOOD, {}, 415),
    (GOOD, {**YAML, "content-length": "-1"}, 400),
    (b"x" * (2 * 1024 * 1024), YAML, 413),
], ids=["deep-json", "deep-yaml", "latin1", "two-charsets", "html", "no-type", "negative-length", "huge"])
def test_hostile_bodies_get_a_problem_not_a_crash(client, body, headers, status):
    response = client.post("/v1/evaluate", content=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in response.text


@pytest.mark.parametrize("query", ["as_of=%00<script>", "as_of=٢٠٢٢-01-10", "as_of=2022-02-30",
                                   "lang=%0d%0aSet-Cookie:x", "lang=fr&lang=xx", "explain=%ff"])
def test_hostile_query_parameters_are_400_and_set_no_header(client, query):
    response = client.post(f"/v1/evaluate?{query}", content=GOOD, headers=YAML)
    assert response.status_code == 400 and "set-cookie" not in response.headers
    assert json.loads(response.text)["type"].endswith("/bad-parameter")


@pytest.mark.parametrize("path", ["/static/..%2f..%2f..%2fapp.py", "/static/%2e%2e/%2e%2e/app.py",
                                  "/static/....//....//app.py", "/static/app.js%00.css",
                                  "/v1/articles/..%2f..%2fetc%2fpasswd", "/regles/../../etc/passwd"])
def test_no_path_reaches_outside_the_static_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "import" not in response.text and "root:" not in response.text


@pytest.mark.parametrize("query", ["q=" + "a" * 60_000, "q=(a%2B)%2B$" + "a" * 50, "q=%00%ff%fe",
                                   "q=%ed%a0%80", "sector=%ed%a0%80<script>"])
def test_hostile_searches_answer_json(client, query):
    response = client.get(f"/v1/certifications?{query}")
    assert response.status_code == 200 and isinstance(response.json(), list)


def test_an_endless_ndjson_line_is_answered_and_the_next_line_judged(client):
    body = b"a" * (3 * 1024 * 1024) + b"\n" + GOOD.replace(b"\n", b" ") + b"\n"
    response = client.post("/v1/evaluate", content=body, headers={"content-type": "application/x-ndjson"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert response.status_code == 200 and len(lines) == 2
    assert lines[0]["errors"][0]["message"] == "ligne trop longue (limite 1048576 octets)"


def test_the_form_page_shows_hostile_values_as_text(client):
    payload = '"><img src=x onerror=alert(1)></textarea><script>alert(2)</script>'
    page = client.post("/", data={"_q": payload, "id": payload, "employer.kind": payload}).text
    assert "<img" not in page and "<script>alert" not in page and "&lt;img src=x onerror" in page


def test_the_access_log_carries_no_dossier_content_and_no_query(client):
    records = io.StringIO()
    handler = logging.StreamHandler(records)
    log = logging.getLogger("proa_policy.serve.access")
    log.addHandler(handler)
    level = log.level
    log.setLevel(logging.INFO)
    try:
        client.post("/v1/evaluate?lang=fr&as_of=2022-01-10", content=GOOD, headers=YAML)
        client.get("/v1/certifications?q=Dupont-Jean-1985")
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    lines = [json.loads(line) for line in records.getvalue().splitlines()]
    assert [r["route"] for r in lines] == ["/v1/evaluate", "/v1/certifications"]
    text = records.getvalue()
    assert "PROA-2022" not in text and "Dupont" not in text and "as_of" not in text and "1985" not in text


def test_the_decision_page_shows_controls_and_bidi_overrides_as_text(client):
    page = client.post("/", data={"id": "X-\u202eELBIGILE\x1b[2J", "employer.kind": "E\x00TT"}).text
    assert not [c for c in page if c in "\u202e\x1b\x00"]
    assert "X-\\u202eELBIGILE\\x1b[2J" in page
