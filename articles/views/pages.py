"""Public pages: browse, read an article, the editorial policy."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from articles.models import EditorialPolicy, Publication, Topic
from articles.rendering import render_markdown
from articles.selectors import (
    article_page,
    figure_resolver_for,
    published_bodies,
    published_translation,
    topics_with_questions,
    translate_page,
)
from articles.structured_data import medical_web_page


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
    """The article page in three queries: the audiences, the snapshot with its bodies, related questions.

    The body and its reference list were rendered when the snapshot was stored."""
    bodies = published_bodies(slug=slug, audience=request.audience, audiences=request.audiences)
    if not bodies:
        raise Http404
    publication = bodies[0].publication
    if publication.article.is_retired:
        return render(request, "articles/article_retired.html", {"publication": publication}, status=410)
    if publication.is_expired:
        return render(request, "articles/article_expired.html", {"publication": publication}, status=410)
    if not publication.is_public:
        raise Http404
    page = article_page(publication=publication, audience=request.audience, audiences=request.audiences, bodies=bodies)
    translation = None
    if request.LANGUAGE_CODE != settings.LANGUAGE_CODE:
        translation = published_translation(publication=publication, code=request.LANGUAGE_CODE)
        if translation is None:  # not in this language (yet): the answer in the source language
            return redirect(publication.get_absolute_url(request.audience, language=settings.LANGUAGE_CODE))
        translate_page(page, translation)
    alternates = version_links(request, page, lambda a: publication.get_absolute_url(a, explicit=True))
    shown = page.body.audience if page.body else request.audience
    canonical = request.build_absolute_uri(publication.get_absolute_url(shown))
    context = {
        "page": page,
        "publication": publication,
        "translation": translation,
        "source_url": publication.get_absolute_url(shown, language=settings.LANGUAGE_CODE),
        "languages": language_links(request, publication, page),
        "alternates": alternates,
        "canonical_url": canonical,
        "review_steps": review_steps(publication),
        "jsonld": medical_web_page(page, canonical_url=canonical),
    }
    return render(request, "articles/article_detail.html", context)


def version_links(request: HttpRequest, page, url_for) -> list[dict]:
    """Each audience's version: the visible link (``url_for``) and the canonical URL for the head."""
    return [
        {
            "audience": a,
            "url": request.build_absolute_uri(url_for(a)),
            "canonical": request.build_absolute_uri(page.publication.get_absolute_url(a)),
        }
        for a in page.available_audiences
    ]


def language_links(request: HttpRequest, publication: Publication, page) -> list[dict]:
    """The shown audience's version in each language the answer is published in: the ``hreflang``
    alternates (plus ``x-default``, the source language) and the language chooser."""
    names = dict(settings.LANGUAGES)
    codes = [settings.LANGUAGE_CODE, *(c for c in publication.languages if c in names)]
    if len(codes) < 2:
        return []
    shown = page.body.audience if page.body else request.audience
    return [
        {
            "code": code,
            "name": names[code],
            "current": code == request.LANGUAGE_CODE,
            "url": request.build_absolute_uri(publication.get_absolute_url(shown, language=code)),
        }
        for code in codes
    ]


def review_steps(publication: Publication) -> list[dict]:
    """The status tracker: Submitted, Under review, Approved, from the snapshot's review step."""
    steps = list(Publication.ReviewStep)
    current = steps.index(publication.review_step) if publication.review_step in steps else 0
    approved = publication.review_step == Publication.ReviewStep.APPROVED
    return [
        {"label": step.label, "done": i < current or approved, "current": i == current} for i, step in enumerate(steps)
    ]


@require_safe
def editorial_policy(request: HttpRequest) -> HttpResponse:
    policy = EditorialPolicy.objects.first()
    html = render_markdown(policy.body, figures=figure_resolver_for([policy.body])).html if policy else ""
    return render(request, "articles/editorial_policy.html", {"policy": policy, "policy_html": html})
