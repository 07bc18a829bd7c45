"""Comments on passages: a reviewer points at a sentence (or a whole section) of the pinned
revision; the editor answers each. Comments never change content and never become public:
nothing here touches the articles app, and no snapshot or public template reads them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from articles.outline import Outline, outline
from articles.rendering import build_resolver, render_markdown
from articles.selectors import figure_resolver_for
from articles.versioning import ArticleContent
from references.models import Reference
from reviews.models import REVIEWING_STATES, PassageComment, ReviewRequest, anchor_key

from .common import active_assignment, audit, board_member_for, display_name

MAX_QUOTE = 1000


def body_outline(content: ArticleContent, audience_id: int) -> Outline | None:
    """The rendered text and sections of one audience's body in ``content`` (None: no such body)."""
    text = content.bodies.get(audience_id)
    if text is None:
        return None
    resolve = build_resolver(Reference.objects.filter(pk__in=content.reference_ids))
    rendered = render_markdown(text, resolve, figures=figure_resolver_for([text]))
    return outline(rendered.html)


def passage_comment_add(
    *,
    review_request: ReviewRequest,
    author,
    audience,
    revision_id: int,
    body: str,
    quote: str = "",
    prefix: str = "",
    suffix: str = "",
    section_index: int | None = None,
) -> PassageComment:
    """A reviewer assigned to the request comments on a passage of the pinned revision.

    The anchor is a ``quote`` (with some ``prefix``/``suffix`` context) that must appear in the
    rendered text of ``audience``'s body, or a whole section (``section_index``; 0 is the text
    before the first heading). Allowed while the board is reviewing the request, for a member with
    an active assignment (PermissionDenied otherwise), on the revision the page showed
    (``revision_id``; TransitionNotAllowed when a newer one was pinned). ValidationError for an
    empty comment or an anchor that is not in the revision. Writes a "comment" audit row.
    """
    board_member_for(author)
    body = (body or "").strip()
    quote = " ".join((quote or "").split())
    problems = {}
    if not body:
        problems["body"] = _("Write your comment.")
    elif len(body) > 5000:
        problems["body"] = _("Keep the comment under 5,000 characters.")
    if len(quote) > MAX_QUOTE:
        problems["quote"] = _("Quote at most %(n)d characters of the passage.") % {"n": MAX_QUOTE}
    if not quote and section_index is None:
        problems["quote"] = _("Quote the passage you comment on, or choose a section.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        review_request = ReviewRequest.objects.select_for_update().select_related("article").get(pk=review_request.pk)
        if review_request.state not in REVIEWING_STATES:
            raise TransitionNotAllowed(
                _("This request is “%s”: comments can only be added while the board is reviewing it.")
                % review_request.get_state_display()
            )
        if revision_id != review_request.revision_id:
            raise TransitionNotAllowed(_("A newer revision was submitted after you opened the page. Read it first."))
        active_assignment(review_request, author)
        body_text = body_outline(review_request.pinned_content(), audience.pk)
        if body_text is None:
            raise ValidationError({"audience": _("The submitted revision has no body for “%s”.") % audience.label})
        section = ""
        if quote:
            if anchor_key(quote) not in anchor_key(body_text.text):
                raise ValidationError(
                    {
                        "quote": _(
                            "The passage you quoted is not in the submitted revision (for “%s”). "
                            "Select it again from the text as it is now."
                        )
                        % audience.label
                    }
                )
            section_index = None
        else:
            found = body_text.section(section_index)
            if found is None:
                raise ValidationError({"section": _("That section is not in the submitted revision.")})
            section = found.heading
        comment = PassageComment.objects.create(
            request=review_request,
            revision_id=review_request.revision_id,
            author=author,
            audience=audience,
            quote=quote,
            prefix=" ".join((prefix or "").split())[-200:] if quote else "",
            suffix=" ".join((suffix or "").split())[:200] if quote else "",
            section_index=section_index,
            section=section,
            body=body,
        )
        audit(
            review_request=review_request,
            actor=author,
            transition="comment",
            from_state=review_request.state,
            comment=body,
            details={
                "comment": comment.pk,
                "audience": audience.slug,
                "passage": quote[:200] or section or _("opening section"),
            },
        )
    return comment


def passage_comment_resolve(*, comment: PassageComment, reply: str, actor) -> PassageComment:
    """An editor answers a comment the reviewer sent with a decision, and marks it resolved.

    Needs ``articles.change_article``. Refused (ValidationError) for an empty reply, a comment not
    yet sent to the editors or already resolved. Writes a "resolve" audit row.
    """
    if not actor.has_perm("articles.change_article"):
        raise PermissionDenied(_("Only editors may resolve the board's comments."))
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("Reply to the comment: say what you changed, or why not.")})
    if len(reply) > 2000:
        raise ValidationError({"reply": _("Keep the reply under 2,000 characters.")})
    with transaction.atomic():
        comment = PassageComment.objects.select_for_update().select_related("request", "author").get(pk=comment.pk)
        if comment.sent_at is None:
            raise ValidationError(_("This comment has not been sent to the editors yet."))
        if comment.resolved_at is not None:
            raise ValidationError(_("This comment is already resolved."))
        comment.reply, comment.resolved_by, comment.resolved_at = reply, actor, timezone.now()
        comment.save(update_fields=["reply", "resolved_by", "resolved_at"])
        audit(
            review_request=comment.request,
            actor=actor,
            transition="resolve",
            from_state=comment.request.state,
            comment=reply,
            details={"comment": comment.pk, "reviewer": display_name(comment.author)},
        )
    return comment
