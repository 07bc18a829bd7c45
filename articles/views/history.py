"""The public version history of an article: each approved version's date, reviewers and changes."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Publication, PublishedVersion


@require_safe
def article_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Listed newest first. Answers as the article page does for retired (410), expired (410) and
    unknown or non-public articles (404); an article never approved has no history (404). It never
    shows an old version's text, references or disclaimer: those are served only as current."""
    publication = Publication.objects.select_related("article__control").filter(slug=slug).first()
    if publication is None:
        raise Http404
    if publication.article.is_retired:
        return render(request, "articles/article_retired.html", {"publication": publication}, status=410)
    if publication.is_expired:
        return render(request, "articles/article_expired.html", {"publication": publication}, status=410)
    if not publication.is_public or publication.status != Publication.Status.APPROVED:
        raise Http404
    versions = PublishedVersion.objects.filter(article_id=publication.article_id).newest_first().defer("outline")
    context = {
        "publication": publication,
        "versions": list(versions),
        "canonical_url": request.build_absolute_uri(reverse("articles:article_history", kwargs={"slug": slug})),
    }
    return render(request, "articles/article_history.html", context)
