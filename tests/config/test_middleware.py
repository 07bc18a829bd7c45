"""Security headers on every public response."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/search/?q=pain", "/ask/", "/questions/nope/", "/healthz"])
def test_public_responses_carry_a_strict_content_security_policy(client, path):
    """No inline script or style, no framing, only our own origin."""
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_admin_keeps_djangos_own_headers(client, editor):
    """The admin's widgets use inline styles, so the policy is not applied there."""
    client.force_login(editor)
    response = client.get("/admin/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


# Control characters


@pytest.mark.parametrize("path", ["/questions/a%00b/", "/admin/articles/article/%00/history/", "/search%0d%0a/"])
def test_control_characters_in_the_path_are_a_400(client, path):
    """No URL needs a control character: 400 with a message, before any view runs."""
    response = client.get(path)
    assert response.status_code == 400
    assert "contains a control character" in response.content.decode()


def test_nul_reaching_the_database_is_a_400_with_a_message(client, professional):
    """A NUL in a value a view queries with is refused before the query runs, with the reason."""
    response = client.get("/search/", {"q": "back\x00pain"})
    assert response.status_code in (200, 400)
    response = client.post("/audience/", {"audience": "pat\x00ient"})
    assert response.status_code == 400


def test_nul_guard_refuses_queries_and_names_nothing_private(client, editor, caplog):
    """An admin filter value with NUL is a 400 logged to django.security, not a database error."""
    client.force_login(editor)
    response = client.get("/admin/articles/readerquestion/", {"status__exact": "a\x00b"})
    assert response.status_code == 400
    assert "U+0000 (NULL)" in response.content.decode()
    assert any(record.name.startswith("django.security") for record in caplog.records)


def test_a_session_cookie_with_nul_is_no_session(client, professional):
    """A forged session cookie holding NUL is treated as no session, not as a server error."""
    client.cookies["sessionid"] = "\x00" * 32
    assert client.get("/review/").status_code == 302


def test_the_guard_refuses_nul_anywhere_and_other_controls_when_storing(db):
    """NUL in any query's parameters, other control characters only in INSERT and UPDATE; tab and newlines pass."""
    from config.middleware import ControlCharacterRefused
    from config.middleware import refuse_control_characters as guard

    def execute(sql, params, many, context):
        return "ran"

    assert guard(execute, "SELECT %s", ("fine", 1, None, b"\x00", "a\x01b"), False, {}) == "ran"
    assert guard(execute, "INSERT %s", ("line\r\n\tnext",), False, {}) == "ran"
    for sql, params, many in [
        ("SELECT %s", ["a\x00b"], False),
        ("INSERT %s", [("ok",), ("bad\x00",)], True),
        ("SELECT %(x)s", {"x": ["a", "\x00"]}, False),
        ("UPDATE t SET x = %s", ["soft\x0bbreak"], False),
        ("  insert into t values (%s)", ["\x1b[31m"], False),
    ]:
        with pytest.raises(ControlCharacterRefused):
            guard(execute, sql, params, many, {})


def test_text_stored_outside_forms_is_refused_too(client, editor, article):
    """The workflow comment is read without a form: a control character in it is a 400, and nothing moves."""
    from reviews.models import ReviewRequest

    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/workflow/submit/"
    response = client.post(url, {"comment": "Please review\x1b[31m"})
    assert response.status_code == 400
    assert "U+001B (ESCAPE)" in response.content.decode()
    assert not ReviewRequest.objects.filter(article=article).exists()


def test_forms_refuse_control_characters_next_to_the_field():
    """Every form CharField refuses control characters other than tab and line breaks, naming the character."""
    from django import forms

    class Form(forms.Form):
        text = forms.CharField()

    assert Form({"text": "line one\r\n\tline two"}).is_valid()
    form = Form({"text": "soft\x0bbreak"})
    assert not form.is_valid()
    assert "U+000B (LINE TABULATION)" in form.errors["text"][0]
    nul = Form({"text": "a\x00b"})
    assert not nul.is_valid()
    assert len(nul.errors["text"]) == 1  # Django's own NUL message, once


# Private pages


@pytest.mark.parametrize("path", ["/review/", "/review/1/", "/preview/anything/", "/admin/", "/accounts/login/"])
def test_private_pages_are_never_cached(client, path):
    """The board's pages, previews, the admin and sign-in send Cache-Control: private, no-store."""
    cache_control = client.get(path)["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_signed_in_board_pages_are_never_cached(client, reviewer):
    """The dashboard a board member sees is private to them."""
    client.force_login(reviewer)
    response = client.get("/review/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/search/?q=pain", "/advisory-board/", "/editorial-policy/"])
def test_public_pages_stay_cacheable_and_set_no_session(client, path):
    """Public pages are not marked private and set no session cookie."""
    response = client.get(path)
    assert "private" not in response.get("Cache-Control", "")
    assert "sessionid" not in response.cookies


def test_the_guard_checks_int_subclasses_at_once(db):
    """Integer choices (an int subclass) are compared, not looked for in a 2**64-long range: no hang."""
    import time

    from django.db import models

    from config.middleware import IntegerOutOfRange
    from config.middleware import refuse_control_characters as guard

    class Level(models.IntegerChoices):
        LOW = 1

    started = time.monotonic()
    assert guard(lambda *args: "ran", "SELECT %s", [Level.LOW, [Level.LOW]], False, {}) == "ran"
    assert time.monotonic() - started < 0.5
    with pytest.raises(IntegerOutOfRange):
        guard(lambda *args: "ran", "SELECT %s", [[1, 2**63]], False, {})
