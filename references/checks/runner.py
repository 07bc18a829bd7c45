"""Running the checks over references and storing what they find: one reference at a time, whole or
not at all (a reference whose check failed keeps its old state and is tried again on the next run)."""

import datetime
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from references.identifiers import is_valid_doi, is_valid_pmid
from references.models import Finding, Reference, ReferenceCheck
from references.services.findings import FindingData, finding_resolve, findings_store

from . import crossref, pubmed
from .http import NotFoundError, PoliteClient, ServiceError
from .links import LinkChecker, LinkResult

logger = logging.getLogger(__name__)
Tick = Callable[[int], None] | None


@dataclass
class Summary:
    """What one run did, for the command's last lines and the job's log."""

    checked: int = 0
    findings: list[tuple[str, str]] = field(default_factory=list)  # (citation key, finding described)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (citation key, what went wrong)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (citation key, why)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (citation key, something to know)
    statuses: dict[str, int] = field(default_factory=dict)  # link status -> count
    failures_in_a_row: int = 0
    stopped_early: bool = False  # the services looked unreachable: the rest is left for the next run

    def as_text(self) -> str:
        parts = [_("%(count)s checked") % {"count": self.checked}]
        parts.append(_("%(count)s new findings") % {"count": len(self.findings)})
        if self.statuses:
            parts += [f"{count} {status}" for status, count in sorted(self.statuses.items())]
        parts.append(_("%(count)s failed") % {"count": len(self.errors)})
        parts.append(_("%(count)s skipped") % {"count": len(self.skipped)})
        if self.stopped_early:
            parts.append(_("stopped early: the services did not answer, the rest waits for the next run"))
        return ", ".join(parts)


def _state(reference: Reference) -> ReferenceCheck:
    state, _created = ReferenceCheck.objects.select_for_update().get_or_create(reference=reference)
    return state


def sources_due(*, older_than_days: int | None = None) -> "Iterable[Reference]":
    """References with a DOI or PMID whose identifiers were never checked, or not for ``older_than_days``."""
    references = Reference.objects.library().exclude(doi="", pmid="")
    if older_than_days is not None:
        since = timezone.now() - datetime.timedelta(days=older_than_days)
        references = references.exclude(last_check__sources_checked_at__gte=since)
    return references.order_by("last_check__sources_checked_at", "pk")


def links_due(*, older_than_days: int | None = None) -> "Iterable[Reference]":
    """References with a web address whose link was never checked, or not for ``older_than_days``."""
    references = Reference.objects.library().exclude(url="")
    if older_than_days is not None:
        since = timezone.now() - datetime.timedelta(days=older_than_days)
        references = references.exclude(last_check__link_checked_at__gte=since)
    return references.order_by("last_check__link_checked_at", "pk")


# So many failed references in a row mean the services are unreachable, not that these references are odd.
SERVICES_DOWN_AFTER = 3


def check_sources(
    references: Sequence[Reference],
    *,
    tick: Tick = None,
    crossref_client: PoliteClient | None = None,
    pubmed_client: PoliteClient | None = None,
) -> Summary:
    """Ask Crossref (by DOI) and PubMed (by PMID, many at once) about each reference and store what
    they report. Malformed identifiers are skipped with the reason; a service that fails leaves that
    reference as it was, with the error noted on its check."""
    summary = Summary()
    own_crossref, own_pubmed = crossref_client is None, pubmed_client is None
    crossref_client = crossref_client or crossref.crossref_client()
    pubmed_client = pubmed_client or pubmed.pubmed_client()
    try:
        for start in range(0, len(references), pubmed.BATCH_SIZE):
            batch = references[start : start + pubmed.BATCH_SIZE]
            records, batch_error = _pubmed_batch(pubmed_client, batch)
            for reference in batch:
                errors_before = len(summary.errors)
                _check_one(reference, crossref_client, records, batch_error, summary)
                summary.failures_in_a_row = summary.failures_in_a_row + 1 if len(summary.errors) > errors_before else 0
                if tick:
                    tick(1)
                if summary.failures_in_a_row >= SERVICES_DOWN_AFTER:
                    # The services (or the network) are down: stop instead of waiting out every
                    # timeout; the references left are due again at the next run.
                    summary.stopped_early = True
                    return summary
    finally:
        if own_crossref:
            crossref_client.close()
        if own_pubmed:
            pubmed_client.close()
    return summary


def _pubmed_batch(client: PoliteClient, batch: Sequence[Reference]) -> tuple[dict, str]:
    pmids = sorted({r.pmid for r in batch if r.pmid and is_valid_pmid(r.pmid)})
    if not pmids:
        return {}, ""
    try:
        return pubmed.fetch_records(client, pmids), ""
    except ServiceError as error:
        logger.warning("PubMed check of %s PMIDs failed: %s", len(pmids), error)
        return {}, str(error)


def _check_one(reference: Reference, client: PoliteClient, records: dict, pubmed_error: str, summary: Summary) -> None:
    key = reference.citation_key
    problems = []
    if reference.doi and not is_valid_doi(reference.doi):
        problems.append(_("the DOI “%(doi)s” is malformed") % {"doi": reference.doi})
    if reference.pmid and not is_valid_pmid(reference.pmid):
        problems.append(_("the PMID “%(pmid)s” is malformed") % {"pmid": reference.pmid})
    doi = reference.doi if reference.doi and is_valid_doi(reference.doi) else ""
    pmid = reference.pmid if reference.pmid and is_valid_pmid(reference.pmid) else ""
    if problems:
        summary.skipped.append((key, "; ".join(problems) + _(": correct it in the library.")))
    if not (doi or pmid):
        return
    found: list[FindingData] = []
    errors: list[str] = []
    if doi:
        try:
            found += crossref.check_doi(client, doi)
        except NotFoundError:
            summary.notes.append((key, _("Crossref does not know the DOI %(doi)s.") % {"doi": doi}))
        except ServiceError as error:
            errors.append(str(error))
    if pmid:
        if pubmed_error:
            errors.append(pubmed_error)
        elif pmid in records:
            found += pubmed.findings_from_record(records[pmid])
        else:
            summary.notes.append((key, _("PubMed does not know the PMID %(pmid)s.") % {"pmid": pmid}))
    summary.checked += 1
    with transaction.atomic():
        state = _state(reference)
        if errors:
            state.sources_error = " ".join(errors)
            state.save(update_fields=["sources_error"])
            summary.errors.append((key, state.sources_error))
            return
        stored = findings_store(reference=reference, findings=found)
        state.sources_checked_at, state.sources_error = timezone.now(), ""
        state.save(update_fields=["sources_checked_at", "sources_error"])
    summary.findings += [(key, finding.describe()) for finding in stored]


def check_links(references: Iterable[Reference], *, tick: Tick = None, checker: LinkChecker | None = None) -> Summary:
    """Check the web address of each reference and store the outcome (and any broken or moved link)."""
    summary = Summary()
    own = checker is None
    checker = checker or LinkChecker()
    try:
        for reference in references:
            result = checker.check(reference.url)
            summary.checked += 1
            summary.statuses[result.status] = summary.statuses.get(result.status, 0) + 1
            summary.findings += [(reference.citation_key, f.describe()) for f in store_link_result(reference, result)]
            if result.error and result.status != ReferenceCheck.LinkStatus.OK:
                summary.notes.append((reference.citation_key, f"{reference.url}: {result.error}"))
            if tick:
                tick(1)
    finally:
        if own:
            checker.close()
    return summary


def store_link_result(reference: Reference, result: LinkResult) -> list[Finding]:
    """Record a link check on the reference; a broken or moved link becomes a finding, a working one
    resolves them. A link that does not answer becomes broken only after ``LINK_CHECK_FAILURES_BEFORE_BROKEN``
    checks in a row."""
    Status = ReferenceCheck.LinkStatus
    with transaction.atomic():
        state = _state(reference)
        failures = state.link_failures + 1 if result.status == Status.UNREACHABLE else 0
        status = result.status
        if status == Status.UNREACHABLE and failures >= settings.LINK_CHECK_FAILURES_BEFORE_BROKEN:
            status = Status.BROKEN
        state.link_checked_at = timezone.now()
        state.link_url = result.url[:500]
        state.link_status = status
        state.link_http_status = result.http_status
        state.link_final_url = result.final_url[:2000]
        state.link_redirects = result.redirects
        state.link_error = result.error
        state.link_failures = min(failures, 32000)
        state.save()
        source, kinds = Finding.Source.LINK_CHECK, (Finding.Kind.LINK_BROKEN, Finding.Kind.LINK_MOVED)
        if status == Status.OK:
            finding_resolve(reference=reference, kinds=kinds, source=source)
            return []
        if status == Status.BROKEN:
            finding_resolve(reference=reference, kinds=[Finding.Kind.LINK_MOVED], source=source)
            data = FindingData(
                kind=Finding.Kind.LINK_BROKEN,
                source=source,
                notice_id=result.url,
                notice_url=result.url[:500],
                notice_date=timezone.localdate(),
                details={"http_status": result.http_status, "error": result.error, "redirects": result.redirects},
            )
            return findings_store(reference=reference, findings=[data])
        if status == Status.MOVED:
            finding_resolve(reference=reference, kinds=[Finding.Kind.LINK_BROKEN], source=source)
            finding_resolve(reference=reference, kinds=[Finding.Kind.LINK_MOVED], source=source, keep=result.final_url)
            data = FindingData(
                kind=Finding.Kind.LINK_MOVED,
                source=source,
                notice_id=result.final_url,
                notice_url=result.final_url[:500],
                notice_date=timezone.localdate(),
                details={"from": result.url, "redirects": result.redirects},
            )
            return findings_store(reference=reference, findings=[data])
    return []
