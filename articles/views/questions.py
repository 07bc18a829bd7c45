"""Readers' follow-up questions: a plain form, a honeypot and a per-address rate limit.

No personal data is stored: the question, the article it came from and the audience only.
The rate limit keeps a salted hash of the address in the cache for an hour, never in the database.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from articles.forms import FollowUpForm
from articles.models import Article, ReaderQuestion
from articles.search import clean_query, suggest_publications

RATE_WINDOW_SECONDS = 3600
SUGGESTION_INPUT_LIMIT = 300


def client_address(request: HttpRequest) -> str:
    """The reader's address: behind our proxy (DJANGO_BEHIND_PROXY) the one it appended last."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:32]
    return f"ask-rate:{digest}"


def _over_limit(request: HttpRequest) -> bool:
    """Count this question against the address's hourly allowance; True once it is used up."""
    key = _rate_key(request)
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > settings.FOLLOW_UP_RATE_LIMIT


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
        question=form.cleaned_data["question"], article=article, audience=request.audience or None
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
