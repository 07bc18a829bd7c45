"""The partner API's docs page: Swagger UI from our own static files, under the strict CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_api_docs_render_under_the_strict_csp(page):
    """Every endpoint is listed; nothing is refused by the Content-Security-Policy; nothing comes from elsewhere."""
    refused, foreign = [], []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if "127.0.0.1" not in request.url and "localhost" not in request.url and not request.url.startswith("data:")
            else None
        ),
    )
    response = page.goto("/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Clinical Answers content API")
    for path in ("/api/v1/topics/", "/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/search/"):
        expect(page.locator(f'.opblock-summary-path[data-path="{path}"]')).to_have_count(1)
    expect(page.locator(".authorize")).to_be_visible()  # the key can be entered for "Try it out"
    assert refused == []
    assert foreign == []
