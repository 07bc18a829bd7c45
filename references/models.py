"""The shared reference library: one row per source, deduplicated by DOI, PMID, ISBN and title;
and what is known about each source's health (retractions, corrections, newer editions, dead links)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .identifiers import (
    doi_key,
    doi_url,
    is_valid_doi,
    is_valid_isbn,
    is_valid_pmcid,
    is_valid_pmid,
    normalize_citation_key,
    normalize_doi,
    normalize_isbn,
    normalize_pmcid,
    normalize_pmid,
    pmc_url,
    pubmed_url,
)


class ReferenceQuerySet(models.QuerySet):
    def library(self) -> "ReferenceQuerySet":
        """The references of the library proper: not those merged into another (which live on as aliases)."""
        return self.filter(merged_into__isnull=True)

    def search(self, term: str) -> "ReferenceQuerySet":
        term = term.strip()
        if not term:
            return self
        doi, pmid = normalize_doi(term), normalize_pmid(term)
        return self.filter(
            Q(title__icontains=term)
            | Q(authors__icontains=term)
            | Q(citation_key__iexact=term)
            | Q(doi__iexact=doi)
            | Q(pmid=pmid)
        )

    def with_doi(self, doi: str) -> "ReferenceQuerySet":
        """The reference with this DOI, compared without regard to case (the query the unique index serves)."""
        return self.alias(doi_lower=Lower("doi")).filter(doi_lower=doi_key(doi))

    def answering_to(self, keys: Iterable[str]) -> "ReferenceQuerySet":
        """References that any of ``keys`` (as cited: ``key``, ``pmid:N`` or ``doi:10.x/y``) names;
        the query form of ``Reference.lookup_keys``. A key of a reference that was merged into
        another names the one it was merged into."""
        keys = {normalize_citation_key(k) for k in keys}
        named = Reference.objects.alias(doi_lower=Lower("doi")).filter(
            Q(citation_key__in=keys)
            | Q(pmid__in=[k.removeprefix("pmid:") for k in keys if k.startswith("pmid:")])
            | Q(doi_lower__in=[k.removeprefix("doi:") for k in keys if k.startswith("doi:")])
        )
        return self.filter(
            Q(pk__in=named.filter(merged_into__isnull=True).values("pk"))
            | Q(pk__in=named.filter(merged_into__isnull=False).values("merged_into"))
        )

    def with_health(self) -> "ReferenceQuerySet":
        """Everything ``Reference.health`` reads, in two queries however many references."""
        return self.select_related("superseded_by", "last_check").prefetch_related("findings")

    def with_open_finding(self, *kinds: str) -> "ReferenceQuerySet":
        """References with an open (unresolved) finding of any of ``kinds``."""
        return self.filter(pk__in=Finding.objects.open().filter(kind__in=kinds).values("reference_id"))


class Reference(models.Model):
    """A guideline, study or other source that articles cite by its key."""

    class Type(models.TextChoices):
        # Values are PubMed publication types; labels are what readers see.
        PRACTICE_GUIDELINE = "Practice Guideline", _("Guideline")
        GUIDELINE = "Guideline", _("Guideline (general)")
        CONSENSUS = "Consensus Development Conference", _("Consensus statement")
        SYSTEMATIC_REVIEW = "Systematic Review", _("Systematic review")
        META_ANALYSIS = "Meta-Analysis", _("Meta-analysis")
        RCT = "Randomized Controlled Trial", _("Randomized controlled trial")
        CLINICAL_TRIAL = "Clinical Trial", _("Clinical trial")
        OBSERVATIONAL = "Observational Study", _("Observational study")
        COMPARATIVE = "Comparative Study", _("Comparative study")
        REVIEW = "Review", _("Review")
        CASE_REPORT = "Case Reports", _("Case report")
        JOURNAL_ARTICLE = "Journal Article", _("Research")
        BOOK = "Book", _("Book")
        WEBSITE = "Website", _("Web page")

    citation_key = models.SlugField(
        _("citation key"),
        max_length=80,
        unique=True,
        help_text=_("Cite it in a body as [@key]. Lower-case letters, digits, hyphens and underscores."),
    )
    type = models.CharField(_("type"), max_length=40, choices=Type.choices, default=Type.JOURNAL_ARTICLE)
    title = models.TextField(_("title"))
    authors = models.TextField(
        _("authors"),
        blank=True,
        help_text=_("One per line: “Family, Given” for a person, or an organisation’s name."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("Journal, publisher or website."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    volume = models.CharField(_("volume"), max_length=40, blank=True)
    issue = models.CharField(_("issue"), max_length=40, blank=True)
    pages = models.CharField(_("pages"), max_length=60, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        help_text=_("For example 10.1056/NEJMoa2034577, in the case the publisher gives it (DOIs match in any case)."),
    )
    pmid = models.CharField(_("PMID"), max_length=12, blank=True)
    pmcid = models.CharField(_("PMCID"), max_length=16, blank=True, help_text=_("PubMed Central, as PMC1234567."))
    isbn = models.CharField(
        _("ISBN"), max_length=20, blank=True, help_text=_("Of a book: ISBN-10 or ISBN-13, stored as ISBN-13.")
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    accessed = models.DateField(
        _("accessed"), null=True, blank=True, help_text=_("When the web page was read; AMA cites it as “Accessed …”.")
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text=_("The newer edition or guideline that replaces this one. Articles citing this one are flagged."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aliases",
        editable=False,
        help_text=_("A duplicate merged into another reference; its keys name that one."),
    )
    alias_keys = models.JSONField(
        _("keys of merged duplicates"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Every key of the references merged into this one: citing them cites this one."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["citation_key"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            # DOIs ignore case: one reference per DOI however it is written, kept as given.
            models.UniqueConstraint(Lower("doi"), condition=~Q(doi=""), name="unique_reference_doi_ci"),
            models.UniqueConstraint(fields=["pmid"], condition=~Q(pmid=""), name="unique_reference_pmid"),
            models.CheckConstraint(
                condition=Q(superseded_by__isnull=True) | ~Q(superseded_by=models.F("pk")),
                name="reference_not_superseded_by_itself",
            ),
        ]
        indexes = [models.Index(fields=["year"]), models.Index(fields=["type"]), models.Index(fields=["isbn"])]
        permissions = [("view_citation_health_report", _("Can download the citation-health report"))]

    def __str__(self) -> str:
        return f"{self.citation_key}: {self.title[:80]}"

    def save(self, *args, **kwargs) -> None:
        self.citation_key = self.citation_key.lower()
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        self.pmcid = normalize_pmcid(self.pmcid)
        self.isbn = normalize_isbn(self.isbn)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        self.pmcid = normalize_pmcid(self.pmcid)
        self.isbn = normalize_isbn(self.isbn)
        errors = {}
        if self.doi and not is_valid_doi(self.doi):
            errors["doi"] = _("A DOI starts with “10.”, then a registrant code, a slash and a suffix.")
        if self.pmid and not is_valid_pmid(self.pmid):
            errors["pmid"] = _("A PMID is a number of up to nine digits.")
        if self.pmcid and not is_valid_pmcid(self.pmcid):
            errors["pmcid"] = _("A PMCID is “PMC” followed by up to nine digits.")
        if self.isbn and not is_valid_isbn(self.isbn):
            errors["isbn"] = _("This is not a valid ISBN: check its digits (the last one is a check digit).")
        if self.superseded_by_id:
            problem = self.supersession_problem(self.superseded_by)
            if problem:
                errors["superseded_by"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi)

    @property
    def pubmed_url(self) -> str:
        return pubmed_url(self.pmid)

    @property
    def pmc_url(self) -> str:
        return pmc_url(self.pmcid)

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def first_author_family(self) -> str:
        """The first author's family name ("Whitfield" of "Whitfield, Anna"), or an organisation's name."""
        first = next(iter(self.author_list), "")
        return first.partition(",")[0].strip()

    def own_keys(self) -> list[str]:
        """The keys this reference answers to by its own key and identifiers."""
        keys = [self.citation_key.lower()]
        if self.pmid:
            keys.append(f"pmid:{self.pmid}")
        if self.doi:
            keys.append(f"doi:{doi_key(self.doi)}")
        return keys

    def lookup_keys(self) -> list[str]:
        """Every key an editor may cite this reference by, as ``normalize_citation_key`` writes it:
        its own, and those of the duplicates merged into it."""
        return [*self.own_keys(), *(key for key in self.alias_keys if isinstance(key, str))]

    def supersession_problem(self, newer: "Reference") -> str:
        """Why ``newer`` cannot supersede this reference ("" if it can): itself, a merged duplicate,
        or a chain that would lead back here."""
        if newer.pk == self.pk:
            return str(_("A reference cannot supersede itself."))
        if newer.merged_into_id:
            return str(_("“%(key)s” was merged into another reference; choose that one.") % {"key": newer.citation_key})
        seen, current = {self.pk}, newer
        while current is not None:
            if current.pk in seen:
                return str(
                    _("“%(key)s” is already superseded, directly or through newer editions, by this reference.")
                    % {"key": newer.citation_key}
                )
            seen.add(current.pk)
            current = current.superseded_by
        return ""

    @property
    def health(self) -> "ReferenceHealth":
        """What is known about this source now: retracted, corrected, superseded, its link.

        Reads ``findings``, ``superseded_by`` and ``last_check``; use ``Reference.objects.with_health()``
        for many references."""
        findings = [f for f in self.findings.all() if f.resolved_at is None]
        try:
            check = self.last_check
        except ReferenceCheck.DoesNotExist:
            check = None
        return ReferenceHealth(
            findings=sorted(findings, key=lambda f: f.found_at),
            superseded_by=self.superseded_by,
            link_status=check.link_status if check else "",
            link_final_url=check.link_final_url if check else "",
        )


class FindingQuerySet(models.QuerySet):
    def open(self) -> "FindingQuerySet":
        return self.filter(resolved_at__isnull=True)


class Finding(models.Model):
    """One thing learnt about a reference after it entered the library: a retraction notice, an erratum,
    an expression of concern, a newer edition, a dead or moved link. Stored once (a second check that
    finds the same thing changes nothing); ``resolved_at`` is set when it no longer holds (a link works
    again, an editor un-marks a newer edition)."""

    class Kind(models.TextChoices):
        RETRACTED = "retracted", _("Retracted")
        CORRECTED = "corrected", _("Corrected")
        EXPRESSION_OF_CONCERN = "expression_of_concern", _("Expression of concern")
        REINSTATED = "reinstated", _("Retraction withdrawn (reinstated)")
        NEW_VERSION = "new_version", _("Newer version published")
        COMMENT = "comment", _("Commented on")
        SUPERSEDED = "superseded", _("Superseded")
        LINK_BROKEN = "link_broken", _("Link broken")
        LINK_MOVED = "link_moved", _("Link moved")

    class Source(models.TextChoices):
        CROSSREF = "crossref", _("Crossref")
        PUBMED = "pubmed", _("PubMed")
        RETRACTION_WATCH = "retraction_watch", _("Retraction Watch")
        EDITOR = "editor", _("Editor")
        LINK_CHECK = "link_check", _("Link check")

    # Kinds that make the cited source unreliable or outdated; the rest inform.
    PROBLEM_KINDS = (
        Kind.RETRACTED,
        Kind.CORRECTED,
        Kind.EXPRESSION_OF_CONCERN,
        Kind.SUPERSEDED,
        Kind.LINK_BROKEN,
        Kind.LINK_MOVED,
    )

    reference = models.ForeignKey(
        Reference, verbose_name=_("reference"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    # What identifies the notice within its source (a DOI in lower case, a PMID, a record id, a URL);
    # with reference, kind and source it makes a finding unique.
    notice_id = models.CharField(_("notice"), max_length=500, blank=True)
    notice_doi = models.CharField(_("notice DOI"), max_length=200, blank=True)
    notice_url = models.URLField(_("notice link"), max_length=500, blank=True)
    notice_date = models.DateField(_("notice date"), null=True, blank=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["reference", "found_at", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["reference", "kind", "source", "notice_id"], name="unique_finding"),
        ]
        indexes = [models.Index(fields=["kind", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_source_display()})"

    @property
    def is_problem(self) -> bool:
        return self.kind in self.PROBLEM_KINDS

    @property
    def notice_link(self) -> str:
        return self.notice_url or doi_url(self.notice_doi)

    def describe(self) -> str:
        """One line for the admin and the report: "Retracted (Crossref, notice 10.x/y, 2023-05-10)"."""
        parts = [str(self.get_source_display())]
        notice = self.notice_doi or self.details.get("notice_pmid", "") or self.notice_url
        if notice:
            parts.append(str(notice))
        if self.notice_date:
            parts.append(self.notice_date.isoformat())
        return f"{self.get_kind_display()} ({', '.join(parts)})"


class ReferenceCheck(models.Model):
    """The latest automatic checks of one reference: of its identifiers against Crossref and PubMed,
    and of its link. Kept apart from the reference itself, so that a check is no edit of the reference
    (no new version, no "changed" signal) and reverting a reference leaves its checks alone."""

    class LinkStatus(models.TextChoices):
        OK = "ok", _("Works")
        MOVED = "moved", _("Moved (permanent redirect)")
        BROKEN = "broken", _("Broken")
        UNREACHABLE = "unreachable", _("Unreachable (timeout or server error)")
        REFUSED = "refused", _("Not checked (not a public web address)")

    reference = models.OneToOneField(
        Reference, on_delete=models.CASCADE, primary_key=True, related_name="last_check", verbose_name=_("reference")
    )
    sources_checked_at = models.DateTimeField(_("identifiers checked"), null=True, blank=True)
    sources_error = models.TextField(_("last error of the identifier check"), blank=True)
    link_checked_at = models.DateTimeField(_("link checked"), null=True, blank=True)
    link_url = models.URLField(_("link checked"), max_length=500, blank=True)
    link_status = models.CharField(_("link status"), max_length=20, choices=LinkStatus.choices, blank=True)
    link_http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    link_final_url = models.URLField(_("link ends at"), max_length=2000, blank=True)
    link_redirects = models.JSONField(_("redirects"), default=list, blank=True)
    link_error = models.TextField(_("link error"), blank=True)
    link_failures = models.PositiveSmallIntegerField(_("failed link checks in a row"), default=0)

    class Meta:
        verbose_name = _("reference check")
        verbose_name_plural = _("reference checks")
        indexes = [models.Index(fields=["sources_checked_at"]), models.Index(fields=["link_checked_at"])]

    def __str__(self) -> str:
        return str(self.reference_id)


@dataclass(frozen=True)
class ReferenceHealth:
    """A reference's current health, for the articles that cite it and for the editors' report."""

    findings: list[Finding] = field(default_factory=list)  # open findings, oldest first
    superseded_by: Reference | None = None
    link_status: str = ""
    link_final_url: str = ""

    def _has(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.findings)

    @property
    def is_retracted(self) -> bool:
        """Retracted, unless a later notice reinstated it."""
        retractions = [f for f in self.findings if f.kind == Finding.Kind.RETRACTED]
        if not retractions:
            return False
        reinstated = [f for f in self.findings if f.kind == Finding.Kind.REINSTATED]
        last = max(retractions, key=_finding_date)
        return not any(_finding_date(r) >= _finding_date(last) for r in reinstated)

    @property
    def is_corrected(self) -> bool:
        return self._has(Finding.Kind.CORRECTED)

    @property
    def has_expression_of_concern(self) -> bool:
        return self._has(Finding.Kind.EXPRESSION_OF_CONCERN)

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def is_link_broken(self) -> bool:
        return self.link_status == ReferenceCheck.LinkStatus.BROKEN

    @property
    def is_link_moved(self) -> bool:
        return self.link_status == ReferenceCheck.LinkStatus.MOVED

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.is_problem]

    @property
    def is_healthy(self) -> bool:
        return not (self.is_retracted or self.problems or self.is_superseded or self.is_link_broken)


def _finding_date(finding: Finding):
    return (finding.notice_date.isoformat() if finding.notice_date else "", finding.found_at.isoformat())
