"""Writing translations: an article's question, summary and bodies in another language.

A translation is content like the rest: each change is a django-reversion revision of the
article, so it is in the revision the board reads and is published only through the workflow.
"""

from collections.abc import Mapping

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticleControl, ArticleTranslation, ArticleTranslationBody
from articles.signals import ContentLocked
from articles.text import normalize_markdown, normalize_plain
from articles.versioning import ArticleContent
from personalization.models import Audience, Language


def translation_mark_current(*, translation: ArticleTranslation, source: ArticleContent) -> None:
    """Record that ``translation`` now translates ``source`` (the article's live source-language
    content): it is up to date until the source text changes. Saves nothing by itself."""
    translation.source_fingerprint = source.source_fingerprint()
    translation.source_date = timezone.localdate()


@transaction.atomic
def article_translation_save(
    *,
    article: Article,
    language: Language,
    actor: AbstractBaseUser,
    question: str,
    summary: str,
    bodies: Mapping[Audience, str],
    up_to_date: bool = True,
    comment: str = "",
) -> ArticleTranslation:
    """Create or replace the article's translation into ``language`` (a non-default language), as
    one revision. With ``up_to_date`` it is recorded as translating the current source text.

    For editors (the admin checks ``articles.change_article``) and content loaders. Locks the
    article's workflow row; refused (``ContentLocked``) while under review or retired.
    """
    if language.is_default:
        raise ValidationError(_("The default language is the source; it has no translation."))
    if not question.strip() or not summary.strip():
        raise ValidationError(_("A translation needs its question and summary."))
    locked = Article.objects.lock_for_workflow(article.pk)
    if locked.control.review_locked or locked.control.retired_at:
        raise ContentLocked(_("This article is under review or retired and cannot be edited now."))
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment or _("Translation (%(language)s)") % {"language": language.name})
        translation, _created = ArticleTranslation.objects.get_or_create(
            article=locked,
            language=language,
            defaults={"question": normalize_plain(question), "summary": normalize_plain(summary)},
        )
        translation.question = normalize_plain(question)
        translation.summary = normalize_plain(summary)
        if up_to_date:
            translation_mark_current(translation=translation, source=ArticleContent.from_article(locked))
        translation.save()
        translation.bodies.exclude(audience__in=list(bodies)).delete()
        for audience, text in bodies.items():
            ArticleTranslationBody.objects.update_or_create(
                translation=translation, audience=audience, defaults={"body": normalize_markdown(text)}
            )
        reversion.add_to_revision(locked)
    ArticleControl.objects.filter(article=locked).update(edit_version=F("edit_version") + 1)
    return translation
