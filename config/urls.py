from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.views import healthz

admin.site.site_header = _("Clinical Answers: editorial workspace")
admin.site.site_title = _("Clinical Answers editors")
admin.site.index_title = _("Write, review and publish")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
    path("", include("reviews.urls")),
    path("", include("personalization.urls")),
    path("", include("articles.urls")),
]

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
