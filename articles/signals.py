"""Reactions inside the articles app: a changed source puts the articles citing it up for re-review."""

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from references.models import Reference

from . import events
from .models import Article, ArticleBody, ArticleControl, Citation, Publication, RelatedQuestion

# Fields whose change alters what readers see in a reference list.
_WATCHED = ("title", "authors", "source", "year", "volume", "issue", "pages", "doi", "pmid", "url", "type")


@receiver(post_save, sender=Article)
def create_article_control(sender, instance: Article, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw:
        ArticleControl.objects.get_or_create(article=instance)


@receiver(pre_save, sender=Reference)
def remember_reference(sender, instance: Reference, **kwargs) -> None:
    if instance.pk:
        instance._before = Reference.objects.filter(pk=instance.pk).values(*_WATCHED).first()


@receiver(post_save, sender=Reference)
def flag_citing_articles(sender, instance: Reference, created: bool, **kwargs) -> None:
    before = getattr(instance, "_before", None)
    if created or before is None:
        return
    changed = [name for name in _WATCHED if before[name] != getattr(instance, name)]
    if not changed:
        return
    reason = _("Reference “%(key)s” changed (%(fields)s).") % {
        "key": instance.citation_key,
        "fields": ", ".join(changed),
    }
    flagged = ArticleControl.objects.filter(
        article__citations__reference=instance, article__publication__status=Publication.Status.APPROVED
    )
    newly_flagged = list(flagged.filter(rereview_reason="").values_list("article_id", flat=True))
    flagged.update(rereview_reason=reason[:300])
    for article_id in newly_flagged:
        events.send_on_commit(events.article_flagged_for_rereview, article_id=article_id, reason="source_changed")


class ContentLocked(Exception):
    """Raised when something tries to change an article's content while it is under review."""


def _article_id(instance) -> int | None:
    return instance.pk if isinstance(instance, Article) else getattr(instance, "article_id", None)


@receiver(pre_save, sender=Article)
@receiver(pre_save, sender=ArticleBody)
@receiver(pre_save, sender=Citation)
@receiver(pre_save, sender=RelatedQuestion)
@receiver(pre_delete, sender=ArticleBody)
@receiver(pre_delete, sender=Citation)
@receiver(pre_delete, sender=RelatedQuestion)
def refuse_edits_under_review(sender, instance, raw: bool = False, **kwargs) -> None:
    """Invariant 2, in depth: whatever the entry point, locked content cannot be saved or deleted."""
    article_id = _article_id(instance)
    if raw or article_id is None:
        return
    if ArticleControl.objects.filter(article_id=article_id, review_locked=True).exists():
        raise ContentLocked(_("This article is under review and read-only. Withdraw the request to edit it."))
