"""Citing a source the library does not have yet (add it by its DOI or PMID, then re-derive the
article's references), and citing a retracted source on purpose, with the reason."""

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from articles.models import Article, ArticleControl, Citation
from articles.signals import ContentLocked
from references.identifiers import is_valid_doi, is_valid_pmid, normalize_citation_key, normalize_doi, normalize_pmid
from references.models import Reference
from references.services import reference_create_for_identifier

from .content import article_sync_citations


def cited_identifier(key: str) -> tuple[str, str] | None:
    """``("doi", "10.x/y")`` or ``("pmid", "123")`` for a cited DOI or PMID key; None for any other key."""
    kind, _sep, _value = normalize_citation_key(key).partition(":")
    value = key.split(":", 1)[1].strip() if ":" in key else ""
    if kind == "doi" and is_valid_doi(normalize_doi(value)):
        return kind, normalize_doi(value)  # as the editor wrote it: DOIs keep their case
    if kind == "pmid" and is_valid_pmid(normalize_pmid(value)):
        return kind, normalize_pmid(value)
    return None


@transaction.atomic
def article_add_reference(*, article: Article, key: str, actor: AbstractBaseUser) -> Reference:
    """Give the cited ``key`` (``doi:10.x/y`` or ``pmid:N``) a reference: an empty one with that
    identifier, for the editor to complete, unless the library has one by now; then derive the
    article's references again, as a new revision.

    For editors who may change the article and add references (the admin checks both).
    Refused (``ContentLocked``) while the article is locked for review; ValidationError for a
    key that is not a valid DOI or PMID.
    """
    if ArticleControl.objects.filter(article=article, review_locked=True).exists():
        raise ContentLocked(_("This article is under review and read-only. Withdraw the request to edit it."))
    identifier = cited_identifier(key)
    if identifier is None:
        raise ValidationError(
            _("Only a DOI or PMID key can be added this way, such as [@doi:10.1056/x] or [@pmid:123].")
        )
    kind, value = identifier
    reference = Reference.objects.answering_to([key]).first() or reference_create_for_identifier(
        **{kind: value}, actor=actor
    )
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(_("Reference “%s” added to the library from its identifier") % reference.citation_key)
        article_sync_citations(article=article)
        reversion.add_to_revision(article)
    return reference


@transaction.atomic
def article_cite_despite_retraction(
    *, article: Article, reference: Reference, reason: str, actor: AbstractBaseUser
) -> None:
    """An editor cites a retracted source on purpose and says why (or clears the reason with an empty
    one). Saved as a revision; the board reads the reason with the revision it reviews."""
    if not actor.has_perm("articles.change_article"):
        raise PermissionDenied(_("Only editors may change an article's references."))
    reason = " ".join(reason.split())
    if len(reason) > 500:
        raise ValidationError(_("Say why in at most 500 characters."))
    locked = Article.objects.lock_for_workflow(article.pk)
    if locked.control.review_locked or locked.control.retired_at:
        raise ContentLocked(_("This article is under review and read-only. Withdraw the request to edit it."))
    citation = Citation.objects.filter(article=locked, reference=reference).first()
    if citation is None:
        raise ValidationError(_("The article does not cite “%(key)s”.") % {"key": reference.citation_key})
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(
            _("Cites “%(key)s” although it was retracted: %(reason)s")
            % {"key": reference.citation_key, "reason": reason}
            if reason
            else _("Reason for citing “%(key)s” removed") % {"key": reference.citation_key}
        )
        Citation.objects.filter(pk=citation.pk).update(override_reason=reason)
        reversion.add_to_revision(locked)
    ArticleControl.objects.filter(article=locked).update(edit_version=F("edit_version") + 1)
