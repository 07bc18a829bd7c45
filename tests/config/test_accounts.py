"""Signing in: lockout after repeated failures on every sign-in form, unlocking, and password reset."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

SIGN_IN_FORMS = ["/accounts/login/", "/admin/login/"]


@pytest.fixture(autouse=True)
def clean_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_sign_in_page_is_titled_with_the_site_name(client, db, settings):
    """The page title names the site, never the host it was reached at."""
    html = client.get("/accounts/login/", HTTP_HOST="127.0.0.1").content.decode()
    assert f"<title>Sign in · {settings.SITE_NAME}</title>" in html
    assert "127.0.0.1" not in html[: html.index("</title>")]


@pytest.fixture
def staff(db):
    user = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    user.set_password("right-horse-battery")
    user.email = "editor@example.org"
    user.save()
    return user


def sign_in(client, url: str, password: str, username: str = "editor", address: str = "203.0.113.5"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", SIGN_IN_FORMS)
def test_forty_wrong_passwords_lock_the_account_and_the_right_one_is_refused(client, settings, staff, url):
    """The failure that reaches AXES_FAILURE_LIMIT locks; every later attempt, the right password too, is a 429."""
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [sign_in(client, url, f"wrong-{n}").status_code for n in range(40)]
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    response = sign_in(client, url, "right-horse-battery")
    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("url", SIGN_IN_FORMS)
def test_lockout_page_says_how_long_and_what_to_do(client, settings, staff, url):
    """The page names the wait in minutes and the time it ends, and offers the password reset."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, f"wrong-{n}")
    html = sign_in(client, url, "wrong-again").content.decode()
    assert "Signing in is paused" in html
    assert "paused for 15 more minutes, until" in html
    assert reverse("password_reset") in html
    assert "ask the chief editor to unlock your account" in html


def test_locked_by_username_from_any_address(client, settings, staff):
    """Failures for one username from many addresses still lock that username."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/accounts/login/", "wrong", address=f"198.51.100.{n + 1}")
    assert sign_in(client, "/accounts/login/", "right-horse-battery", address="192.0.2.200").status_code == 429


def test_locked_by_address_for_any_username(client, settings, staff):
    """Guessing many usernames from one address locks that address, for the real account too."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/accounts/login/", "wrong", username=f"guess{n}")
    assert sign_in(client, "/accounts/login/", "right-horse-battery").status_code == 429
    assert sign_in(client, "/accounts/login/", "right-horse-battery", address="192.0.2.201").status_code == 302


def test_the_right_password_works_again_after_the_wait(client, settings, staff):
    """Once the cool-off has passed since the last failure, the right password signs in."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/accounts/login/", f"wrong-{n}")
    assert sign_in(client, "/accounts/login/", "right-horse-battery").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = sign_in(client, "/accounts/login/", "right-horse-battery")
    assert response.status_code == 302
    assert signed_in(client)


def test_the_right_password_works_again_after_an_unlock(client, settings, staff):
    """`manage.py unlock_sign_in editor` lifts the lockout at once."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/admin/login/", f"wrong-{n}")
    assert sign_in(client, "/admin/login/", "right-horse-battery").status_code == 429
    call_command("unlock_sign_in", "editor")
    assert sign_in(client, "/admin/login/", "right-horse-battery", address="192.0.2.7").status_code == 302
    assert signed_in(client)


def test_unlock_by_address_and_listing(client, settings, staff, capsys):
    """The command lists failures and unlocks an address; an unknown name is an error, not silence."""
    from django.core.management.base import CommandError

    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "/accounts/login/", "wrong", username=f"guess{n}")
    call_command("unlock_sign_in")
    assert "203.0.113.5" in capsys.readouterr().out
    call_command("unlock_sign_in", "203.0.113.5")
    assert not AccessAttempt.objects.exists()
    with pytest.raises(CommandError):
        call_command("unlock_sign_in", "nobody")


def test_failures_are_logged(client, staff, caplog):
    """Each failure is logged with the username and address, and kept in the failure log."""
    with caplog.at_level(logging.INFO, logger="axes"):
        sign_in(client, "/accounts/login/", "wrong")
    assert any("editor" in r.getMessage() and "203.0.113.5" in r.getMessage() for r in caplog.records)
    assert AccessFailureLog.objects.filter(username="editor", ip_address="203.0.113.5").exists()


def test_a_success_resets_the_count(client, settings, staff):
    """A few typos followed by the right password leave no strikes behind."""
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "/accounts/login/", f"wrong-{n}")
    assert sign_in(client, "/accounts/login/", "right-horse-battery").status_code == 302
    client.logout()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "/accounts/login/", f"wrong-{n}")
    assert sign_in(client, "/accounts/login/", "right-horse-battery").status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_locked(client, settings, staff):
    """The throttle uses the same client address as the rate limit: one reader's failures lock only them."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    assert AccessAttempt.objects.filter(ip_address="203.0.113.66").exists()
    ok = sign_in(client, "/accounts/login/", "right-horse-battery", address="10.0.0.2")
    assert ok.status_code == 302  # no X-Forwarded-For: the proxy's own request, not the locked reader


def test_public_pages_set_no_session(client, professional):
    """Anonymous public pages neither start a session nor vary on it, with the throttle installed."""
    for path in ["/", "/search/?q=pain", "/ask/", "/editorial-policy/", "/advisory-board/", "/accounts/login/"]:
        response = client.get(path)
        assert "sessionid" not in response.cookies, path
    assert "sessionid" not in client.cookies


# Password reset


def test_sign_in_pages_link_to_password_reset(client):
    """The site's and the admin's sign-in pages offer "Forgotten your password?"."""
    assert reverse("password_reset") in client.get("/accounts/login/").content.decode()
    admin_page = client.get("/admin/login/").content.decode()
    assert reverse("admin_password_reset") in admin_page
    assert client.get(reverse("admin_password_reset"))["Location"] == reverse("password_reset")


def test_password_reset_mails_a_link_that_sets_a_new_password(
    client, staff, task_queue, django_capture_on_commit_callbacks
):
    """The reset form queues one mail with a link; the worker sends it; the link sets a new password that signs in."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "editor@example.org"})
    assert response.status_code == 302
    assert not mail.outbox  # queued, not sent during the request
    task_queue.run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"]
    assert "Set a new password for" in message.subject
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"})
    assert done.status_code == 302
    assert sign_in(client, "/accounts/login/", "a-new-long-password-9").status_code == 302


def test_password_reset_sends_through_one_function(client, staff, monkeypatch):
    """All reset mail goes through config.accounts.account_mail_send, which queues it as a background job."""
    sent = []
    monkeypatch.setattr("config.accounts.account_mail_send", lambda **kwargs: sent.append(kwargs))
    client.post(reverse("password_reset"), {"email": "editor@example.org"})
    assert [m["to"] for m in sent] == ["editor@example.org"]
    assert not mail.outbox


def test_unknown_address_looks_the_same_and_sends_nothing(client, staff, task_queue):
    """No one learns from the form whether an address has an account."""
    response = client.post(reverse("password_reset"), {"email": "stranger@example.org"})
    assert response.status_code == 302
    task_queue.run()
    assert not mail.outbox


def test_password_reset_is_limited_per_address(client, staff, task_queue, django_capture_on_commit_callbacks):
    """Past five requests an hour from one address, the form refuses with 429 and sends nothing more."""
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("password_reset"), {"email": "editor@example.org"}).status_code == 302
    refused = client.post(reverse("password_reset"), {"email": "editor@example.org"})
    assert refused.status_code == 429
    assert "Please try again later" in refused.content.decode()
    task_queue.run()
    assert len(mail.outbox) == 5


def test_an_overlong_username_is_a_failure_not_a_server_error(client, staff):
    """Django's sign-in forms pass any length to authenticate(); the throttle stores what fits and counts it."""
    response = sign_in(client, "/accounts/login/", "wrong", username="e" * 100_000)
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "e" * 255


def test_reset_mail_with_the_mail_server_down_is_retried_and_logs_no_link(
    client, staff, task_queue, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """A refused connection does not fail the reset page; the mail is queued again, and the log
    names the recipient but never the sign-in link."""

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("password_reset"), {"email": "editor@example.org"}).status_code == 302
    task_queue.run()
    assert "account mail to editor@example.org" in caplog.text
    assert "/accounts/reset/" not in caplog.text
    assert task_queue.names() == ["send_account_mail"]  # queued again for later
