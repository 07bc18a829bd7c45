from django.contrib.sitemaps import Sitemap

from .models import Publication


class ArticleSitemap(Sitemap):
    """Approved public answers only: pending pages are noindex and stay out."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Publication.objects.public().approved().order_by("pk").only("slug", "published_at")

    def lastmod(self, item: Publication):
        return item.published_at
