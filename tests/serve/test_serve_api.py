"""The HTTP API (issue 13, binding part) through Starlette's test client: every route, every status code.

A response to `POST /v1/evaluate` is one element of `evaluate --format json`, but for its `source`.
"""

from __future__ import annotations

import json
import logging

import pytest
import yaml
from click.testing import CliRunner

pytest.importorskip("starlette")
from starlette.routing import Route
from starlette.testclient import TestClient

from proa_policy.cli import main
from proa_policy.report.jsonout import dumps
from proa_policy.serve import Settings, create_app
from proa_policy.serve.extensions import Extension

from ..conftest import ROOT, dossier

JSON = {"content-type": "application/json"}
YAML = {"content-type": "application/yaml"}
NDJSON = {"content-type": "application/x-ndjson"}
EXAMPLES = ROOT / "examples" / "dossiers"


def as_json(value) -> bytes:
    return dumps(value).encode()


@pytest.fixture(scope="module")
def client(policies):
    return TestClient(create_app(policies))


def cli_json(path) -> dict:
    result = CliRunner().invoke(main, ["evaluate", "--format", "json", str(path)])
    return json.loads(result.output)[0]


def without_source(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "source"}


def test_healthz_answers_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize(
    "name",
    [
        "eligible-rncp-ett.yaml",
        "eligible-clea-numerique.json",
        "ineligible-several-violations.yaml",
        "invalid-date.yaml",
        "not-applicable-art7-territory.yaml",
    ],
)
def test_evaluate_answers_what_the_command_line_prints(client, name):
    path = EXAMPLES / name
    headers = JSON if name.endswith(".json") else YAML
    response = client.post("/v1/evaluate", content=path.read_bytes(), headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert without_source(response.json()) == without_source(cli_json(path))
    assert response.json()["source"].startswith("request")


def test_a_dossier_that_reads_but_does_not_conform_is_invalid_with_located_errors(client):
    body = b"id: X-1\nemployer:\n  kind: ETT\n  territory: mars\n"
    response = client.post("/v1/evaluate", content=body, headers=YAML)
    assert response.status_code == 200
    record = response.json()
    assert record["verdict"] == "invalid"
    territory = next(e for e in record["errors"] if e["pointer"] == "/employer/territory")
    assert (territory["line"], territory["column"]) == (4, 14)


@pytest.mark.parametrize(
    "body, headers",
    [(b'{"id": ', JSON), (b"a: [1\n", YAML), (b"\xff\xfe{}", JSON), (b"", JSON), (b'{"a": 1, "a": 2}', JSON)],
)
def test_an_unreadable_body_is_a_400_problem_with_the_same_errors(client, body, headers):
    response = client.post("/v1/evaluate", content=body, headers=headers)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert {"type", "title", "status", "detail", "errors"} <= set(problem)
    assert problem["status"] == 400 and problem["errors"][0]["pointer"] == ""
    assert problem["detail"] == problem["errors"][0]["message"]
    assert "Traceback" not in response.text


def test_the_400_carries_the_line_and_column_the_command_line_gives(client, tmp_path):
    text = b'{\n  "id": "x",\n  "employer": {,}\n}\n'
    (tmp_path / "bad.json").write_bytes(text)
    problem = client.post("/v1/evaluate", content=text, headers=JSON).json()
    cli_errors = cli_json(tmp_path / "bad.json")["errors"]
    assert problem["errors"] == cli_errors
    assert problem["errors"][0]["line"] == 3


def test_a_body_over_the_cap_is_413(policies):
    small = TestClient(create_app(policies, Settings(max_body_bytes=100)))
    response = small.post("/v1/evaluate", content=as_json(dossier()), headers=JSON)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_a_body_over_the_cap_without_content_length_is_413(policies):
    small = TestClient(create_app(policies, Settings(max_body_bytes=100)))

    def chunks():
        yield b"{" + b" " * 80
        yield b" " * 80 + b"}"

    assert small.post("/v1/evaluate", content=chunks(), headers=JSON).status_code == 413


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "text/plain"},
        {},
        {"content-type": "application/xml"},
        {"content-type": "application/json; charset=latin-1"},
        {"content-type": "application/x-ndjson; charset=latin-1"},
    ],
)
def test_another_media_type_is_415(client, headers):
    response = client.post("/v1/evaluate", content=b"{}", headers=headers)
    assert response.status_code == 415
    assert response.json()["status"] == 415


def test_charset_utf8_is_accepted(client):
    response = client.post(
        "/v1/evaluate",
        content=as_json(dossier()),
        headers={"content-type": "application/json; charset=UTF-8"},
    )
    assert response.json()["verdict"] == "eligible"


def test_explain_as_of_and_lang_are_the_command_line_options(client):
    body = as_json(dossier(pro_a__training_hours=140, pro_a__total_hours=800))
    plain = client.post("/v1/evaluate", content=body, headers=JSON).json()
    assert "trace" not in plain
    explained = client.post("/v1/evaluate?explain=true", content=body, headers=JSON).json()
    assert explained["trace"] and explained["verdict"] == plain["verdict"]
    dated = client.post("/v1/evaluate?as_of=2023-03-01", content=body, headers=JSON).json()
    assert dated["evaluation_date"] == "2023-03-01"
    english = client.post("/v1/evaluate?lang=en", content=body, headers=JSON).json()
    assert english["violations"][0]["message"] != plain["violations"][0]["message"]


@pytest.mark.parametrize("query", ["explain=maybe", "as_of=2023-02-30", "as_of=yesterday", "lang=de"])
def test_a_bad_query_value_is_400(client, query):
    response = client.post(f"/v1/evaluate?{query}", content=as_json(dossier()), headers=JSON)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert query.split("=")[0] in response.json()["detail"]


def test_ndjson_gives_one_decision_per_line_in_order(client):
    lines = [as_json(dossier(id=f"D-{i}")) for i in range(5)]
    lines.insert(2, b"{not json")
    lines.insert(4, b"")
    response = client.post("/v1/evaluate", content=b"\n".join(lines) + b"\n", headers=NDJSON)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in records] == ["D-0", "D-1", None, "D-2", "D-3", "D-4"]
    assert records[2]["verdict"] == "invalid" and records[2]["source"] == "request:3"
    assert records[4]["source"] == "request:6"  # the blank line 5 keeps its number


def test_ndjson_over_the_stream_cap_is_413(policies):
    small = TestClient(create_app(policies, Settings(max_stream_bytes=50)))
    response = small.post("/v1/evaluate", content=as_json(dossier()) + b"\n", headers=NDJSON)
    assert response.status_code == 413


def test_validate_says_valid_or_lists_located_errors(client):
    ok = client.post("/v1/validate", content=as_json(dossier()), headers=JSON)
    assert ok.status_code == 200 and ok.json() == {"source": "request.json", "valid": True, "errors": []}
    bad = client.post("/v1/validate", content=b"id: ''\n", headers=YAML).json()
    assert not bad["valid"]
    assert any(e["pointer"] == "/id" and e["line"] == 1 for e in bad["errors"])
    assert client.post("/v1/validate", content=b"[", headers=JSON).status_code == 400
    assert client.post("/v1/validate", content=b"{}", headers={"content-type": "text/csv"}).status_code == 415


def test_certifications_are_the_rows_of_the_command(client):
    rows = client.get("/v1/certifications", params={"q": "RNCP34860"}).json()
    cli = json.loads(CliRunner().invoke(main, ["certifications", "RNCP34860", "--format", "json"]).output)
    assert rows == cli and rows[0]["rncp"] == "RNCP34860"
    excluded = [r for r in client.get("/v1/certifications").json() if not r["eligible"]]
    assert excluded and all(r["reason"] for r in excluded)
    assert client.get("/v1/certifications", params={"as_of": "31/12/2022"}).status_code == 400


def test_an_article_has_its_text_rules_parameters_and_extension(client):
    article = client.get("/v1/articles/4").json()
    assert article["article"] == "4" and article["text"]
    assert {"rules", "parameters", "extension", "not_checked"} <= set(article)
    assert any(p["name"] == "training_min_hours" for p in article["parameters"])
    assert client.get("/v1/articles/annexe").status_code == 200
    missing = client.get("/v1/articles/99")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_the_policy_has_its_manifest_versions_and_digest(client, policies):
    summary = client.get("/v1/policy").json()
    assert summary["version"] == policies.manifest.version
    assert summary["articles"]["4"]
    assert summary["digest"].startswith("sha256:") and len(summary["digest"]) == 71


def test_unknown_routes_and_methods_are_problems(client):
    assert client.get("/v2/nothing").status_code == 404
    wrong = client.get("/v1/evaluate")
    assert wrong.status_code == 405 and "POST" in wrong.headers["allow"]
    assert wrong.headers["content-type"] == "application/problem+json"


def _boom(request):
    raise RuntimeError("secret internal detail /etc/passwd")


async def _slow(request):
    import anyio

    await anyio.sleep(5)


def test_an_internal_error_is_a_500_problem_without_detail(policies):
    app = create_app(policies, extra=[Extension(routes=[Route("/boom", _boom)])])
    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_a_request_over_the_time_limit_is_503(policies):
    app = create_app(
        policies, Settings(timeout_seconds=0.05), extra=[Extension(routes=[Route("/slow", _slow)])]
    )
    response = TestClient(app).get("/slow")
    assert response.status_code == 503 and response.json()["type"].endswith("/timeout")


def test_requests_beyond_the_in_flight_bound_get_503_and_retry_after(policies):
    response = TestClient(create_app(policies, Settings(max_in_flight=0))).get("/healthz")
    assert response.status_code == 503 and response.headers["retry-after"] == "1"


def test_every_response_forbids_outside_resources(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert client.get("/healthz").headers["cache-control"] == "no-store"


def test_the_access_log_has_one_json_line_per_request_and_no_personal_data(client, caplog):
    body = as_json(dossier(id="SECRET-ID-77", employee__birth_date="1977-07-17"))
    with caplog.at_level(logging.INFO, logger="proa_policy.serve.access"):
        client.post("/v1/evaluate?explain=true", content=body, headers=JSON)
        client.get("/v1/articles/4")
    lines = [r.getMessage() for r in caplog.records if r.name == "proa_policy.serve.access"]
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert {"time", "route", "status", "duration_ms", "verdict", "dossier_sha256"} <= set(first)
    assert first["route"] == "/v1/evaluate" and first["status"] == 200 and first["verdict"] == "eligible"
    assert len(first["dossier_sha256"]) == 64
    assert second["route"] == "/v1/articles/{article}"
    assert "SECRET" not in lines[0] and "1977" not in lines[0] and "explain" not in lines[0]


def test_yaml_and_json_of_the_same_dossier_get_the_same_decision(client):
    value = json.loads(as_json(dossier()))
    from_json = client.post("/v1/evaluate", content=json.dumps(value).encode(), headers=JSON).json()
    from_yaml = client.post("/v1/evaluate", content=yaml.safe_dump(value).encode(), headers=YAML).json()
    assert without_source(from_json) == without_source(from_yaml)


def test_openapi_json_is_a_valid_openapi_3_1_document_on_the_shipped_schemas(client):
    from openapi_spec_validator import validate

    from proa_policy.resources import load_schema
    from proa_policy.serve.openapi import embed

    document = client.get("/openapi.json").json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    schemas = document["components"]["schemas"]
    assert schemas["Dossier"] == json.loads(dumps(embed(load_schema("dossier.schema.json"), "Dossier")))
    assert schemas["Decision"] == json.loads(dumps(embed(load_schema("decision.schema.json"), "Decision")))
    dossier_schema = load_schema("dossier.schema.json")
    assert {k: v for k, v in schemas["Dossier"].items()} == {
        k: v for k, v in dossier_schema.items() if k not in ("$id", "$schema")
    }
    assert {
        "/healthz",
        "/v1/evaluate",
        "/v1/validate",
        "/v1/certifications",
        "/v1/articles/{article}",
        "/v1/policy",
    } <= set(document["paths"])


def test_the_api_docs_are_served_by_the_package(client):
    page = client.get("/docs").text
    assert "/openapi.json" in page and "/v1/evaluate" in page and "/static/docs.js" in page
    assert client.get("/static/docs.js").status_code == 200


def rulebook_like(context):
    """An extension as the rulebook or the spreadsheet upload will be: routes and a link in the navigation."""
    from starlette.responses import PlainTextResponse

    async def page(request):
        return PlainTextResponse(f"règles {context.policies.manifest.version}")

    return Extension(routes=[Route("/regles/", page)], nav=[("/regles/", "Le règlement")])


def test_other_sites_hook_in_through_a_provider(policies):
    app = create_app(policies, providers=["tests.serve.test_serve_api:rulebook_like"])
    client = TestClient(app)
    assert client.get("/regles/").text == f"règles {policies.manifest.version}"
    assert '<a href="/regles/">Le règlement</a>' in client.get("/").text


def test_a_large_dossier_is_judged_like_a_small_one(client):
    big = dossier(id="BIG-1")
    padding = b" " * (100 * 1024)  # beyond INLINE_BYTES: read and judged in a worker thread
    response = client.post("/v1/evaluate", content=as_json(big) + padding, headers=JSON)
    assert response.status_code == 200 and response.json()["verdict"] == "eligible"
