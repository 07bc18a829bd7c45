"""``/search/``: full-text search of the public answers."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.models import Topic
from articles.search import MAX_QUERY_LENGTH, InvalidQuery, search_publications, snippet_for, validate_query

RESULTS_PER_PAGE = 10


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Ranked public answers with highlighted snippets, by topic if asked; a clear message for bad queries."""
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
    results = search_publications(query, topic_id=topic.pk if topic else None)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context["page_obj"] = page
    context["hits"] = [{"publication": p, "snippet": snippet_for(p, query)} for p in page.object_list]
    return render(request, "articles/search.html", context)
