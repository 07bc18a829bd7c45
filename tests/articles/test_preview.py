"""Previews: a draft as readers will see it, for the team only; share links signed, expiring, revocable."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import ArticleBody, PreviewLink
from articles.services.previews import preview_link_create, preview_link_revoke, preview_link_token
from reviews.services import review_start, review_submit
from tests import factories

pytestmark = pytest.mark.django_db


def _preview(client, article, audience="professional"):
    return client.get(f"/preview/{article.pk}/", {"audience": audience})


def test_editor_previews_the_saved_draft_per_audience(client, article, editor, professional, patient):
    """The draft renders in the public template with a "Preview, not public" bar, noindex and no caching."""
    client.force_login(editor)
    response = _preview(client, article, "patient")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview, not public." in html
    assert "Usually harmless" in html  # the patient body
    assert 'id="references"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Pending medical review" not in html
    assert 'id="follow-up"' not in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "application/ld+json" not in html
    professional_html = _preview(client, article).content.decode()
    assert "Mostly muscular" in professional_html


def test_preview_shows_unsaved_to_readers_never(client, article, reviewer, editor):
    """Readers and non-staff never reach a preview; the draft stays a 404 on the public URL."""
    assert _preview(client, article).status_code == 302  # to the sign-in page
    client.force_login(reviewer)  # not staff
    assert _preview(client, article).status_code == 302
    assert client.get(f"/questions/{article.slug}/").status_code == 404


def test_preview_of_an_unknown_article_is_404(client, editor):
    """A preview of nothing is a plain 404."""
    client.force_login(editor)
    assert client.get("/preview/999999/").status_code == 404


def test_board_member_previews_the_pinned_revision_not_later_edits(client, article, editor, reviewer, professional):
    """The board's preview shows exactly what was submitted, even if the live rows were changed since."""
    review_request = review_submit(article=article, actor=editor)
    review_start(review_request=review_request, actor=reviewer)
    ArticleBody.objects.filter(article=article, audience=professional).update(body="Edited behind the board's back.")
    client.force_login(reviewer)
    response = client.get(f"/review/{review_request.pk}/preview/", {"audience": "professional"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mostly muscular" in html
    assert "behind the board" not in html
    assert "no-store" in response["Cache-Control"]
    client.force_login(editor)  # not a board member
    assert client.get(f"/review/{review_request.pk}/preview/").status_code == 403


def test_share_link_shows_the_shared_revision_without_an_account(client, article, chief, professional):
    """An outside expert opens the signed link without signing in and sees the draft as it was shared."""
    link = preview_link_create(article=article, actor=chief, days=7, note="Dr Lee")
    ArticleBody.objects.filter(article=article, audience=professional).update(body="Changed after sharing.")
    response = client.get(f"/preview/shared/{preview_link_token(link)}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview, not public." in html
    assert "Mostly muscular" in html
    assert "Changed after sharing" not in html
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_share_link_expired_revoked_or_tampered(client, article, chief):
    """Expired or revoked links answer 410 with an explanation; a tampered token is a 404."""
    link = preview_link_create(article=article, actor=chief, days=1)
    token = preview_link_token(link)
    assert client.get(f"/preview/shared/{token}x/").status_code == 404
    assert client.get("/preview/shared/not-a-token/").status_code == 404
    other = preview_link_create(article=article, actor=chief, days=1)
    # The other link's signature on this link's payload: a forgery the signature must catch.
    forged = token.split(":", 1)[0] + ":" + preview_link_token(other).split(":", 1)[1]
    assert preview_link_token(link) == token  # a link's address is stable
    assert forged != token
    assert client.get(f"/preview/shared/{forged}/").status_code == 404
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    gone = client.get(f"/preview/shared/{token}/")
    assert gone.status_code == 410
    assert "expired" in gone.content.decode()
    preview_link_revoke(link=other, actor=chief)
    revoked = client.get(f"/preview/shared/{preview_link_token(other)}/")
    assert revoked.status_code == 410
    assert "withdrew this link" in revoked.content.decode()


def test_only_the_chief_editor_shares_and_revokes(article, chief, editor):
    """Editors may preview but not share; the chief may; lifetimes outside 1..30 days are refused."""
    with pytest.raises(PermissionDenied):
        preview_link_create(article=article, actor=editor, days=7)
    with pytest.raises(ValidationError):
        preview_link_create(article=article, actor=chief, days=0)
    with pytest.raises(ValidationError):
        preview_link_create(article=article, actor=chief, days=31)
    link = preview_link_create(article=article, actor=chief, days=3)
    with pytest.raises(PermissionDenied):
        preview_link_revoke(link=link, actor=editor)
    assert PreviewLink.objects.count() == 1


def test_share_link_pins_a_revision_once(article, chief):
    """Sharing twice without edits reuses the saved revision; an edit makes a new one."""
    first = preview_link_create(article=article, actor=chief, days=2)
    second = preview_link_create(article=article, actor=chief, days=2)
    assert first.revision_id == second.revision_id
    article.summary = "A new summary."
    article.save()
    third = preview_link_create(article=article, actor=chief, days=2)
    assert third.revision_id != first.revision_id


def test_chief_creates_and_revokes_links_in_the_admin(client, article, chief, editor):
    """The admin's add form makes a link through the service and shows its address; the editor has no access."""
    client.force_login(editor)
    assert client.get("/admin/articles/previewlink/add/").status_code == 403
    client.force_login(chief)
    response = client.post(
        "/admin/articles/previewlink/add/", {"article": article.pk, "note": "Dr Lee", "days": 5}, follow=True
    )
    assert response.status_code == 200
    link = PreviewLink.objects.get()
    assert link.created_by == chief
    assert f"/preview/shared/{preview_link_token(link)}/" in response.content.decode()
    bad = client.post("/admin/articles/previewlink/add/", {"article": article.pk, "days": 365})
    assert bad.status_code == 200
    assert PreviewLink.objects.count() == 1
    client.post(
        "/admin/articles/previewlink/",
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_article_page_offers_preview_links(client, article, editor, chief):
    """The article's admin page links to a preview per audience; only the chief sees "Share a preview"."""
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f"/preview/{article.pk}/?audience=patient" in html
    assert "Share a preview" not in html
    client.force_login(chief)
    assert "Share a preview" in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()


def test_preview_query_count_is_bounded(client, editor, audiences, topic, django_assert_max_num_queries):
    """A preview costs a fixed number of queries however many references the article has."""
    article = factories.make_cited_article(author=editor, topic=topic, references=12)
    client.force_login(editor)
    with django_assert_max_num_queries(16):
        assert _preview(client, article).status_code == 200
