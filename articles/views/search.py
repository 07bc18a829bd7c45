"""``/search/``: full-text search of the public answers."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.models import Topic
from articles.search import MAX_QUERY_LENGTH, InvalidQuery, page_publications, snippet_for, validate_query
from articles.search import search as find_answers
from articles.search.languages import search_translations
from personalization.models import Language

RESULTS_PER_PAGE = 10


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Ranked public answers with highlighted snippets, by topic if asked; "did you mean" for
    misspellings (``?spell=0`` searches the words as typed); a clear message for bad queries."""
    topics = list(Topic.objects.all())
    topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
    context = {"topics": topics, "topic": topic, "page_obj": None, "hits": [], "max_length": MAX_QUERY_LENGTH}
    try:
        query = validate_query(request.GET.get("q", ""))
    except InvalidQuery as error:
        # Nothing of the refused query is echoed back, not even in the chooser's return address.
        context.update(error=str(error), search_query="", next_url=request.path)
        return render(request, "articles/search.html", context, status=400)
    context["search_query"] = query
    if not query:
        context["prompt"] = _("Type a few words to search, for example “back pain between the shoulder blades”.")
        return render(request, "articles/search.html", context)
    if request.LANGUAGE_CODE != settings.LANGUAGE_CODE:
        return _search_in_language(request, query, topic, context)
    results = find_answers(query, topic_id=topic.pk if topic else None, correct=request.GET.get("spell") != "0")
    page = Paginator(results.ids, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    hits = page_publications(list(page.object_list))
    context.update(page_obj=page, results=results, cap=settings.SEARCH_RESULTS_CAP)
    context["hits"] = [{"publication": p, "snippet": snippet_for(p, query, terms=results.terms)} for p in hits]
    return render(request, "articles/search.html", context)


def _search_in_language(request: HttpRequest, query: str, topic, context: dict) -> HttpResponse:
    """Readers of /es/search/ search the Spanish translations, with Spanish stemming."""
    language = Language.objects.filter(code=request.LANGUAGE_CODE).first()
    if language is None:
        raise Http404
    found = search_translations(query, language=language, topic_id=topic.pk if topic else None)
    page = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context.update(page_obj=page, results=None, cap=settings.SEARCH_RESULTS_CAP)
    context["hits"] = [{"publication": p, "snippet": snippet_for(p, query)} for p in page.object_list]
    return render(request, "articles/search.html", context)
