"""Public pages: browse, read an article, the editorial policy, and the site's health."""

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.models import EditorialPolicy, Publication, Topic
from articles.rendering import render_markdown
from articles.selectors import article_page, topics_with_questions
from articles.structured_data import medical_web_page
from personalization.selectors import audience_for_request


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
    publication = get_object_or_404(Publication.objects.select_related("article__control", "topic"), slug=slug)
    if publication.article.is_retired:
        return render(request, "articles/article_retired.html", {"publication": publication}, status=410)
    if not publication.is_public:
        return page_not_found(request, None)
    audience = audience_for_request(request)
    page = article_page(publication=publication, audience=audience, audiences=request._audiences)
    path = publication.get_absolute_url()
    # Visible version links name their audience (a cookie must not override the click); the head's
    # rel=alternate links give each version's canonical URL, the bare path for the default audience.
    alternates = [
        {
            "audience": a,
            "url": request.build_absolute_uri(f"{path}?{urlencode({'audience': a.slug})}"),
            "canonical": request.build_absolute_uri(
                path if a.is_default else f"{path}?{urlencode({'audience': a.slug})}"
            ),
        }
        for a in page.available_audiences
    ]
    shown = page.body.audience if page.body else audience
    canonical = request.build_absolute_uri(
        path if shown.is_default else f"{path}?{urlencode({'audience': shown.slug})}"
    )
    context = {
        "page": page,
        "publication": publication,
        "alternates": alternates,
        "canonical_url": canonical,
        "review_steps": review_steps(publication),
        "board_url": reverse("reviews:advisory_board"),
        "jsonld": medical_web_page(page, canonical_url=canonical),
    }
    response = render(request, "articles/article_detail.html", context)
    # The body depends on ?audience= (in the URL) and on the audience cookie.
    patch_vary_headers(response, ["Cookie"])
    return response


def review_steps(publication: Publication) -> list[dict]:
    """The status tracker: Submitted, Under review, Approved, from the workflow's own record."""
    order = ["submitted", "under_review", "approved"]
    labels = [_("Submitted"), _("Under review"), _("Approved")]
    current = order.index(publication.review_state) if publication.review_state in order else 0
    return [
        {"label": label, "done": i < current or publication.review_state == "approved", "current": i == current}
        for i, label in enumerate(labels)
    ]


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
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the database may be why we are here.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
