"""Questions and answers: the editable draft rows and the published snapshots readers see."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from personalization.models import Audience, Language
from references.models import Reference


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


def public_statuses() -> tuple[str, ...]:
    """The one rule of what readers may open (invariant 6): approved snapshots, and pending ones
    while ``PUBLISH_PENDING_REVIEW`` is on. Retired articles are never public, whatever their status."""
    if settings.PUBLISH_PENDING_REVIEW:
        return (Publication.Status.APPROVED, Publication.Status.PENDING)
    return (Publication.Status.APPROVED,)


def _public_status(prefix: str = "") -> Q:
    """``public_statuses`` as a filter; no condition at all when every status is public, so the
    planner is free to use the search and ordering indexes."""
    statuses = public_statuses()
    if set(statuses) == set(Publication.Status.values):
        return Q()
    return Q(**{f"{prefix}status__in": statuses})


def _not_expired(prefix: str = "") -> Q:
    """The other half of the rule: a snapshot leaves the site the moment its planned end
    (``unpublish_at``) passes, whether or not the expiry job has stamped ``expired_at`` yet."""
    return Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": timezone.now()})


class ArticleQuerySet(models.QuerySet):
    def public(self) -> "ArticleQuerySet":
        """Articles a reader may open: see ``public_statuses`` and ``_not_expired``."""
        return self.filter(
            _public_status("publication__"),
            _not_expired("publication__"),
            publication__isnull=False,
            control__retired_at__isnull=True,
        )

    def lock_for_workflow(self, pk: int) -> "Article":
        """The article with its workflow row locked until the transaction ends (a no-op on SQLite),
        read in one query with its control row and its publication (or the knowledge that it has none).

        Every service that changes an article's workflow state takes this lock first, and the
        admin's save locks the same row, so they are serialised per article.
        """
        control = (
            ArticleControl.objects.select_related("article__publication")
            .select_for_update(of=("self",))
            .get(article_id=pk)
        )
        return control.article


class Article(models.Model):
    """The editors' working copy of a question and its answers; readers never see these rows directly."""

    question = models.CharField(_("question"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles", verbose_name=_("topic"))
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two plain sentences for lists, search results and previews.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_articles", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["topic", "-updated_at"]),
            models.Index(fields=["-updated_at"]),
        ]
        permissions = [("retire_article", _("Can retire an article from the public site"))]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    @property
    def is_retired(self) -> bool:
        return self.control.retired_at is not None

    @property
    def is_locked(self) -> bool:
        return self.control.review_locked


class ArticleControl(models.Model):
    """Workflow flags of an article, kept apart from its content so that reverting a
    revision (django-reversion) can never unlock, un-retire or rewind them."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="control")
    # Raised on every save; a save from a form built on an older number is a conflict.
    edit_version = models.PositiveIntegerField(default=1)
    # Set by the review services while a request is submitted or under review.
    review_locked = models.BooleanField(_("locked for review"), default=False)
    rereview_reason = models.CharField(_("re-review needed because"), max_length=300, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("article workflow flags")
        verbose_name_plural = _("article workflow flags")

    def __str__(self) -> str:
        return f"{self.article_id}"


class ArticleBody(models.Model):
    """The answer written for one audience, in Markdown with [@key] citations."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bodies")
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="+", verbose_name=_("audience"))
    body = models.TextField(_("body (Markdown)"))

    class Meta:
        ordering = ["audience__order", "audience__label"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [models.UniqueConstraint(fields=["article", "audience"], name="one_body_per_audience")]

    def __str__(self) -> str:
        if self.audience_id is None:
            return str(_("new body"))
        return str(_("%(audience)s version") % {"audience": self.audience.label})

    @property
    def word_count(self) -> int:
        return len(self.body.split())


class ArticleTranslation(models.Model):
    """The article in another language: its question, summary and a body per audience.

    ``source_fingerprint`` is the fingerprint of the source-language content (question, summary,
    bodies) the translator last brought this translation up to date with; when the source changes,
    the translation is outdated until an editor marks it up to date again."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language"))
    question = models.CharField(_("question"), max_length=300)
    summary = models.TextField(_("summary"), max_length=600)
    source_fingerprint = models.CharField(_("translates source version"), max_length=64, blank=True, editable=False)
    source_date = models.DateField(_("up to date with the source of"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["language__order", "language__name"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="one_translation_per_language")]

    def __str__(self) -> str:
        return self.question


class ArticleTranslationBody(models.Model):
    """One audience's answer in the translation's language (Markdown, the same [@key] citations)."""

    translation = models.ForeignKey(ArticleTranslation, on_delete=models.CASCADE, related_name="bodies")
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="+", verbose_name=_("audience"))
    body = models.TextField(_("body (Markdown)"))

    class Meta:
        ordering = ["audience__order", "audience__label"]
        verbose_name = _("translated body")
        verbose_name_plural = _("translated bodies")
        constraints = [
            models.UniqueConstraint(fields=["translation", "audience"], name="one_translated_body_per_audience")
        ]

    def __str__(self) -> str:
        return f"{self.translation_id} / {self.audience_id}"


class Citation(models.Model):
    """A reference attached to an article, cited from its bodies by key."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    reference = models.ForeignKey(
        Reference, on_delete=models.PROTECT, related_name="citations", verbose_name=_("reference")
    )
    # An editor who cites a retracted source on purpose (to discuss the retraction, say) says why;
    # the board reads the reason with the revision, and without it the article cannot be submitted.
    override_reason = models.TextField(_("cited although retracted, because"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [models.UniqueConstraint(fields=["article", "reference"], name="one_citation_per_reference")]

    def __str__(self) -> str:
        return str(self.reference)


class RelatedQuestion(models.Model):
    """An editor-curated link to another question, in the order readers see it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("related question"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("related question")
        verbose_name_plural = _("related questions")
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="one_link_per_related_question"),
            models.CheckConstraint(condition=~Q(article=F("related")), name="related_question_not_itself"),
        ]

    def __str__(self) -> str:
        return self.related.question if self.related_id else str(_("new related question"))


class PublicationQuerySet(models.QuerySet):
    def public(self) -> "PublicationQuerySet":
        """Snapshots a reader may open: see ``public_statuses`` and ``_not_expired``."""
        return self.filter(_public_status(), _not_expired(), article__control__retired_at__isnull=True)

    def expired(self) -> "PublicationQuerySet":
        """Snapshots past their planned end of publication (the chief editor's "Expired" list)."""
        return self.filter(unpublish_at__lte=timezone.now())

    def due_to_expire(self) -> "PublicationQuerySet":
        """Expired snapshots the expiry job has not stamped yet."""
        return self.expired().filter(expired_at__isnull=True)

    def approved(self) -> "PublicationQuerySet":
        return self.filter(status=Publication.Status.APPROVED)

    def newest_first(self) -> "PublicationQuerySet":
        return self.order_by(F("first_approved_at").desc(nulls_last=True), "-published_at")

    def overdue(self, today=None) -> "PublicationQuerySet":
        return self.approved().filter(next_review_due__lt=today or timezone.localdate())


class Publication(models.Model):
    """What readers see of an article: a frozen snapshot of one reviewed revision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")

    class ReviewStep(models.TextChoices):
        """The steps of the status tracker readers see; the workflow maps its states onto these."""

        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="publication")
    status = models.CharField(max_length=20, choices=Status.choices)
    slug = models.SlugField(max_length=200, unique=True)
    question = models.CharField(max_length=300)
    summary = models.TextField()
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="publications")
    revision_id = models.PositiveBigIntegerField(
        help_text=_("The django-reversion revision this snapshot was built from.")
    )
    content_hash = models.CharField(max_length=64)
    # Workflow facts, copied from the review records when publishing.
    review_step = models.CharField(
        max_length=30, choices=ReviewStep.choices, help_text=_("The review step readers see in the status tracker.")
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewers = models.JSONField(default=list, blank=True)
    related_article_ids = models.JSONField(default=list, blank=True)
    # The codes of the other languages this snapshot is published in (``PublishedTranslation``),
    # so the page can offer them and name them in ``hreflang`` without another query.
    languages = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    # The planned end of publication, chosen by the editor with the review request; readers
    # stop seeing the snapshot then (410), and the expiry job stamps ``expired_at``.
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)
    first_approved_at = models.DateTimeField(null=True, blank=True)
    search_document = models.TextField(blank=True)
    # The summary and the first paragraphs (a few hundred words): search snippets come from this.
    search_excerpt = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # The question (A), summary (B) and excerpt (C) alone: small, so search can filter and rank
    # candidates by them without reading the whole document's vector.
    search_head = SearchVectorField(null=True, editable=False)
    # The question (A) and summary (B) alone, a few hundred bytes kept in the row itself: search
    # finds its candidates by it without detoasting a longer vector for every row it looks at.
    search_lead = SearchVectorField(null=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [
            models.Index(fields=["status", "-first_approved_at"]),
            models.Index(fields=["topic", "-first_approved_at"]),
            models.Index(fields=["next_review_due"]),
            models.Index(
                fields=["unpublish_at"], condition=Q(expired_at__isnull=True), name="publication_unexpired_end_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} ({self.get_status_display()})"

    def get_absolute_url(
        self, audience: Audience | None = None, *, explicit: bool = False, language: str | None = None
    ) -> str:
        """The canonical URL of one audience's version: the bare path for the default audience,
        ``?audience=<slug>`` for the others (or for every audience when ``explicit``, as the
        visible version links need: a cookie must not override the reader's click). The path is
        in ``language`` (a code: ``/es/questions/…``), else in the active language."""
        if language is None:
            path = reverse("articles:article_detail", kwargs={"slug": self.slug})
        else:
            with translation.override(language):
                path = reverse("articles:article_detail", kwargs={"slug": self.slug})
        if audience is None or (audience.is_default and not explicit):
            return path
        return f"{path}?{urlencode({'audience': audience.slug})}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_public(self) -> bool:
        """``PublicationQuerySet.public`` for a row already loaded with its article's control."""
        return self.status in public_statuses() and self.article.control.retired_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        """Past its planned end of publication (``_not_expired`` for one row)."""
        return self.unpublish_at is not None and self.unpublish_at <= timezone.now()

    @property
    def is_overdue(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


class PublishedBody(models.Model):
    """The rendered, sanitised body of one audience, with its numbered reference list."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="bodies")
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="+")
    html = models.TextField()
    references = models.JSONField(default=list)
    word_count = models.PositiveIntegerField(default=0)
    # The reference list as readers see it, rendered when the snapshot is stored (and again when a
    # cited source's health changes: ``articles.services.publication_notes``), so a page request
    # renders no per-reference template. Empty on rows stored before it existed until
    # ``manage.py rerender_publications`` fills it.
    references_html = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publication", "audience"], name="one_published_body_per_audience")
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} / {self.audience_id}"


class PublishedTranslationQuerySet(models.QuerySet):
    def outdated(self) -> "PublishedTranslationQuerySet":
        """Public translations whose source answer was approved in a newer version since."""
        return self.filter(
            _public_status("publication__"),
            _not_expired("publication__"),
            outdated=True,
            publication__article__control__retired_at__isnull=True,
        )


class PublishedTranslation(models.Model):
    """A published snapshot's content in one other language, rendered with the snapshot.

    ``bodies`` maps an audience id (as a string) to ``{"html", "references_html"}``. ``outdated``
    is true when the source content of the snapshot is not the version the translation was
    brought up to date with; ``source_date`` says which version it translates."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="translations")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    question = models.CharField(max_length=300)
    summary = models.TextField()
    bodies = models.JSONField(default=dict)
    outdated = models.BooleanField(default=False)
    source_date = models.DateField(null=True, blank=True)
    search_document = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("published translation")
        verbose_name_plural = _("published translations")
        constraints = [
            models.UniqueConstraint(fields=["publication", "language"], name="one_published_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} / {self.language_id}"


class PublishedVersionQuerySet(models.QuerySet):
    def newest_first(self) -> "PublishedVersionQuerySet":
        return self.order_by("-published_at", "-pk")


class PublishedVersion(models.Model):
    """One approved revision as it went live: the public version history of an article.

    Written by ``article_publish`` only, one row per approval, and never changed after. It keeps
    the review facts, the editor's change summary the board approved, and what changed (sections
    and references added or removed, derived from the snapshot); never the old text itself.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="published_versions")
    revision_id = models.PositiveBigIntegerField(help_text=_("The django-reversion revision that was approved."))
    content_hash = models.CharField(max_length=64)
    published_at = models.DateTimeField(_("published"))
    last_reviewed = models.DateField(_("approved"), null=True, blank=True)
    reviewers = models.JSONField(default=list, blank=True)
    change_summary = models.TextField(_("change summary"), blank=True)
    substantive = models.BooleanField(_("changes medical advice"), default=False)
    is_first = models.BooleanField(_("first publication"), default=False)
    # What this version contained ({"sections": [...], "references": [{"key", "title", "year"}]}),
    # and what changed from the version before it (``articles.services.history.version_changes``).
    outline = models.JSONField(default=dict, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        indexes = [models.Index(fields=["article", "-published_at"])]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.published_at:%Y-%m-%d}"


class EditorialPolicy(models.Model):
    """The editorial policy readers are pointed to from every article; the newest row is in force."""

    title = models.CharField(_("title"), max_length=200, default=_("Editorial policy"))
    body = models.TextField(_("policy (Markdown)"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("editorial policy")
        verbose_name_plural = _("editorial policy")

    def __str__(self) -> str:
        return self.title


class ReaderQuestion(models.Model):
    """A question sent by a reader; editors read them in the admin inbox. No personal data is kept."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONVERTED = "converted", _("Turned into a draft")
        DISMISSED = "dismissed", _("Dismissed")

    question = models.TextField(_("question"), max_length=1000)
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_questions",
        verbose_name=_("asked from"),
    )
    audience = models.ForeignKey(Audience, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    draft = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("draft article")
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reader question")
        verbose_name_plural = _("reader questions (inbox)")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.question[:80]


class PreviewLinkQuerySet(models.QuerySet):
    def active(self) -> "PreviewLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A read-only, expiring, revocable link that shows one saved revision of a draft to someone
    without an account (an outside expert). The URL carries a signed token of this row's id."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("article")
    )
    revision_id = models.PositiveBigIntegerField(
        help_text=_("The django-reversion revision the link shows: the content saved when it was created.")
    )
    note = models.CharField(
        _("shared with"), max_length=200, blank=True, help_text=_("Who the link is for, e.g. “Dr Lee, rheumatology”.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"{self.article} ({self.note or f'{self.created_at:%Y-%m-%d}'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Figure(models.Model):
    """An image in the media library, placed in a body as ``![caption](figure:slug)``.

    The upload is checked and re-encoded without its metadata (``articles.figures``) and stored
    in several widths. The image never changes after upload, so a published answer keeps the
    picture the board reviewed; a new picture is a new figure.
    """

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
        CC0 = "cc0-1.0", _("CC0 (public domain dedication)")
        PUBLIC_DOMAIN = "public-domain", _("Public domain")
        PERMISSION = "permission", _("Used with permission")
        ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")

    class Format(models.TextChoices):
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"
        WEBP = "webp", "WebP"

    EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
    CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Names the figure in a body: ![](figure:slug). It cannot change once the figure is saved."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("For finding the figure in the library."))
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it (read aloud by screen readers)."),
    )
    caption = models.CharField(
        _("caption"), max_length=500, blank=True, help_text=_("Shown under the image unless the body gives its own.")
    )
    credit = models.CharField(_("credit"), max_length=200, help_text=_("Who made the image."))
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices)
    image = models.FileField(_("image"), max_length=200, editable=False)  # the re-encoded original
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    # A hash of the stored image: part of every image URL, so the URLs can be cached for good.
    version = models.CharField(max_length=12, editable=False)
    # Every stored width, narrowest first (the last is ``image``): [{"width", "height", "name"}].
    renditions = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return self.EXTENSIONS[self.format]

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.format]

    @property
    def markdown(self) -> str:
        """What an editor writes to place this figure in a body."""
        return f"![](figure:{self.slug})"

    @property
    def credit_line(self) -> str:
        return _("Credit: %(credit)s. Licence: %(licence)s.") % {
            "credit": self.credit,
            "licence": self.get_licence_display(),
        }

    def rendition(self, width: int) -> dict | None:
        return next((r for r in self.renditions if r["width"] == width), None)

    def image_url(self, width: int) -> str:
        return reverse(
            "articles:figure_image",
            kwargs={"slug": self.slug, "version": self.version, "width": width, "ext": self.extension},
        )

    def image_candidates(self) -> list[tuple[str, int, int]]:
        """(url, width, height) of each stored width, narrowest first: the figure's srcset."""
        return [(self.image_url(r["width"]), r["width"], r["height"]) for r in self.renditions]


class SearchSynonym(models.Model):
    """Words and phrases readers and clinicians use for one thing: a search for any finds them all."""

    terms = models.TextField(
        _("terms"),
        help_text=_("One word or phrase per line, lay and clinical: heart attack, myocardial infarction, MI."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonym groups")

    def __str__(self) -> str:
        return " / ".join(self.term_list)

    def clean(self) -> None:
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two terms, one per line.")})
        too_long = [t for t in terms if len(t.split()) > 6 or len(t) > 60]
        if too_long:
            raise ValidationError(
                {
                    "terms": _("A term is a word or a short phrase (at most 6 words): %(terms)s")
                    % {"terms": ", ".join(too_long)}
                }
            )

    @property
    def term_list(self) -> list[str]:
        """The group's terms, lower case, whitespace squeezed, each once, in the editor's order."""
        return list(dict.fromkeys(" ".join(line.lower().split()) for line in self.terms.splitlines() if line.strip()))


class SearchTerm(models.Model):
    """A word of the published text, with the number of answers using it: the vocabulary that
    "did you mean" corrects readers' queries from (trigram index on ``word``, PostgreSQL only)."""

    word = models.CharField(max_length=40, unique=True)
    # The word's letters in order: finds swapped letters ("pian" -> "pain"), which trigrams miss.
    anagram = models.CharField(max_length=40, db_index=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.word
