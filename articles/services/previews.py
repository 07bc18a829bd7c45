"""Share links: a signed, expiring, revocable view of one saved revision of a draft."""

from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from articles.models import Article, PreviewLink
from articles.versioning import ArticleContent

_SALT = "articles.preview-link"


class PreviewLinkInvalid(Exception):
    """The token was tampered with or names no link: answer 404."""


class PreviewLinkGone(Exception):
    """The link expired or was revoked: answer 410 with a clear page."""

    def __init__(self, link: PreviewLink):
        self.link = link
        super().__init__(str(link))


def _current_revision_id(article: Article, actor: AbstractBaseUser) -> int:
    """The revision holding the article's saved content; one is made if the saved rows are newer."""
    version = Version.objects.get_for_object(article).select_related("revision").first()
    if version is not None:
        saved = ArticleContent.from_revision(version.revision_id, article.pk)
        if saved.fingerprint() == ArticleContent.from_article(article).fingerprint():
            return version.revision_id
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(actor)
        reversion.set_comment(_("Saved for a preview link"))
        reversion.add_to_revision(article)
    return Version.objects.get_for_object(article).first().revision_id


def preview_link_create(*, article: Article, actor: AbstractBaseUser, days: int, note: str = "") -> PreviewLink:
    """The chief editor (``articles.add_previewlink``) shares the article's saved content for ``days`` days."""
    if not actor.has_perm("articles.add_previewlink"):
        raise PermissionDenied(_("Only the chief editor may share previews with people outside the team."))
    if not 1 <= days <= settings.PREVIEW_LINK_MAX_DAYS:
        raise ValidationError(
            _("A preview link lasts between 1 and %(max)d days.") % {"max": settings.PREVIEW_LINK_MAX_DAYS}
        )
    with transaction.atomic():
        return PreviewLink.objects.create(
            article=article,
            revision_id=_current_revision_id(article, actor),
            note=note.strip(),
            created_by=actor,
            expires_at=timezone.now() + timedelta(days=days),
        )


def preview_link_revoke(*, link: PreviewLink, actor: AbstractBaseUser) -> PreviewLink:
    """Stop a link from working at once (``articles.change_previewlink``)."""
    if not actor.has_perm("articles.change_previewlink"):
        raise PermissionDenied(_("Only the chief editor may revoke preview links."))
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def preview_link_token(link: PreviewLink) -> str:
    """The signed token in the link's URL; it cannot be forged or pointed at another link. It carries
    no time of its own (the row's expiry and revocation decide), so a link's address never changes."""
    return signing.Signer(salt=_SALT).sign_object(link.pk)


def preview_link_from_token(token: str) -> PreviewLink:
    """The link a token names: PreviewLinkInvalid if forged, PreviewLinkGone if expired or revoked."""
    try:
        pk = signing.Signer(salt=_SALT).unsign_object(token)
    except signing.BadSignature as error:
        raise PreviewLinkInvalid(token) from error
    link = PreviewLink.objects.select_related("article").filter(pk=pk).first() if isinstance(pk, int) else None
    if link is None:
        raise PreviewLinkInvalid(token)
    if not link.is_active:
        raise PreviewLinkGone(link)
    return link
