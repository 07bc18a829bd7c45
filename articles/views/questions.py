"""Readers' follow-up questions: a plain form, a honeypot and a per-address rate limit.

No personal data is stored: the question, the article it came from and the audience only.
The rate limit (django-ratelimit, keyed by config.client_ip) keeps a salted hash of the address
in the cache for an hour, never in the database.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from articles.forms import FollowUpForm
from articles.models import Article, ReaderQuestion
from articles.search import clean_query, suggest_publications

SUGGESTION_INPUT_LIMIT = 300


def follow_up_rate(group: str, request: HttpRequest) -> str:
    """FOLLOW_UP_RATE_LIMIT questions per address per hour, read at each request."""
    return f"{settings.FOLLOW_UP_RATE_LIMIT}/h"


def _over_limit(request: HttpRequest) -> bool:
    """Count this question against the address's hourly allowance; True once it is used up."""
    return is_ratelimited(request, group="articles.ask", key="ip", rate=follow_up_rate, method="POST", increment=True)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """``/ask/``: store a reader's question for the editors' inbox, then thank them."""
    if request.method != "POST":
        return render(request, "articles/ask.html", {"form": FollowUpForm()})
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return render(request, "articles/ask.html", {"form": form}, status=400)
    if form.is_spam:
        return redirect("articles:ask_thanks")  # look like success to the bot; store nothing
    if _over_limit(request):
        form.add_error(None, _("You have sent several questions in the last hour. Please try again later."))
        return render(request, "articles/ask.html", {"form": form}, status=429)
    article = Article.objects.public().filter(publication__slug=form.cleaned_data["article"]).first()
    ReaderQuestion.objects.create(
        question=form.cleaned_data["question"],
        article=article,
        audience=form.cleaned_data["audience"] or request.audience or None,
    )
    return redirect("articles:ask_thanks")


@require_safe
def ask_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "articles/ask_thanks.html")


@require_safe
def ask_suggestions(request: HttpRequest) -> JsonResponse:
    """Public answers that may already answer what the reader is typing (used by ask.js)."""
    text = clean_query(request.GET.get("q", "")[:SUGGESTION_INPUT_LIMIT])
    publications = suggest_publications(text) if len(text) >= 3 else []
    return JsonResponse(
        {
            "results": [
                {"question": p.question, "url": p.get_absolute_url(), "pending": p.is_pending} for p in publications
            ]
        }
    )
