"""Previews: a draft (or a pinned revision) exactly as readers will see it, never public, never cached.

The page is the public article template rendered from a snapshot built in memory by the same
code that publishes, with the caution banner replaced by a "Preview, not public" bar.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.models import Article, Publication, Topic
from articles.selectors import article_page
from articles.services.previews import PreviewLinkGone, PreviewLinkInvalid, preview_link_from_token
from articles.services.publishing import ReviewFacts, ReviewStep, render_snapshot
from articles.versioning import ArticleContent

from .pages import review_steps, version_links


def render_preview(request: HttpRequest, content: ArticleContent, *, note: str) -> HttpResponse:
    """The preview page of ``content`` for ``request.audience``; for editors, board members and share links."""
    rendered = render_snapshot(
        content, status=Publication.Status.PENDING, facts=ReviewFacts(review_step=ReviewStep.SUBMITTED)
    )
    publication = Publication(**rendered.fields)
    publication.topic = Topic.objects.get(pk=content.topic_id)
    page = article_page(
        publication=publication, audience=request.audience, audiences=request.audiences, bodies=rendered.bodies
    )
    context = {
        "page": page,
        "publication": publication,
        "alternates": version_links(request, page, lambda audience: f"{request.path}?audience={audience.slug}"),
        "review_steps": review_steps(publication),
        "preview": {"note": note},
    }
    response = render(request, "articles/article_detail.html", context)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@staff_member_required
def article_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """``/preview/<pk>/``: the article's saved draft, for staff who may view articles."""
    if not request.user.has_perm("articles.view_article"):
        raise Http404
    article = get_object_or_404(Article.objects.prefetch_related("bodies", "citations", "related_links"), pk=pk)
    note = _("This is the saved draft. Readers cannot see it until the Medical Advisory Board approves it.")
    return render_preview(request, ArticleContent.from_article(article), note=note)


@require_safe
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """``/preview/shared/<token>/``: a draft shared by the chief editor with someone without an account."""
    try:
        link = preview_link_from_token(token)
    except PreviewLinkInvalid:
        raise Http404 from None
    except PreviewLinkGone as gone:
        response = render(request, "articles/preview_gone.html", {"link": gone.link}, status=410)
        add_never_cache_headers(response)
        return response
    content = ArticleContent.from_revision(link.revision_id, link.article_id)
    note = _("Shared with you for comment until %(date)s. Please do not pass this link on.") % {
        "date": f"{link.expires_at:%d %B %Y}"
    }
    return render_preview(request, content, note=note)
