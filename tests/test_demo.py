"""`load_demo` loads original content through the real workflow, and twice is the same as once."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from articles.models import Article, Publication
from articles.versioning import ArticleContent
from personalization.models import Audience
from references.models import Reference
from reviews.models import AuditEntry, BoardMember, ReviewRequest

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Reference, Audience, BoardMember, ReviewRequest, AuditEntry, Publication)
    }


def test_load_demo_twice_gives_no_duplicates(settings):
    """The second run adds nothing."""
    settings.DEBUG = True
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert first["Article"] >= 12
    assert first["Audience"] == 3
    assert first["BoardMember"] >= 3


def test_demo_covers_every_workflow_state_and_passes_integrity(settings):
    """Approved, submitted, under review, changes requested and draft articles; no citation problems."""
    settings.DEBUG = True
    call_command("load_demo")
    states = set(ReviewRequest.objects.values_list("state", flat=True))
    assert {"approved", "submitted", "under_review", "changes_requested"} <= states
    assert Article.objects.filter(review_requests__isnull=True).exists()  # a draft
    for request in ReviewRequest.objects.all():
        assert request.content_problems() == []
        assert request.content_hash == ArticleContent.from_revision(request.revision, request.article_id).fingerprint()
    flagship = Article.objects.get(slug="left-upper-back-pain")
    assert flagship.publication.status == "approved"
    assert 5 <= flagship.citations.count() <= 15


def test_demo_logins_only_with_debug(settings):
    """With DEBUG off nobody can sign in with the demo password; with DEBUG on the four logins work."""
    settings.DEBUG = False
    call_command("load_demo")
    assert authenticate(username="editor", password="demo") is None
    from django.contrib.auth.models import User

    assert not User.objects.filter(username="chief").exists()
    settings.DEBUG = True
    call_command("load_demo")
    for username in ("editor", "reviewer1", "reviewer2", "chief"):
        assert authenticate(username=username, password="demo") is not None, username
    assert User.objects.get(username="chief").is_superuser
    assert User.objects.get(username="reviewer1").groups.filter(name="Advisory board").exists()
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
