"""Reactions inside the articles app: a changed source puts the articles citing it up for re-review."""

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from references.models import Finding, Reference
from references.signals import reference_health_changed, references_merged

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
    articles_flag_citing(reference=instance, reason=reason)


def articles_flag_citing(*, reference: Reference, reason: str) -> list[int]:
    """Send the approved articles citing ``reference`` back to the board with ``reason`` (the
    periodic re-review job opens and routes their review requests); returns the newly flagged ids."""
    flagged = ArticleControl.objects.filter(
        article__citations__reference=reference, article__publication__status=Publication.Status.APPROVED
    )
    newly_flagged = list(flagged.filter(rereview_reason="").values_list("article_id", flat=True))
    flagged.update(rereview_reason=reason[:300])
    for article_id in newly_flagged:
        events.send_on_commit(events.article_flagged_for_rereview, article_id=article_id, reason="source_changed")
    return newly_flagged


@receiver(reference_health_changed)
def flag_articles_citing_an_unhealthy_source(sender, reference: Reference, finding, **kwargs) -> None:
    """A cited source was retracted, corrected, questioned, superseded or its link died: every approved
    article citing it goes back to the board, the reason naming the source and the finding."""
    if finding.kind in (Finding.Kind.RETRACTED, Finding.Kind.REINSTATED):
        from .services.reference_notes import published_references_refresh

        published_references_refresh(reference=reference)
    if not (finding.is_problem or finding.kind == "superseded"):
        return
    reason = _("Reference “%(key)s”: %(finding)s") % {"key": reference.citation_key, "finding": finding.describe()}
    articles_flag_citing(reference=reference, reason=reason)


@receiver(references_merged)
def cite_the_survivor_of_a_merge(sender, merged: Reference, survivor: Reference, **kwargs) -> None:
    """Two references were one work: articles that cite the merged one cite the survivor instead
    (their keys keep resolving, to the survivor). An article locked for review keeps its rows until
    it is editable again; its next save derives them anew."""
    from reversion import add_to_revision, create_revision, set_comment

    from .services.content import article_sync_citations

    comment = _("References merged: “%(merged)s” into “%(survivor)s”") % {
        "merged": merged.citation_key,
        "survivor": survivor.citation_key,
    }
    citing = Article.objects.filter(citations__reference=merged, control__review_locked=False).distinct()
    for article in citing:
        with transaction.atomic(), create_revision():
            set_comment(comment)
            article_sync_citations(article=article)
            add_to_revision(article)


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
