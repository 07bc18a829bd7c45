from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Publication


class LatestApprovedFeed(Feed):
    """Atom feed of newly approved answers, newest first: never pending, retired or expired ones
    (``Publication.objects.public``); an answer scheduled for later appears when it goes live."""

    feed_type = Atom1Feed
    title = _("Newly approved answers")
    link = reverse_lazy("articles:home")
    feed_url = reverse_lazy("articles:feed_latest")
    subtitle = _("Questions answered by our editors and approved by our Medical Advisory Board.")
    author_name = settings.SITE_NAME

    def items(self):
        return Publication.objects.public().approved().newest_first().select_related("topic")[:30]

    def item_title(self, item: Publication) -> str:
        return item.question

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_pubdate(self, item: Publication):
        return item.first_approved_at

    def item_updateddate(self, item: Publication):
        return item.published_at

    def item_categories(self, item: Publication) -> list[str]:
        return [item.topic.name]
