"""Every request of issue 12 ("Hardening"), as an attacker sent it, now answers 4xx or works."""

import pytest
from axes.utils import reset
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import ReaderQuestion
from tests import factories

pytestmark = pytest.mark.django_db

QUESTION = "Can I keep running with mild knee pain after a long walk?"


@pytest.fixture(autouse=True)
def clean_limits():
    cache.clear()
    yield
    cache.clear()


def test_forty_wrong_passwords_then_the_right_one_at_both_sign_in_forms(client):
    """40 wrong passwords for `editor` lock the account; the 41st, correct, is refused (429), on both forms."""
    user = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    user.set_password("correct-horse")
    user.save()
    for url in ("/accounts/login/", "/admin/login/"):
        reset()
        answers = [client.post(url, {"username": "editor", "password": f"guess{n}"}).status_code for n in range(40)]
        assert 429 in answers
        assert client.post(url, {"username": "editor", "password": "correct-horse"}).status_code == 429
        assert "_auth_user_id" not in client.session


def test_nul_in_the_audience_chooser_is_a_400(client, professional):
    """`POST /audience/` with `audience=a%00b` (from this site's own page) is a 400, not PostgreSQL's error."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        "/audience/",
        "audience=a%00b&next=/",
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.json", b"[" * 2000 + b"]" * 2000, "nested more than 20 levels deep"),
        (
            "huge.json",
            b'[{"id": "a", "title": "T", "issued": {"date-parts": [[' + b"9" * 5000 + b"]]}}]",
            "a number has 5000 digits",
        ),
        ("deep.bib", b"@article{k, title = " + b"{" * 1000 + b"x" + b"}" * 1000 + b"}\n", "nests braces"),
    ],
)
def test_pathological_reference_files_are_refused_in_the_admin(client, editor, name, content, message):
    """Deep nesting and huge numbers in an uploaded file: the preview says which entry, nothing crashes."""
    client.force_login(editor)
    response = client.post(
        reverse("admin:references_reference_import"), {"file": SimpleUploadedFile(name, content), "format": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Entry 1" in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/readerquestion/?status__exact=%00",
        "/admin/articles/publication/?status__exact=%00",
        "/admin/references/reference/?updated_at__year=0",
        "/admin/references/reference/?updated_at__year=999999",
        "/admin/articles/article/%00/history/",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=citation&field_name=reference",
    ],
)
def test_bad_admin_filter_values_and_urls_are_4xx(client, editor, url):
    """Filters and URLs with impossible values answer 400 (or 404), never a server error."""
    factories.make_reference(key="chou2007")
    client.force_login(editor)
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.status_code


def test_forged_forwarded_addresses_share_one_limit(client, settings, professional):
    """Twelve posts with twelve forged X-Forwarded-For values from one reader: the limit holds at the 6th."""
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.post(
            "/ask/", {"question": QUESTION}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7"
        ).status_code
        for n in range(12)
    ]
    assert statuses[: settings.FOLLOW_UP_RATE_LIMIT] == [302] * settings.FOLLOW_UP_RATE_LIMIT
    assert set(statuses[settings.FOLLOW_UP_RATE_LIMIT :]) == {429}
    assert ReaderQuestion.objects.count() == settings.FOLLOW_UP_RATE_LIMIT


def test_behind_two_proxies_readers_keep_their_own_limits(client, settings, professional):
    """Behind a CDN and a load balancer, two readers are told apart, not counted as the CDN's one address."""
    settings.TRUSTED_PROXY_COUNT = 2
    settings.FOLLOW_UP_RATE_LIMIT = 1
    via_cdn = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post("/ask/", {"question": QUESTION}, HTTP_X_FORWARDED_FOR="203.0.113.1, 192.0.2.9", **via_cdn)
    second = client.post("/ask/", {"question": QUESTION}, HTTP_X_FORWARDED_FOR="203.0.113.2, 192.0.2.9", **via_cdn)
    again = client.post("/ask/", {"question": QUESTION}, HTTP_X_FORWARDED_FOR="203.0.113.1, 192.0.2.9", **via_cdn)
    assert (first.status_code, second.status_code, again.status_code) == (302, 302, 429)


def test_the_review_dashboard_is_private(client, reviewer):
    """`/review/` sends `Cache-Control: private, no-store`."""
    client.force_login(reviewer)
    cache_control = client.get("/review/")["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_the_corpus_is_large_and_the_sample_is_drawn_from_it():
    """At least 150 hostile values across the families; the default sample is a subset."""
    from .corpus import CORPUS, SAMPLE

    assert len(CORPUS) >= 150
    assert len({h.family for h in CORPUS}) >= 8
    assert set(SAMPLE) <= set(CORPUS)
