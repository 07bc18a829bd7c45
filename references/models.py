"""The shared reference library: one row per source, deduplicated by DOI and PMID."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .identifiers import (
    doi_url,
    is_valid_doi,
    is_valid_pmid,
    normalize_citation_key,
    normalize_doi,
    normalize_pmid,
    pubmed_url,
)


class ReferenceQuerySet(models.QuerySet):
    def search(self, term: str) -> "ReferenceQuerySet":
        term = term.strip()
        if not term:
            return self
        doi, pmid = normalize_doi(term), normalize_pmid(term)
        return self.filter(
            Q(title__icontains=term)
            | Q(authors__icontains=term)
            | Q(citation_key__iexact=term)
            | Q(doi=doi)
            | Q(pmid=pmid)
        )

    def answering_to(self, keys: Iterable[str]) -> "ReferenceQuerySet":
        """References that any of ``keys`` (as cited: ``key``, ``pmid:N`` or ``doi:10.x/y``) names;
        the query form of ``Reference.lookup_keys``."""
        keys = {normalize_citation_key(k) for k in keys}
        return self.filter(
            Q(citation_key__in=keys)
            | Q(pmid__in=[k.removeprefix("pmid:") for k in keys if k.startswith("pmid:")])
            | Q(doi__in=[k.removeprefix("doi:") for k in keys if k.startswith("doi:")])
        )


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
    doi = models.CharField(_("DOI"), max_length=200, blank=True, help_text=_("For example 10.1056/NEJMoa2034577."))
    pmid = models.CharField(_("PMID"), max_length=12, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["citation_key"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.UniqueConstraint(fields=["doi"], condition=~Q(doi=""), name="unique_reference_doi"),
            models.UniqueConstraint(fields=["pmid"], condition=~Q(pmid=""), name="unique_reference_pmid"),
        ]
        indexes = [models.Index(fields=["year"]), models.Index(fields=["type"])]

    def __str__(self) -> str:
        return f"{self.citation_key}: {self.title[:80]}"

    def save(self, *args, **kwargs) -> None:
        self.citation_key = self.citation_key.lower()
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        errors = {}
        if self.doi and not is_valid_doi(self.doi):
            errors["doi"] = _("A DOI starts with “10.”, then a registrant code, a slash and a suffix.")
        if self.pmid and not is_valid_pmid(self.pmid):
            errors["pmid"] = _("A PMID is a number of up to nine digits.")
        if errors:
            raise ValidationError(errors)

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi)

    @property
    def pubmed_url(self) -> str:
        return pubmed_url(self.pmid)

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    def lookup_keys(self) -> list[str]:
        """Every key an editor may cite this reference by, as ``normalize_citation_key`` writes it."""
        keys = [self.citation_key.lower()]
        if self.pmid:
            keys.append(f"pmid:{self.pmid}")
        if self.doi:
            keys.append(f"doi:{self.doi.lower()}")
        return keys
