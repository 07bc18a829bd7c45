from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .models import Publication, PublishedBody


class ArticleSitemap(Sitemap):
    """Every audience version of the approved public answers, at its canonical URL.

    Pending pages are noindex and stay out; so do retired ones and those past their
    "unpublish at" time (``Publication.objects.public``). The default audience's
    version is the bare article URL, the others carry ``?audience=<slug>``, as their
    ``rel=canonical`` does. Each version is listed in every language the answer is published in
    (``/es/questions/…``), with ``hreflang`` alternates and an ``x-default`` (the source language).
    """

    changefreq = "monthly"
    limit = 5000
    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item: PublishedBody) -> list[str]:
        names = dict(settings.LANGUAGES)
        return [settings.LANGUAGE_CODE, *(c for c in item.publication.languages if c in names)]

    def items(self):
        publications = Publication.objects.public().approved()
        return (
            PublishedBody.objects.filter(publication__in=publications)
            .select_related("publication", "audience")
            .order_by("publication_id", "audience__order", "audience_id")
        )

    def location(self, item: PublishedBody) -> str:
        return item.publication.get_absolute_url(item.audience)

    def lastmod(self, item: PublishedBody):
        return item.publication.published_at
