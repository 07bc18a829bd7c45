from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Publication


class LatestApprovedFeed(Feed):
    """Atom feed of newly approved answers."""

    feed_type = Atom1Feed
    title = _("Newly approved answers")
    link = "/"
    subtitle = _("Questions answered by our editors and approved by our Medical Advisory Board.")

    def items(self):
        return Publication.objects.public().approved().newest_first()[:30]

    def item_title(self, item: Publication) -> str:
        return item.question

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_pubdate(self, item: Publication):
        return item.first_approved_at

    def item_updateddate(self, item: Publication):
        return item.published_at
