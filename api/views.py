"""The read-only content API for partners: topics, articles, one article, search; and its docs."""

import hashlib
from calendar import timegm

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from personalization.selectors import audiences_in_order

from . import parameters, representations, selectors
from .exceptions import BadParameter, Gone
from .pagination import ArticleCursorPagination, SearchPagination
from .serializers import (
    ArticleDetailSerializer,
    ArticlePageSerializer,
    ErrorSerializer,
    SearchPageSerializer,
    TopicListSerializer,
)
from .services import api_key_record_use

_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No key, an unknown key or a revoked key."),
    429: OpenApiResponse(ErrorSerializer, description="Over the key's rate limit; see the Retry-After header."),
}
_BAD = {400: OpenApiResponse(ErrorSerializer, description="A bad or unknown query parameter (named in `parameter`).")}
_NOT_MODIFIED = {304: OpenApiResponse(description="Not modified since the ETag or date you sent.")}
_LANGUAGE = OpenApiParameter(
    "language",
    str,
    enum=[settings.LANGUAGE_CODE],
    description=(
        "A language code (`en`, the default, or another the site publishes in, e.g. `es`). Other "
        "languages give each article's translation, and only articles translated into it; a "
        "translation of an older English version says so (`translation_outdated`)."
    ),
)
_AUDIENCE_FILTER = OpenApiParameter(
    "audience", str, description="Only articles with their own version for this audience (a slug, e.g. `patient`)."
)
_PAGE_SIZE = OpenApiParameter("page_size", int, description="1 to 100.")


class ContentView(APIView):
    """Key required (``REST_FRAMEWORK`` defaults); counts each request served; ETag and
    Last-Modified on every 200, with 304 for a matching conditional request; private caching."""

    last_modified = None  # a datetime, set by a view that knows it

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)  # authentication, permission, rate limit
        api_key_record_use(api_key=request.auth)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
            timestamp = None
            if self.last_modified is not None:
                timestamp = timegm(self.last_modified.utctimetuple())
                response["Last-Modified"] = http_date(timestamp)
            response = get_conditional_response(
                request, etag=response["ETag"], last_modified=timestamp, response=response
            )
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Authorization", "X-Api-Key"])
        return response


class TopicListView(ContentView):
    @extend_schema(
        operation_id="topics_list",
        summary="Topics",
        description="Every topic, with the number of approved articles in it.",
        responses={200: TopicListSerializer, **_NOT_MODIFIED, **_ERRORS},
    )
    def get(self, request):
        parameters.check_known(request, set())
        topics = selectors.topics_with_counts()
        data = {"results": [representations.topic(request, t) for t in topics]}
        return Response(TopicListSerializer(data).data)


class ArticleListView(ContentView):
    @extend_schema(
        operation_id="articles_list",
        summary="Articles",
        description=(
            "Approved articles, oldest change first, in cursor pages: follow `next` until it is null. "
            "To stay in sync, keep the largest `modified_at` you have seen and ask again with "
            "`modified_since`. Retired articles leave the list (a webhook says when)."
        ),
        parameters=[
            OpenApiParameter(
                "modified_since",
                str,
                description="ISO 8601 date or date-time (UTC when no offset is given): articles changed at or after it.",
            ),
            OpenApiParameter("topic", str, description="A topic slug from /api/v1/topics/."),
            _AUDIENCE_FILTER,
            _LANGUAGE,
            OpenApiParameter("cursor", str, description="Opaque; take it from a `next` or `previous` link."),
            _PAGE_SIZE,
        ],
        responses={200: ArticlePageSerializer, **_NOT_MODIFIED, **_BAD, **_ERRORS},
    )
    def get(self, request):
        parameters.check_known(request, {"modified_since", "topic", "audience", "language", "cursor", "page_size"})
        audiences = audiences_in_order()
        language = parameters.language(request)
        queryset = selectors.article_list(
            modified_since=parameters.modified_since(request),
            topic=parameters.topic(request),
            audience=parameters.audience(request, audiences),
            language=language,
        )
        paginator = ArticleCursorPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        by_id = {a.pk: a for a in audiences}
        if page:
            self.last_modified = max(p.published_at for p in page)
        data = {
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": [representations.article_summary(request, p, by_id, language=language) for p in page],
        }
        return Response(ArticlePageSerializer(data).data)


class ArticleDetailView(ContentView):
    @extend_schema(
        operation_id="articles_retrieve",
        summary="One article",
        description=(
            "One approved article for one audience and language: exactly what the public page shows "
            "(the same snapshot), as HTML, plain text and sections, with its references, related "
            "questions, review facts and the audience's disclaimer. An article without a version for the "
            "requested audience serves the default audience's version with `showing_fallback: true`, "
            "as the public page does. A retired article answers 410."
        ),
        parameters=[
            OpenApiParameter(
                "audience",
                str,
                description="An audience slug (e.g. `professional`, `patient`); the default if omitted.",
            ),
            _LANGUAGE,
        ],
        responses={
            200: ArticleDetailSerializer,
            **_NOT_MODIFIED,
            **_BAD,
            **_ERRORS,
            404: OpenApiResponse(ErrorSerializer, description="No approved article has this slug."),
            410: OpenApiResponse(ErrorSerializer, description="The publisher retired this article."),
        },
    )
    def get(self, request, slug: str):
        parameters.check_known(request, {"audience", "language"})
        audiences = audiences_in_order()
        language = parameters.language(request)
        requested = parameters.audience(request, audiences) or next((a for a in audiences if a.is_default), None)
        publication = selectors.publication_by_slug(slug)
        if publication is None or requested is None:
            raise NotFound("No approved article has this slug.", "not_found")
        if publication.article.is_retired and publication.status == publication.Status.APPROVED:
            raise Gone()
        if not selectors.is_licensed(publication):
            raise NotFound("No approved article has this slug.", "not_found")
        page = selectors.licensed_page(
            publication=publication, audience=requested, audiences=audiences, language=language
        )
        if page is None:
            raise NotFound("This article is not published in the requested language.", "not_found")
        self.last_modified = publication.published_at
        data = representations.article_detail(request, page, requested=requested, language=language)
        return Response(ArticleDetailSerializer(data).data)


class SearchView(ContentView):
    @extend_schema(
        operation_id="search",
        summary="Search",
        description=(
            "Full-text search of the approved articles, best match first, in numbered pages. "
            "`q` takes web-search syntax: quoted phrases, `-word` to exclude, `or`; every word is required "
            "and the editors' synonyms apply. At most the best `SEARCH_RESULTS_CAP` (200) matches are ranked "
            "and paged: `count` is how many of those there are, and `more` is true when other articles "
            "matched as well (make the query more specific)."
        ),
        parameters=[
            OpenApiParameter("q", str, required=True, description="At most 200 characters."),
            OpenApiParameter("topic", str, description="A topic slug from /api/v1/topics/."),
            _LANGUAGE,
            OpenApiParameter("page", int, description="From 1."),
            _PAGE_SIZE,
        ],
        responses={200: SearchPageSerializer, **_NOT_MODIFIED, **_BAD, **_ERRORS},
    )
    def get(self, request):
        parameters.check_known(request, {"q", "topic", "language", "page", "page_size"})
        if parameters.language(request) != settings.LANGUAGE_CODE:
            raise BadParameter(
                "language",
                _("The API searches the English answers only for now; leave out “language”, or use en."),
                "unsupported_language",
            )
        query = parameters.search_query(request)
        results = selectors.licensed_search(query, topic=parameters.topic(request))
        paginator = SearchPagination()
        ids = paginator.paginate_queryset(results.ids, request, view=self)
        data = {
            "count": paginator.page.paginator.count,
            "more": results.more,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": [representations.search_hit(request, p, query) for p in selectors.licensed_search_page(ids)],
        }
        return Response(SearchPageSerializer(data).data)


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI from our own static files (drf-spectacular-sidecar), under the site's strict CSP."""
    return render(request, "api/docs.html")
