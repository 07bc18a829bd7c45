"""Public pages: browse, read an article, the editorial policy, and the site's health."""

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from personalization.selectors import audience_for_request

from .models import EditorialPolicy, Publication, Topic
from .rendering import render_markdown
from .selectors import article_page, topics_with_questions


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "articles/home.html", {"topics": topics_with_questions()})


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    publications = Publication.objects.public().filter(topic=topic).newest_first()
    page = Paginator(publications.only("slug", "question", "summary", "status"), 20).get_page(request.GET.get("page"))
    return render(request, "articles/topic_detail.html", {"topic": topic, "page_obj": page})


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    publication = get_object_or_404(Publication.objects.select_related("article", "topic"), slug=slug)
    if publication.article.is_retired:
        return render(request, "articles/article_retired.html", {"publication": publication}, status=410)
    if not Publication.objects.public().filter(pk=publication.pk).exists():
        return page_not_found(request, None)
    audience = audience_for_request(request)
    page = article_page(publication=publication, audience=audience, audiences=request._audiences)
    response = render(request, "articles/article_detail.html", {"page": page, "publication": publication})
    patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def editorial_policy(request: HttpRequest) -> HttpResponse:
    policy = EditorialPolicy.objects.first()
    html = render_markdown(policy.body).html if policy else ""
    return render(request, "articles/editorial_policy.html", {"policy": policy, "policy_html": html})


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness plus a round trip to the database; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the database may be why we are here.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
