"""Reactions inside the articles app: a changed source puts the articles citing it up for re-review."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from references.models import Reference

from .models import Article, ArticleControl, Publication

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
    ArticleControl.objects.filter(
        article__citations__reference=instance, article__publication__status=Publication.Status.APPROVED
    ).update(rereview_reason=reason[:300])
