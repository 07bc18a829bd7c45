"""The OpenAPI document and the docs page: public, valid, complete, and under the strict CSP."""

import json
import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.urls import URLPattern, get_resolver
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

UNDOCUMENTED = {
    "schema",
    "schema_json",
    "docs",
    "not_found",
}  # describe the API or catch wrong addresses; serve no content


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/v1/schema.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_a_valid_openapi_3_document(schema):
    """openapi-spec-validator accepts the generated document."""
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_the_yaml_schema_is_public_too(client):
    """No key is needed to read the description of the API (it holds no content)."""
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "Clinical Answers content API"
    as_json = client.get("/api/v1/schema/", headers={"Accept": "application/json"})
    assert json.loads(as_json.content)["info"]["title"] == "Clinical Answers content API"


def _api_routes() -> dict[str, str]:
    """Every named route in api/urls.py as an OpenAPI path, e.g. /api/v1/articles/{slug}/."""
    resolver = get_resolver().namespace_dict["api"][1]
    routes = {}
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        path = "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        routes[pattern.name] = path
    return routes


def test_every_endpoint_is_documented_with_its_errors(schema):
    """Each content route is in the schema, needs the key, and documents 401 and 429 (and 400/404/410 where they occur)."""
    routes = {name: path for name, path in _api_routes().items() if name not in UNDOCUMENTED}
    assert set(routes.values()) == set(schema["paths"])
    for path in routes.values():
        operation = schema["paths"][path]["get"]
        assert operation["security"] == [{"ApiKey": []}]
        assert {"200", "304", "401", "429"} <= set(operation["responses"])
        assert set(schema["paths"][path]) == {"get"}  # read-only
    detail = schema["paths"]["/api/v1/articles/{slug}/"]["get"]
    assert {"400", "404", "410"} <= set(detail["responses"])
    assert {p["name"] for p in detail["parameters"]} >= {"audience", "language", "slug"}
    listing = schema["paths"]["/api/v1/articles/"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"modified_since", "topic", "audience", "language", "cursor"}


def test_the_schema_says_it_serves_approved_content_only(schema):
    assert "**approved**" in schema["info"]["description"]
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Api-Key",
        "description": schema["components"]["securitySchemes"]["ApiKey"]["description"],
    }


def test_the_docs_page_is_public_and_has_no_inline_script_or_style(client):
    """Swagger UI from our own static files, started by a file: the strict CSP stays on, no cookie is set."""
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html
    assert "cdn" not in html.lower()
    assert response.cookies == {}
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset
