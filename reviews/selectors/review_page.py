"""The review page: exactly what was submitted, compared with what the member needs to see.

Two comparisons, chosen by a tab (``?compare=``): ``approved`` (the revision readers see now as
approved; for a never-approved article, nothing: everything is new) and ``mine`` (the revision
on which this member last asked for changes, so after a resubmission they see only what changed
since). Each comes inline or side by side (``?view=``)."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.citation_diff import entry_fields
from articles.diff_render import ContentComparison, compare_content
from articles.outline import Outline, outline
from articles.rendering import build_resolver, render_markdown
from articles.selectors import approved_publication, figure_resolver_for
from articles.versioning import ArticleContent
from personalization.models import Audience
from references.models import Reference
from reviews.models import REVIEWING_STATES, Assignment, PassageComment, ReviewDecision, ReviewRequest
from reviews.presentation import ReferenceView, annotate_body, reference_views

from .timeline import TimelineEvent, request_timeline
from .translations import TranslationView, translation_views

COMPARES = ("approved", "mine")
VIEWS = ("inline", "side")


@dataclass
class RenderedVersion:
    audience: Audience
    html: str
    references: list[ReferenceView]
    missing: list
    outline: Outline
    comments: list["CommentView"] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"{self.audience.slug}-"


@dataclass
class CommentView:
    comment: PassageComment
    outdated: bool  # its passage (or section) is not in the revision shown


@dataclass
class Comparison:
    key: str  # "approved" | "mine"
    label: str
    available: bool
    description: str
    revision_id: int | None = None


@dataclass
class ReviewPage:
    review_request: ReviewRequest
    content: ArticleContent
    versions: list[RenderedVersion]
    comparisons: list[Comparison]
    compare: Comparison
    view: str
    diff: ContentComparison | None  # None: nothing to compare with, everything is new
    decisions: list[ReviewDecision]
    assignments: list[Assignment]
    my_assignment: Assignment | None
    timeline: list[TimelineEvent]
    references: list[ReferenceView]  # every reference once, for "not yet opened"
    can_comment: bool = False
    comment_count: int = 0
    translations: list[TranslationView] = field(default_factory=list)


def _my_change_request(review_request: ReviewRequest, user) -> ReviewDecision | None:
    """The member's latest change request on an earlier revision of this article (any request)."""
    return (
        ReviewDecision.objects.filter(
            request__article_id=review_request.article_id,
            reviewer=user,
            outcome=ReviewDecision.Outcome.REQUEST_CHANGES,
        )
        .exclude(revision_id=review_request.revision_id)
        .order_by("-created_at")
        .first()
    )


def _comparisons(review_request: ReviewRequest, user, approved, mine) -> list[Comparison]:
    if approved is not None:
        approved_text = _("The approved version readers see now (revision #%(rev)s, reviewed %(date)s).") % {
            "rev": approved.revision_id,
            "date": date_format(approved.last_reviewed, "j M Y") if approved.last_reviewed else "—",
        }
    else:
        approved_text = _("Never approved before: everything in this revision is new.")
    mine_text = (
        _("Your change request of %(date)s (revision #%(rev)s): only what changed since.")
        % {"date": date_format(mine.created_at, "j M Y"), "rev": mine.revision_id}
        if mine is not None
        else _("You have not requested changes on an earlier revision of this article.")
    )
    return [
        Comparison(
            "approved",
            _("Since the approved version"),
            True,
            approved_text,
            approved.revision_id if approved else None,
        ),
        Comparison(
            "mine", _("Since my change request"), mine is not None, mine_text, mine.revision_id if mine else None
        ),
    ]


def _section_url(review_request: ReviewRequest, audience: Audience):
    base = reverse("reviews:comment_new", args=[review_request.pk])
    return lambda index: f"{base}?audience={audience.slug}&section={index}"


def default_compare(review_request: ReviewRequest, user) -> str:
    """ "mine" when the member asked for changes on an earlier revision, else "approved"."""
    return "mine" if _my_change_request(review_request, user) is not None else "approved"


def review_page(review_request: ReviewRequest, *, user, compare: str | None = None, view: str = "inline") -> ReviewPage:
    """Everything the review page shows ``user``, in a fixed number of queries however many
    references, audiences or comments there are (the diff renders each body twice, from one
    reference query). Only a member assigned to a request the board is reviewing, who has not yet
    decided on its revision, gets the ways to comment."""
    content = review_request.pinned_content()
    assignments = list(
        Assignment.objects.filter(request=review_request).select_related("reviewer__board_member", "assigned_by")
    )
    my_assignment = next((a for a in assignments if a.is_active and a.reviewer_id == user.pk), None)
    can_comment = (
        my_assignment is not None and review_request.state in REVIEWING_STATES and not review_request.has_decided(user)
    )
    approved = approved_publication(review_request.article_id)
    mine = _my_change_request(review_request, user)
    comparisons = _comparisons(review_request, user, approved, mine)
    if compare not in COMPARES or (compare == "mine" and mine is None):
        compare = "mine" if mine is not None else "approved"
    chosen = next(c for c in comparisons if c.key == compare)
    old, old_metadata = None, None
    if compare == "mine":
        old = ArticleContent.from_revision(mine.revision_id, review_request.article_id)
        old_metadata = mine.reference_snapshot or None
    elif approved is not None:
        old = ArticleContent.from_revision(approved.revision_id, review_request.article_id)
        old_metadata = {e["key"]: entry_fields(e) for body in approved.bodies.all() for e in body.references}
    if old is not None and old.revision_id == content.revision_id:
        old = content  # re-review of what readers see: no change
    # Nothing to compare with (never approved, no change request of theirs): the page says
    # everything is new and the member reads the revision itself, rather than a wall of insertions.
    diff = compare_content(old, content, old_metadata=old_metadata) if old is not None else None

    resolve = build_resolver(Reference.objects.filter(pk__in=content.reference_ids).with_health())
    audiences = Audience.objects.in_bulk(list(content.bodies))
    figures = figure_resolver_for(content.bodies.values())
    comments = list(
        PassageComment.objects.filter(request=review_request).select_related(
            "author__board_member", "audience", "resolved_by"
        )
    )
    formatted: dict = {}
    versions = []
    for pk, text in sorted(content.bodies.items(), key=lambda kv: (audiences[kv[0]].order, audiences[kv[0]].label)):
        audience = audiences[pk]
        rendered = render_markdown(text, resolve, figures=figures)
        prefix = f"{audience.slug}-"
        references = reference_views(
            rendered.references, prefix=prefix, formatted=formatted, overrides=dict(content.overrides)
        )
        body_outline = outline(rendered.html)
        section_url = _section_url(review_request, audience) if can_comment else None
        version = RenderedVersion(
            audience=audience,
            html=annotate_body(
                rendered.html,
                prefix=prefix,
                references=references,
                section_url=section_url,
                sections=body_outline.sections,
            ),
            references=references,
            missing=rendered.missing,
            outline=body_outline,
        )
        version.comments = [
            CommentView(c, outdated=not c.anchored_in(body_outline.text, body_outline.headings))
            for c in comments
            if c.audience_id == pk
        ]
        versions.append(version)
    unique: dict[str, ReferenceView] = {}
    for version in versions:
        for reference in version.references:
            unique.setdefault(reference.key, reference)
    return ReviewPage(
        review_request=review_request,
        content=content,
        versions=versions,
        comparisons=comparisons,
        compare=chosen,
        view=view if view in VIEWS else "inline",
        diff=diff,
        decisions=list(review_request.decisions.select_related("reviewer__board_member").order_by("created_at")),
        assignments=assignments,
        my_assignment=my_assignment,
        can_comment=can_comment,
        timeline=request_timeline(review_request),
        references=list(unique.values()),
        comment_count=len(comments),
        translations=translation_views(content, old),
    )
