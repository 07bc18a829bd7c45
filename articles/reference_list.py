"""A published body's reference list as readers see it, rendered once when the snapshot is stored.

The list is frozen with the snapshot (``PublishedBody.references``), with two things beside it that
are not editorial content: the back-links to every marker citing each entry, and the site's note
that a source was retracted after the answer was approved (``retraction``). Page requests insert
the stored HTML; nothing here runs per request.
"""

import re
import string
from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from references.models import Finding, Reference, ReferenceHealth


def retraction_note(reference: Reference) -> dict | None:
    """``{"date", "url"}`` of the retraction readers are told about, or None when the source stands
    (never retracted, or reinstated by a later notice). Reads ``reference.findings`` (prefetch them
    for many, or annotate ``may_be_retracted`` with ``retraction_flag()`` to skip the sound ones)."""
    if not getattr(reference, "may_be_retracted", True):
        return None
    health = ReferenceHealth(findings=[f for f in reference.findings.all() if f.resolved_at is None])
    if not health.is_retracted:
        return None
    notices = [f for f in health.findings if f.kind == Finding.Kind.RETRACTED]
    latest = max(notices, key=lambda f: (f.notice_date.isoformat() if f.notice_date else "", f.found_at.isoformat()))
    return {"date": latest.notice_date.isoformat() if latest.notice_date else "", "url": latest.notice_link}


def retraction_flag() -> Exists:
    """An annotation for a Reference query: whether an open retraction notice exists (no extra query)."""
    return Exists(Finding.objects.open().filter(reference=OuterRef("pk"), kind=Finding.Kind.RETRACTED))


def shows_retraction(entry: dict) -> bool:
    """The note stands beside a retracted entry unless the approved revision cites it with the editor's
    stated reason (``Citation.override_reason``): the board approved citing it knowing of the
    retraction, and the answer itself says why. Otherwise it stays until a re-approved revision no
    longer cites the source (that revision's list has no entry for it)."""
    return bool(entry.get("retraction")) and not entry.get("cited_anyway")


def _backlink_labels(anchors: Iterable[str]) -> list[dict]:
    anchors = list(anchors)
    letters = string.ascii_lowercase
    return [
        {"anchor": anchor, "label": letters[i] if i < len(letters) else str(i + 1)} for i, anchor in enumerate(anchors)
    ]


def _date(retraction: dict | None) -> date | None:
    value = (retraction or {}).get("date")
    return date.fromisoformat(value) if value else None


def _web_link(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else ""


def render_reference_list(entries: list[dict]) -> SafeString:
    """The ``#references`` section for ``entries`` (``publishing.reference_entry``), or nothing."""
    if not entries:
        return SafeString("")
    items = [
        {
            **entry,
            "backlinks": _backlink_labels(entry.get("backlinks") or [entry["backlink"]]),
            "show_retraction": shows_retraction(entry),
            "retraction_date": _date(entry.get("retraction")),
            "retraction_url": _web_link((entry.get("retraction") or {}).get("url", "")),
        }
        for entry in entries
    ]
    return SafeString(render_to_string("articles/partials/_references.html", {"references": items}).strip())


_MARKER = re.compile(r'<sup class="citation" id="(cite-c\d+)">(.*?)</sup>', re.DOTALL)
_MARKER_LINK = re.compile(r'(?:</a>([-,]))?<a href="#ref-(\d+)"')


def markers_by_number(html: str) -> dict[int, list[str]]:
    """Reference number -> the ids of the in-text markers citing it, read back from a stored body
    (for snapshots stored before the list kept them); a compressed range (2-5) cites each number."""
    found: dict[int, list[str]] = {}
    for anchor, inner in _MARKER.findall(html):
        previous = None
        for separator, number in _MARKER_LINK.findall(inner):
            number = int(number)
            numbers = range(previous + 1, number + 1) if separator == "-" and previous else [number]
            for n in numbers:
                if anchor not in found.setdefault(n, []):
                    found[n].append(anchor)
            previous = number
    return found


def upgrade_entries(entries: list[dict], html: str, *, ids_by_key: dict[str, int]) -> list[dict]:
    """Fill what older snapshots' entries lack (``id``, ``backlinks``) without changing what they say."""
    markers = markers_by_number(html)
    upgraded = []
    for entry in entries:
        entry = dict(entry)
        entry.setdefault("id", ids_by_key.get(entry.get("key", "")))
        entry.setdefault("cited_anyway", False)
        entry["backlinks"] = entry.get("backlinks") or markers.get(entry["number"]) or [entry["backlink"]]
        upgraded.append(entry)
    return upgraded
