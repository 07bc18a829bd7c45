"""Signing in for editors and board members: the lockout page, password reset and its mail.

Throttling itself is django-axes (settings: AXES_*); this module only says what a locked-out
person sees and sends the password-reset mail.
"""

from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from .client_ip import client_ip

USERNAME_STORED_LENGTH = 255  # axes.models.AccessBase.username
PASSWORD_RESET_RATE = "5/h"  # noqa: S105 - reset requests per address, not a password


class SignInThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend. Signing in without a request (a script, a test) has no client to throttle."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None  # the next backend checks the password
        return super().authenticate(request, username, password, **kwargs)


def client_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username tried, cut to what django-axes can store (255 characters).

    Django's sign-in forms do not enforce the username's length, so any text reaches authenticate().
    """
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username")
    return username[:USERNAME_STORED_LENGTH] if isinstance(username, str) else username


def lockout_ends(*, username: str, address: str, cool_off: timedelta) -> datetime:
    """When the latest failure that counts against this username or address stops counting."""
    latest = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=address)).aggregate(
        latest=Max("attempt_time")
    )["latest"]
    return (latest or timezone.now()) + cool_off


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the sign-in page says signing in is paused, for how long, and what to do."""
    cool_off = get_cool_off(request) or timedelta(0)
    ends = lockout_ends(
        username=get_client_username(request, credentials) or "", address=client_ip(request), cool_off=cool_off
    )
    minutes = max(1, round((ends - timezone.now()).total_seconds() / 60))
    context = {"minutes": minutes, "ends": ends}
    return render(request, "registration/locked_out.html", context, status=429)


def account_mail_send(*, subject: str, body: str, to: str) -> None:
    """Queue one account mail: it goes out through the background jobs (``config.tasks``), with
    retries, so a mail server that is down never turns the reset page into an error."""
    from reviews.tasks import enqueue_on_commit

    from .tasks import send_account_mail

    enqueue_on_commit(send_account_mail, subject, body, to)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form; the mail goes out through ``account_mail_send``."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        account_mail_send(subject=subject, body=body, to=to_email)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, limited per address so that the form cannot be used to flood mailboxes."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        if is_ratelimited(
            self.request, group="accounts.password_reset", key="ip", rate=PASSWORD_RESET_RATE, increment=True
        ):
            form.add_error(None, _("Several reset links were asked for from your network. Please try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
