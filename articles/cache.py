"""Which cached public pages a change makes stale: tags, their versions in the cache, and the receivers.

Every cached page (``articles.page_cache``) records the version of each tag it depends on;
invalidating a tag gives it a new version, so every page recorded with the old one is a miss on
every app server sharing the cache. Tags are also sent as the page's ``Surrogate-Key`` header, and
``page_tags_invalidated`` announces them (on commit) for a CDN purge.

| tag | pages | changed by |
| --- | --- | --- |
| ``article:<article id>`` | the article page, and pages listing it as a related question | its snapshot, bodies, retirement, expiry, its topic's name |
| ``topic:<topic id>`` | the topic page | the topic, an answer entering or leaving it |
| ``publications`` | home, search, feed, sitemap | any snapshot |
| ``topics`` | home, search, feed | any topic |
| ``synonyms`` | search (and each process's synonym index, ``articles.search.synonyms``) | a synonym group |
| ``audiences`` | every HTML page (the chooser), the sitemap | an audience's label, slug, order, default |
| ``disclaimers`` | article pages | an audience's disclaimer |
| ``policy`` / ``board`` | the editorial policy / the advisory board | the policy / members, specialties (reviews) |
| ``pages`` | every cached page | ``invalidate_all`` |
"""

import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import datetime

from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save, pre_save
from django.dispatch import Signal, receiver

from personalization.models import Audience, Language

from .models import ArticleControl, EditorialPolicy, Publication, PublishedBody, SearchSynonym, Topic

ALL = "pages"
AUDIENCES = "audiences"
DISCLAIMERS = "disclaimers"
PUBLICATIONS = "publications"
TOPICS = "topics"
SYNONYMS = "synonyms"
POLICY = "policy"

_VERSION_KEY = "pages:tag:{}"
EPOCH_KEY = "pages:epoch"  # changes with every invalidation: a page rendered meanwhile is not stored

page_tags_invalidated = Signal()  # tags: list[str], sent once the change is committed (for a CDN purge)


def article_tag(article_id: int) -> str:
    return f"article:{article_id}"


def topic_tag(topic_id: int) -> str:
    return f"topic:{topic_id}"


def version_key(tag: str) -> str:
    return _VERSION_KEY.format(tag)


def tag_versions(tags: Iterable[str]) -> dict[str, str | None]:
    """The current version of each tag and of the epoch (``None`` for one never invalidated), in one round trip."""
    keys = {version_key(tag): tag for tag in tags}
    found = cache.get_many([*keys, EPOCH_KEY])
    versions = {tag: found.get(key) for key, tag in keys.items()}
    versions[EPOCH_KEY] = found.get(EPOCH_KEY)
    return versions


def _started(key: str) -> str:
    """The version at ``key``, set first if it is missing (a new cache, or evicted), so that a missing
    one never compares equal to another missing one; another process may set it first, hence the read."""
    cache.add(key, uuid.uuid4().hex[:16], timeout=None)
    return cache.get(key)


def known_versions(tag: str, *others: str) -> tuple[str | None, ...]:
    """The versions of ``tag`` (set first if it is missing) and of ``others`` as they are, in one round
    trip once set: for state a process keeps and must drop when they change."""
    keys = [version_key(t) for t in (tag, *others)]
    found = cache.get_many(keys)
    if found.get(keys[0]) is None:
        found[keys[0]] = _started(keys[0])
    return tuple(found.get(key) for key in keys)


def ensure_epoch() -> str:
    """The epoch, set first if it is missing: a page is stored only with a known epoch, so that an
    unchanged epoch can prove it fresh (``articles.page_cache``)."""
    return _started(EPOCH_KEY)


def _bump(tags: list[str]) -> None:
    token = uuid.uuid4().hex[:16]
    cache.set_many({**{version_key(tag): token for tag in tags}, EPOCH_KEY: token}, timeout=None)


def _bump_and_announce(tags: list[str]) -> None:
    _bump(tags)
    page_tags_invalidated.send(sender=Publication, tags=tags)


def invalidate(*tags: str) -> None:
    """Make every cached page that depends on one of ``tags`` stale, now and again once the transaction commits.

    Now: readers of this process and the tests see the change at once. On commit: a page another
    request rendered from the old rows in the meantime is dropped too (it recorded the old versions).
    """
    unique = sorted(set(tags))
    if not unique:
        return
    _bump(unique)
    transaction.on_commit(lambda: _bump_and_announce(unique), robust=True)


def invalidate_all() -> None:
    """Every cached page, at once (settings changed; the tests start each from a clean slate)."""
    _bump([ALL])


def article_pages_changed(*, article_id: int, topic_ids: Iterable[int | None] | None = None) -> None:
    """An article's snapshot changed (published, pending, moved, retired, restored, expired): its page,
    the pages of its topics (``topic_ids``, read from its snapshot when not given) and the lists of answers."""
    if topic_ids is None:
        topic_ids = Publication.objects.filter(article_id=article_id).values_list("topic_id", flat=True)
    topics = {t for t in topic_ids if t is not None}
    invalidate(article_tag(article_id), PUBLICATIONS, *(topic_tag(t) for t in topics))


# Dependencies found while a page renders: the snapshots (``Publication``) or topics the view loads,
# and the earliest "unpublish at" time among the snapshots it loads (the page changes then by itself).
ARTICLES_LOADED = "articles"
TOPICS_LOADED = "topics"


class Tracked:
    def __init__(self, kinds: Iterable[str]):
        self.kinds = frozenset(kinds)
        self.tags: set[str] = set()
        self.earliest_end: datetime | None = None


_tracked: ContextVar[Tracked | None] = ContextVar("page_cache_tracked", default=None)


def start_tracking(kinds: Iterable[str]) -> tuple[Tracked, object]:
    """Collect a tag for each loaded row of ``kinds`` (``ARTICLES_LOADED``, ``TOPICS_LOADED``) until ``stop_tracking``."""
    found = Tracked(kinds)
    return found, _tracked.set(found)


def stop_tracking(token) -> None:
    _tracked.reset(token)


@receiver(post_init, sender=Publication)
def _track_publication(sender, instance: Publication, **kwargs) -> None:
    tracking = _tracked.get()
    if tracking is None:
        return
    loaded = instance.__dict__  # never load a deferred field here
    if ARTICLES_LOADED in tracking.kinds and loaded.get("article_id") is not None:
        tracking.tags.add(article_tag(loaded["article_id"]))
    end = loaded.get("unpublish_at")
    if end is not None and (tracking.earliest_end is None or end < tracking.earliest_end):
        tracking.earliest_end = end


@receiver(post_init, sender=Topic)
def _track_topic(sender, instance: Topic, **kwargs) -> None:
    tracking = _tracked.get()
    if tracking is not None and TOPICS_LOADED in tracking.kinds and instance.pk is not None:
        tracking.tags.add(topic_tag(instance.pk))


@receiver(post_save, sender=Publication)
@receiver(post_delete, sender=Publication)
def _publication_changed(sender, instance: Publication, raw: bool = False, **kwargs) -> None:
    invalidate(article_tag(instance.article_id), topic_tag(instance.topic_id), PUBLICATIONS)


# Not on post_delete: that would cost a query per delete (no fast delete); the publishing service,
# the only code that replaces bodies, invalidates the article itself (``article_pages_changed``).
@receiver(post_save, sender=PublishedBody)
def _body_changed(sender, instance: PublishedBody, **kwargs) -> None:
    publication = instance._state.fields_cache.get("publication")
    if publication is not None:
        invalidate(article_tag(publication.article_id))
        return
    article_id = Publication.objects.filter(pk=instance.publication_id).values_list("article_id", flat=True).first()
    if article_id is not None:
        invalidate(article_tag(article_id))


@receiver(post_save, sender=ArticleControl)
@receiver(post_delete, sender=ArticleControl)
def _control_changed(sender, instance: ArticleControl, created: bool = False, **kwargs) -> None:
    if not created:  # a new article has no page yet
        article_pages_changed(article_id=instance.article_id)


_DISCLAIMER_FIELDS = ("disclaimer_title", "disclaimer_text")
_AUDIENCE_FIELDS = ("slug", "label", "description", "is_default", "order", "target_grade")


@receiver(pre_save, sender=Audience)
def _remember_audience(sender, instance: Audience, raw: bool = False, **kwargs) -> None:
    if instance.pk and not raw:
        instance._page_cache_before = (
            Audience.objects.filter(pk=instance.pk).values(*_DISCLAIMER_FIELDS, *_AUDIENCE_FIELDS).first()
        )


@receiver(post_save, sender=Audience)
@receiver(post_delete, sender=Audience)
def _audience_changed(sender, instance: Audience, **kwargs) -> None:
    """A disclaimer edit touches only article pages; anything the chooser shows touches every page."""
    before = getattr(instance, "_page_cache_before", None)
    instance._page_cache_before = None
    if before is not None and kwargs.get("signal") is post_save:
        changed = {name for name, value in before.items() if value != getattr(instance, name)}
        if not changed:
            return
        if changed <= set(_DISCLAIMER_FIELDS):
            invalidate(DISCLAIMERS)
            return
    invalidate(AUDIENCES, DISCLAIMERS)


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def _topic_changed(sender, instance: Topic, **kwargs) -> None:
    """The topic's page, the lists of topics and the pages of its answers (they name their topic)."""
    article_ids = Publication.objects.filter(topic_id=instance.pk).values_list("article_id", flat=True)
    invalidate(topic_tag(instance.pk), TOPICS, *(article_tag(a) for a in article_ids))


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def _synonyms_changed(sender, instance: SearchSynonym, **kwargs) -> None:
    invalidate(SYNONYMS)


@receiver(post_save, sender=EditorialPolicy)
@receiver(post_delete, sender=EditorialPolicy)
def _policy_changed(sender, instance: EditorialPolicy, **kwargs) -> None:
    invalidate(POLICY)


@receiver(post_save, sender=Language)
@receiver(post_delete, sender=Language)
def _language_changed(sender, instance: Language, **kwargs) -> None:
    """A language added, renamed or given another search configuration: rare, so every page goes."""
    invalidate_all()


@receiver(setting_changed)
def _setting_changed(sender, setting: str, **kwargs) -> None:
    """Settings change only in tests (``override_settings``); pages rendered under the old ones go."""
    invalidate_all()
