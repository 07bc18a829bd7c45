from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from . import views
from .exceptions import endpoint_not_found

app_name = "api"

urlpatterns = [
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),  # YAML; JSON with Accept: application/json
    path("schema.json", SpectacularJSONAPIView.as_view(), name="schema_json"),
    path("docs/", views.docs, name="docs"),
    re_path(r"^(?P<path>.*)$", endpoint_not_found, name="not_found"),
]
