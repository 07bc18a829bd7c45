from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Publication, PublishedTranslation


class LatestApprovedFeed(Feed):
    """Atom feed of newly approved answers, newest first: never pending, retired or expired ones
    (``Publication.objects.public``); an answer scheduled for later appears when it goes live."""

    feed_type = Atom1Feed
    title = _("Newly approved answers")
    link = reverse_lazy("articles:home")
    feed_url = reverse_lazy("articles:feed_latest")
    subtitle = _("Questions answered by our editors and approved by our Medical Advisory Board.")
    author_name = settings.SITE_NAME

    def get_object(self, request, *args, **kwargs) -> str:
        """The feed's language, from its URL (/feeds/latest/, /es/feeds/latest/)."""
        return request.LANGUAGE_CODE

    def items(self, obj: str):
        """In another language, only the answers published in it, with their translated text."""
        qs = Publication.objects.public().approved().newest_first().select_related("topic")
        if obj != settings.LANGUAGE_CODE:
            translations = PublishedTranslation.objects.filter(language__code=obj).only(
                "publication_id", "question", "summary"
            )
            qs = qs.filter(translations__language__code=obj).prefetch_related(
                Prefetch("translations", queryset=translations, to_attr="translated")
            )
        return qs[:30]

    def item_title(self, item: Publication) -> str:
        return item.translated[0].question if getattr(item, "translated", None) else item.question

    def item_description(self, item: Publication) -> str:
        return item.translated[0].summary if getattr(item, "translated", None) else item.summary

    def item_pubdate(self, item: Publication):
        return item.first_approved_at

    def item_updateddate(self, item: Publication):
        return item.published_at

    def item_categories(self, item: Publication) -> list[str]:
        return [item.topic.name]
