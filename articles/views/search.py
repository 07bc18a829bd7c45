from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.models import Topic
from articles.search import MAX_QUERY_LENGTH, clean_query, search_publications, snippet_for


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """``/search/?q=``: ranked public answers with highlighted snippets, by topic if asked."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    topics = list(Topic.objects.all())
    topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
    context = {"search_query": query[:MAX_QUERY_LENGTH], "topics": topics, "topic": topic, "page_obj": None, "hits": []}
    status = 200
    if len(raw) > MAX_QUERY_LENGTH:
        context["error"] = _("Your search is too long. Please use at most %d characters.") % MAX_QUERY_LENGTH
        status = 400
    elif not query:
        context["error"] = _("Type a few words to search, for example “back pain between the shoulder blades”.")
    else:
        results = search_publications(query, topic_id=topic.pk if topic else None)
        page = Paginator(results, 10).get_page(request.GET.get("page"))
        context["page_obj"] = page
        context["hits"] = [{"publication": p, "snippet": snippet_for(p, query)} for p in page.object_list]
    return render(request, "articles/search.html", context, status=status)
