"""`load_demo` builds the demo from its files through the services: every workflow state, dated
history, genuine revisions, and twice is the same as once. The demo is loaded once for this module."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from articles.models import Article, Publication, PublishedVersion
from articles.versioning import ArticleContent
from demo.content import load_articles, load_history, load_site
from demo.loader import OVERDUE_SLUG, DemoLoader
from personalization.models import Audience
from references.models import Reference
from reviews.models import AuditEntry, BoardMember, ReviewRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Load the demo once inside a transaction that is rolled back when the module is done."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Reference, Audience, BoardMember, ReviewRequest, AuditEntry, Publication)
    }


def test_every_file_becomes_an_article_and_twice_is_once(settings):
    """All twelve files are loaded; a second run adds nothing."""
    first = _counts()
    assert first["Article"] == len(load_articles()) == 12
    assert first["Audience"] == len(load_site().audiences) == 3
    assert first["BoardMember"] == 3
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first


def test_demo_covers_every_workflow_state_and_passes_integrity():
    """Approved, submitted, under review, changes requested and draft; no citation problems; pins match."""
    states = {a.slug: a.state for a in load_articles()}
    for review_request in ReviewRequest.objects.select_related("article"):
        assert review_request.state == states[review_request.article.slug]
        assert review_request.content_problems() == []
        content = ArticleContent.from_revision(review_request.revision_id, review_request.article_id)
        assert review_request.content_hash == content.fingerprint()
    drafts = [slug for slug, state in states.items() if state == "draft"]
    assert list(Article.objects.filter(review_requests__isnull=True).values_list("slug", flat=True)) == drafts
    assert set(states.values()) == {"draft", "submitted", "under_review", "changes_requested", "approved"}


def test_citations_are_derived_from_the_bodies():
    """Each article cites exactly the references its bodies name; none is attached by hand."""
    flagship = Article.objects.get(slug="left-upper-back-pain")
    keys = set(flagship.citations.values_list("reference__citation_key", flat=True))
    assert {"briggs2009", "hagan2000", "gulati2021"} <= keys
    assert 5 <= len(keys) <= 15


def test_history_is_dated_in_the_past():
    """Articles were written, submitted and approved on earlier days; one is overdue for re-review."""
    today = timezone.localdate()
    approved = Publication.objects.approved()
    assert approved.count() == 7
    assert all(p.last_reviewed < today for p in approved)
    overdue = Publication.objects.overdue()
    assert list(overdue.values_list("slug", flat=True)) == [OVERDUE_SLUG]
    first = AuditEntry.objects.order_by("at").first()
    assert first.at < timezone.now() - timedelta(days=365)


def test_demo_logins_with_debug():
    """With DEBUG on the four logins work, each in its group."""
    for username in ("editor", "reviewer1", "reviewer2", "chief"):
        assert authenticate(username=username, password="demo") is not None, username
    assert User.objects.get(username="chief").is_superuser
    assert User.objects.get(username="reviewer1").groups.filter(name="Advisory board").exists()
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()


def test_no_demo_logins_without_debug(settings):
    """With DEBUG off the demo users keep no usable password and there is no chief login."""
    settings.DEBUG = False
    loader = DemoLoader(log=lambda line: None)
    loader.load_users(load_site())
    assert authenticate(username="editor", password="demo") is None
    assert authenticate(username="reviewer1", password="demo") is None


def test_loading_the_demo_queues_no_mail(settings, monkeypatch):
    """Mail jobs the services queue while the demo loads go nowhere: the real queue stays empty."""
    from django_tasks_db.models import DBTaskResult

    from reviews import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    def run(self):
        tasks.mail_board_of_submission.enqueue(ReviewRequest.objects.first().pk)
        return {"articles": 0, "skipped": 12}

    monkeypatch.setattr(DemoLoader, "run", run)
    call_command("load_demo", stdout=StringIO())
    assert not DBTaskResult.objects.exists()
    tasks.mail_board_of_submission.enqueue(ReviewRequest.objects.first().pk)
    assert DBTaskResult.objects.count() == 1  # outside load_demo, the same call does queue


def test_a_demo_article_has_two_approved_versions_with_a_change_summary(client):
    """The article in history.yaml was approved, revised and approved again; its history page shows
    both, the newer with its summary and the substantive mark, and the live text is the file's."""
    revision = load_history()["chest-pain-emergency"]
    versions = list(PublishedVersion.objects.filter(article__slug=revision.slug).newest_first())
    assert len(versions) == 2
    newest, first = versions
    assert first.is_first
    assert newest.change_summary == revision.change_summary
    assert newest.substantive
    assert newest.changes["sections_added"] == ["If you are sent home"]
    assert first.published_at < newest.published_at < timezone.now()
    requests = ReviewRequest.objects.filter(article__slug=revision.slug, state=ReviewRequest.State.APPROVED)
    assert requests.count() == 2
    html = client.get(f"/questions/{revision.slug}/history/").content.decode()
    assert "Changes medical advice." in html
    assert "First published." in html
    assert "If you are sent home" in client.get(f"/questions/{revision.slug}/?audience=patient").content.decode()


def test_demo_has_spanish_answers_one_outdated(client):
    """Two answers are in Spanish; the one revised in English since shows the outdated notice, the other not."""
    current = client.get("/es/questions/low-back-pain-imaging/?audience=patient").content.decode()
    assert "¿Cuándo necesita una prueba de imagen el dolor lumbar?" in current
    assert 'id="translation-outdated"' not in current
    outdated = client.get("/es/questions/chest-pain-emergency/?audience=patient").content.decode()
    assert "¿Cuándo es una urgencia el dolor en el pecho?" in outdated
    assert 'id="translation-outdated"' in outdated
    assert 'hreflang="es"' in client.get("/questions/chest-pain-emergency/").content.decode()
