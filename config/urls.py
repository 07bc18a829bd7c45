from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from articles.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("", include("reviews.urls")),
    path("", include("personalization.urls")),
    path("", include("articles.urls")),
]

handler404 = "articles.views.page_not_found"
handler500 = "articles.views.server_error"
