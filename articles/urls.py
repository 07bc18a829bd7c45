from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path
from django.views.generic import TemplateView

from personalization.cross_site import same_origin_post

from . import views
from .cache import ARTICLES_LOADED, AUDIENCES, DISCLAIMERS, POLICY, PUBLICATIONS, SYNONYMS, TOPICS, TOPICS_LOADED
from .feeds import LatestApprovedFeed
from .page_cache import cache_public_page
from .sitemaps import ArticleSitemap
from .views.figures import figure_image
from .views.history import article_history

app_name = "articles"

# Public pages are served from the shared page cache (articles.page_cache); see README "Caching".
lists = cache_public_page(tags=[PUBLICATIONS, TOPICS])

urlpatterns = [
    path("", lists(views.home), name="home"),
    path(
        "questions/<slug:slug>/",
        cache_public_page(views.article_detail, tags=[DISCLAIMERS], track=[ARTICLES_LOADED]),
        name="article_detail",
    ),
    path(
        "questions/<slug:slug>/history/",
        cache_public_page(article_history, track=[ARTICLES_LOADED]),
        name="article_history",
    ),
    path("preview/<int:pk>/", views.article_preview, name="article_preview"),
    path("preview/shared/<str:token>/", views.shared_preview, name="shared_preview"),
    path("topics/<slug:slug>/", cache_public_page(views.topic_detail, track=[TOPICS_LOADED]), name="topic_detail"),
    path("search/", cache_public_page(views.search, tags=[PUBLICATIONS, TOPICS, SYNONYMS]), name="search"),
    path("ask/", same_origin_post(cache_public_page(views.ask)), name="ask"),
    path("ask/thanks/", cache_public_page(views.ask_thanks), name="ask_thanks"),
    path("ask/suggestions/", views.ask_suggestions, name="ask_suggestions"),
    path("editorial-policy/", cache_public_page(views.editorial_policy, tags=[POLICY]), name="editorial_policy"),
    path(
        "feeds/latest/",
        cache_public_page(LatestApprovedFeed(), tags=[PUBLICATIONS, TOPICS], versioned=False),
        name="feed_latest",
    ),
    path(
        "sitemap.xml",
        cache_public_page(sitemap, tags=[PUBLICATIONS, AUDIENCES], versioned=False),
        {"sitemaps": {"articles": ArticleSitemap}},
        name="sitemap",
    ),
    re_path(
        r"^figures/(?P<slug>[A-Za-z0-9_-]+)/(?P<version>[0-9a-f]{12})/(?P<width>[0-9]{1,5})\.(?P<ext>jpg|png|webp)$",
        figure_image,
        name="figure_image",
    ),
    path(
        "robots.txt",
        cache_public_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), versioned=False),
        name="robots",
    ),
]
