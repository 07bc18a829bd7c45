"""Crossref's REST API (``GET /works/{doi}``): the notices that update a work.

Crossref lists, on the record of the original work, the notices that update it (``updated-by``:
retractions, corrections, expressions of concern, with the notice's DOI, type, source and date), and,
on a notice's own record, the works it updates (``update-to``). Crossref takes in the Retraction
Watch database, so ``updated-by`` also holds retractions the publisher never registered
(``"source": "retraction-watch"``).
"""

import datetime
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from references.identifiers import doi_key, doi_url
from references.models import Finding
from references.services.findings import FindingData

from .http import PoliteClient, ServiceError

# Crossref's update types -> our kinds; anything else ("new_version", "addendum", ...) is informative.
UPDATE_KINDS = {
    "retraction": Finding.Kind.RETRACTED,
    "partial_retraction": Finding.Kind.RETRACTED,
    "withdrawal": Finding.Kind.RETRACTED,
    "removal": Finding.Kind.RETRACTED,
    "correction": Finding.Kind.CORRECTED,
    "corrigendum": Finding.Kind.CORRECTED,
    "erratum": Finding.Kind.CORRECTED,
    "expression_of_concern": Finding.Kind.EXPRESSION_OF_CONCERN,
    "reinstatement": Finding.Kind.REINSTATED,
    "new_version": Finding.Kind.NEW_VERSION,
}


def crossref_client(**kwargs) -> PoliteClient:
    return PoliteClient("Crossref", per_second=settings.CITATION_CHECK_CROSSREF_PER_SECOND, **kwargs)


def work_url(doi: str) -> str:
    return f"{settings.CITATION_CHECK_CROSSREF_URL.rstrip('/')}/works/{quote(doi, safe='/:;()')}"


def fetch_work(client: PoliteClient, doi: str) -> dict:
    """Crossref's ``message`` for ``doi``; ServiceError for an answer that is not a work record."""
    params = {"mailto": settings.CITATION_CHECK_CONTACT_EMAIL} if settings.CITATION_CHECK_CONTACT_EMAIL else None
    response = client.get(work_url(doi), params=params)
    try:
        data = response.json()
    except ValueError as error:
        raise ServiceError(_("Crossref answered with something that is not JSON.")) from error
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict) or data.get("message-type") not in (None, "work"):
        raise ServiceError(_("Crossref answered, but not with a work record."))
    return message


def _date(value: object) -> datetime.date | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [*parts[0], 1, 1][:3]
        try:
            return datetime.date(int(numbers[0]), int(numbers[1] or 1), int(numbers[2] or 1))
        except (TypeError, ValueError):
            return None
    return None


def findings_from_work(message: dict) -> list[FindingData]:
    """The findings a work record holds: each ``updated-by`` notice of a known type."""
    findings = []
    updates = message.get("updated-by") or []
    if not isinstance(updates, list):
        raise ServiceError(_("Crossref's “updated-by” is not a list."))
    for update in updates:
        if not isinstance(update, dict):
            continue
        kind = UPDATE_KINDS.get(str(update.get("type", "")).strip().lower().replace("-", "_"))
        if kind is None:
            continue
        notice = str(update.get("DOI") or "").strip()
        findings.append(
            FindingData(
                kind=kind,
                source=Finding.Source.CROSSREF,
                notice_id=doi_key(notice) or f"{update.get('type')}:{update.get('record-id', '')}",
                notice_doi=notice,
                notice_url=doi_url(notice),
                notice_date=_date(update.get("updated")),
                details={
                    k: update[k] for k in ("type", "label", "source", "record-id") if k in update and update[k] != ""
                },
            )
        )
    return findings


def check_doi(client: PoliteClient, doi: str) -> list[FindingData]:
    """Findings for one DOI. A DOI Crossref does not know gives none (NotFoundError is caught by the caller)."""
    return findings_from_work(fetch_work(client, doi))
