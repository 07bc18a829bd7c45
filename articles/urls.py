from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path
from django.views.generic import TemplateView

from . import views
from .feeds import LatestApprovedFeed
from .sitemaps import ArticleSitemap
from .views.figures import figure_image
from .views.history import article_history

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("questions/<slug:slug>/", views.article_detail, name="article_detail"),
    path("questions/<slug:slug>/history/", article_history, name="article_history"),
    path("preview/<int:pk>/", views.article_preview, name="article_preview"),
    path("preview/shared/<str:token>/", views.shared_preview, name="shared_preview"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("search/", views.search, name="search"),
    path("ask/", views.ask, name="ask"),
    path("ask/thanks/", views.ask_thanks, name="ask_thanks"),
    path("ask/suggestions/", views.ask_suggestions, name="ask_suggestions"),
    path("editorial-policy/", views.editorial_policy, name="editorial_policy"),
    path("feeds/latest/", LatestApprovedFeed(), name="feed_latest"),
    path("sitemap.xml", sitemap, {"sitemaps": {"articles": ArticleSitemap}}, name="sitemap"),
    re_path(
        r"^figures/(?P<slug>[A-Za-z0-9_-]+)/(?P<version>[0-9a-f]{12})/(?P<width>[0-9]{1,5})\.(?P<ext>jpg|png|webp)$",
        figure_image,
        name="figure_image",
    ),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]
