"""Writing an article's content: create it, derive its citations from its text, link related questions.

Each content change is a django-reversion revision with its author and a comment, so the
history shows who changed what, and the review workflow can pin exactly what was saved.
"""

from collections.abc import Mapping, Sequence

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleBody,
    ArticleControl,
    Citation,
    EditorialPolicy,
    RelatedQuestion,
    SearchSynonym,
    Topic,
)
from articles.rendering import cited_keys
from articles.signals import ContentLocked
from articles.text import normalize_markdown, normalize_plain
from personalization.models import Audience
from references.models import Reference


def article_sync_citations(*, article: Article) -> list[Reference]:
    """Make the article's references exactly those its bodies cite by a key the library knows.

    Editors never attach a reference by hand: the ``[@key]`` markers are the source of truth.
    Keys that resolve to nothing are left for the integrity checks to name.
    """
    keys = {key for body in article.bodies.all() for key in cited_keys(body.body)}
    cited = list(Reference.objects.answering_to(keys)) if keys else []
    wanted = {r.pk for r in cited}
    current = set(article.citations.values_list("reference_id", flat=True))
    if current - wanted:
        article.citations.filter(reference_id__in=current - wanted).delete()
    Citation.objects.bulk_create(Citation(article=article, reference_id=pk) for pk in wanted - current)
    return cited


@transaction.atomic
def article_create(
    *,
    actor: AbstractBaseUser,
    question: str,
    slug: str,
    topic: Topic,
    summary: str,
    bodies: Mapping[Audience, str],
    comment: str = "Created",
) -> Article:
    """A new draft article with one body per audience; its citations follow from the bodies' keys.

    For editors (the admin checks ``articles.add_article``) and for loaders of content files.
    """
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        article = Article.objects.create(
            question=normalize_plain(question), slug=slug, topic=topic, summary=normalize_plain(summary), author=actor
        )
        ArticleBody.objects.bulk_create(
            ArticleBody(article=article, audience=audience, body=normalize_markdown(text))
            for audience, text in bodies.items()
        )
        article_sync_citations(article=article)
        reversion.add_to_revision(article)
    return article


@transaction.atomic
def article_set_related(
    *, article: Article, actor: AbstractBaseUser, related: Sequence[Article], comment: str = "Related questions"
) -> None:
    """Replace the article's related questions with ``related``, in that order (itself is skipped).

    Refused (``ContentLocked``) while the article is locked for review.
    """
    if ArticleControl.objects.filter(article=article, review_locked=True).exists():
        raise ContentLocked(_("This article is under review and read-only. Withdraw the request to edit it."))
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        article.related_links.all().delete()
        RelatedQuestion.objects.bulk_create(
            RelatedQuestion(article=article, related=other, order=order)
            for order, other in enumerate(r for r in related if r.pk != article.pk)
        )
        reversion.add_to_revision(article)


@transaction.atomic
def article_revise(
    *, article: Article, actor: AbstractBaseUser, bodies: Mapping[Audience, str], comment: str = "Revised"
) -> Article:
    """Replace the text of the given audiences' bodies, as one revision; citations follow the text.

    For loaders of content files and scripts (editors revise in the admin). Refused
    (``ContentLocked``) while the article is under review or retired.
    """
    locked = Article.objects.lock_for_workflow(article.pk)
    if locked.control.review_locked or locked.control.retired_at:
        raise ContentLocked(_("This article is under review or retired and cannot be edited now."))
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        for audience, text in bodies.items():
            ArticleBody.objects.update_or_create(
                article=locked, audience=audience, defaults={"body": normalize_markdown(text)}
            )
        article_sync_citations(article=locked)
        reversion.add_to_revision(locked)
    ArticleControl.objects.filter(article=locked).update(edit_version=F("edit_version") + 1)
    return locked


def topic_save(*, slug: str, name: str, description: str = "", order: int = 0) -> Topic:
    """Create the topic with this slug, or update its name, description and order."""
    topic, _created = Topic.objects.update_or_create(
        slug=slug, defaults={"name": name, "description": description, "order": order}
    )
    return topic


def search_synonym_ensure(*, terms: Sequence[str], note: str = "") -> SearchSynonym | None:
    """Add a synonym group unless one with the same terms exists (the demo loader's idempotent path;
    editors use the admin). Returns the new group, or None if it was already there."""
    group = SearchSynonym(terms="\n".join(terms), note=note)
    group.full_clean()
    wanted = set(group.term_list)
    if any(set(existing.term_list) == wanted for existing in SearchSynonym.objects.only("terms")):
        return None
    group.save()
    return group


def editorial_policy_save(*, title: str, body: str, actor: AbstractBaseUser | None = None) -> EditorialPolicy:
    """A new version of the editorial policy (the newest is in force), kept in its history."""
    with transaction.atomic(), reversion.create_revision():
        if actor is not None:
            reversion.set_user(actor)
        return EditorialPolicy.objects.create(title=title, body=body)


def article_change_topic(*, article: Article, topic: Topic, actor: AbstractBaseUser) -> Article:
    """Move an article to another topic (an editor's bulk action): a content edit like any other,
    saved as a revision, refused while the article is under review or retired."""
    if not actor.has_perm("articles.change_article"):
        raise PermissionDenied(_("Only editors may change an article's topic."))
    with transaction.atomic():
        locked = Article.objects.lock_for_workflow(article.pk)
        if locked.control.review_locked or locked.control.retired_at:
            raise ValidationError(
                _("“%(question)s” is under review or retired, so its topic cannot change now.")
                % {"question": locked.question}
            )
        if locked.topic_id == topic.pk:
            return locked
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(_("Topic changed to “%(topic)s”") % {"topic": topic.name})
            locked.topic = topic
            locked.save(update_fields=["topic", "updated_at"])
            reversion.add_to_revision(locked)
        ArticleControl.objects.filter(article=locked).update(edit_version=F("edit_version") + 1)
    return locked
