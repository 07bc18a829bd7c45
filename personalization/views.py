from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Audience


@require_POST
def choose_audience(request: HttpRequest) -> HttpResponse:
    """The "Which best describes you?" form: remember the choice in a cookie and go back."""
    slug = request.POST.get("audience", "")
    if not Audience.objects.filter(slug=slug).exists():
        return HttpResponseBadRequest(_("Please choose one of the listed audiences."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.AUDIENCE_COOKIE_NAME,
        slug,
        max_age=settings.AUDIENCE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
