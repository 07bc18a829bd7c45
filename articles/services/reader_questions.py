"""Readers' questions turned into draft articles."""

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles.models import Article, ArticleBody, Publication, ReaderQuestion, Topic
from personalization.models import Audience

READER_QUESTION_SUMMARY = "Summary to be written: one or two plain sentences answering the question."


def _unique_slug(text: str) -> str:
    base = slugify(text)[:180].strip("-") or "reader-question"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists() or Publication.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _title_from(question: str, limit: int = 300) -> str:
    if len(question) <= limit:
        return question
    return question[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def reader_question_convert(*, reader_question: ReaderQuestion, actor: AbstractBaseUser) -> Article:
    """An editor turns a reader's question into a draft article, in one click from the admin inbox.

    Needs ``articles.add_article``. Locks the question row, so two editors clicking at once
    make one draft; the second is told it is done. The draft takes the question as its title,
    a unique slug, the source article's topic (else the first topic), the editor as author, a
    placeholder summary and a stub body for the default audience, saved as a reversion revision.
    """
    if not actor.has_perm("articles.add_article"):
        raise PermissionDenied(_("Only editors who may add articles can turn questions into drafts."))
    with transaction.atomic():
        question = ReaderQuestion.objects.select_for_update().get(pk=reader_question.pk)
        if question.draft_id is not None:
            raise ValidationError(_("This question has already been turned into a draft."))
        source = Article.objects.select_related("topic").filter(pk=question.article_id).first()
        topic = source.topic if source else Topic.objects.first()
        default = Audience.objects.default()
        if topic is None or default is None:
            raise ValidationError(_("Create a topic and a default audience before turning questions into drafts."))
        title = _title_from(question.question)
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(_("Draft created from a reader's question"))
            article = Article.objects.create(
                question=title, slug=_unique_slug(title), topic=topic, summary=READER_QUESTION_SUMMARY, author=actor
            )
            ArticleBody.objects.create(
                article=article,
                audience=default,
                body=_("A reader asked:\n\n> %(question)s\n\nWrite the answer for %(audience)s here.")
                % {"question": question.question, "audience": default.label},
            )
        question.status = ReaderQuestion.Status.CONVERTED
        question.draft = article
        question.save(update_fields=["status", "draft"])
    return article
