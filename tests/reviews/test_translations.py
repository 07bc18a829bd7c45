"""The board reads translations with the revision, and sees outdated ones on its dashboard."""

import pytest

from articles.services import article_revise, article_translation_save
from personalization.models import Audience
from reviews.services import review_submit
from tests.factories import approve, make_language

pytestmark = pytest.mark.django_db


def translate(article, editor, body):
    professional = Audience.objects.get(slug="professional")
    article_translation_save(
        article=article,
        language=make_language(),
        actor=editor,
        question="¿Qué causa el dolor lumbar?",
        summary="Un resumen breve.",
        bodies={professional: body},
    )


def test_review_page_shows_the_translation_and_its_changes(client, article, editor, reviewer):
    """A new translation is listed with its language and text; a later change shows as a word diff."""
    translate(article, editor, "Casi siempre muscular.")
    request = review_submit(article=article, actor=editor)
    client.force_login(reviewer)
    html = client.get(f"/review/{request.pk}/").content.decode()
    assert 'id="translations"' in html
    assert "Spanish (Español) ·" in html
    assert "Casi siempre muscular." in html
    assert "up to date with this revision" in html
    client.logout()
    from reviews.services import review_decide, review_start
    from tests.factories import attestation

    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="Ok.", **attestation())
    translate(article, editor, "Casi siempre de origen muscular.")
    second = review_submit(article=article, actor=editor, change_summary="Spanish wording.")
    client.force_login(reviewer)
    html = client.get(f"/review/{second.pk}/").content.decode()
    assert "<ins>de origen </ins>" in html or "<ins>de origen muscular.</ins>" in html


def test_dashboard_lists_outdated_translations(client, article, editor, reviewer):
    """Approving a new English text without the translation puts it on the dashboard."""
    translate(article, editor, "Casi siempre muscular.")
    approve(article, editor=editor, reviewer=reviewer)
    client.force_login(reviewer)
    html = client.get("/review/").content.decode()
    section = html[html.index('id="queue-outdated-translations"') :]
    assert article.question not in section
    key = article.citations.first().reference.citation_key
    professional = Audience.objects.get(slug="professional")
    article_revise(article=article, actor=editor, bodies={professional: f"New advice [@{key}]."})
    approve(article, editor=editor, reviewer=reviewer)
    html = client.get("/review/").content.decode()
    section = html[html.index('id="queue-outdated-translations"') :]
    assert article.question in section
    assert "Spanish" in section
