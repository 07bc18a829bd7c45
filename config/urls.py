from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from config.accounts import PasswordResetView
from config.views import healthz


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


admin.site.site_header = _("Clinical Answers: editorial workspace")
admin.site.site_title = _("Clinical Answers editors")
admin.site.index_title = _("Write, review and publish")

urlpatterns = [
    # The admin's sign-in page links to the same password reset as the site's.
    path("admin/password_reset/", RedirectView.as_view(pattern_name="password_reset"), name="admin_password_reset"),
    path("admin/", admin.site.urls),
    # LoginView puts the request's host in ``site_name`` (no sites framework): name the site instead.
    path(
        "accounts/login/", auth_views.LoginView.as_view(extra_context={"site_name": settings.SITE_NAME}), name="login"
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        PasswordResetView.as_view(extra_email_context={"site_name": settings.SITE_NAME}),
        name="password_reset",
    ),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
    path("favicon.ico", favicon),
    path("", include("reviews.urls")),
    path("", include("personalization.urls")),
]
# The public pages in every language, the default one without a prefix (/questions/…, /es/questions/…):
# the language is part of the URL, so each version is its own page for the page cache.
urlpatterns += i18n_patterns(path("", include("articles.urls")), prefix_default_language=False)

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
