"""The rulebook served by `proa-policy serve` under `/regles/`: the same site, its links resolving there."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

import pytest
from starlette.testclient import TestClient

from proa_policy.serve.regles import HOME
from proa_policy.rulebook.site import render_site
from proa_policy.serve.app import create_app
from tests.rulebook.htmlsite import ids, is_external, parse, references


@pytest.fixture(scope="module")
def client(policies):
    return TestClient(create_app(policies))


def test_the_served_pages_are_the_rendered_site_with_a_way_back(client, policies):
    site = render_site(policies, home=HOME)
    assert set(site) == set(render_site(policies))
    for name, data in site.items():
        response = client.get("/regles/" + name)
        assert response.status_code == 200, name
        assert response.content == data
    assert client.get("/regles/").content == site["index.html"]
    assert '<a href="/">← Évaluer un dossier</a>' in client.get("/regles/article-4.html").text
    assert b'href="/"' not in render_site(policies)["article-4.html"]  # the written site: none
    assert client.get("/regles/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/regles/annexe.html").headers["content-type"].startswith("text/html")


def test_regles_without_its_slash_redirects_so_relative_links_resolve(client):
    response = client.get("/regles", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/regles/"


def test_every_link_of_every_served_page_resolves_under_regles(client, policies):
    seen_ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for name in render_site(policies):
        if not name.endswith(".html"):
            continue
        url = "/regles/" + name
        tree = parse(client.get(url).content)
        seen_ids[url] = set(ids(tree))
        for _, value in references(tree):
            assert not is_external(value), (name, value)
            links.append((url, urljoin(url, value)))
    assert len(links) > 100
    for page, target in links:
        path, fragment = urldefrag(target)
        assert path.startswith("/regles/") or path == "/", (page, target)
        assert client.get(path).status_code == 200, (page, target)
        if fragment and path in seen_ids:
            assert fragment in seen_ids[path], (page, target)


def test_the_page_navigation_links_to_the_rulebook(client):
    page = client.get("/").text
    assert '<a href="/regles/">Recueil des règles</a>' in page
    assert "Recueil des règles" in client.get("/docs").text


def test_a_name_the_site_does_not_hold_is_a_404_problem(client):
    for path in ("/regles/absent.html", "/regles/..%2Fpyproject.toml", "/regles/%2e%2e/app.py"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/problem+json")
    assert client.post("/regles/index.html").status_code == 405
