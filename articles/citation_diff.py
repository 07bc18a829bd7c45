"""Which references changed between two revisions of a body, each with its number: added,
removed, renumbered, or changed in the metadata a reviewer checks (since a frozen copy)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .rendering import CitedReference

REFERENCE_FIELDS = {
    "type": _("type"),
    "title": _("title"),
    "authors": _("authors"),
    "source": _("journal or source"),
    "year": _("year"),
    "volume": _("volume"),
    "issue": _("issue"),
    "pages": _("pages"),
    "doi": _("DOI"),
    "pmid": _("PMID"),
    "url": _("link"),
}


@dataclass
class CitationChange:
    kind: str  # "added" | "removed" | "changed" | "renumbered"
    key: str
    number: int | None  # in the new revision
    old_number: int | None
    reference: object | None
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, before, after)

    @property
    def label(self) -> str:
        return str(
            {"added": _("Added"), "removed": _("Removed"), "changed": _("Changed"), "renumbered": _("Renumbered")}[
                self.kind
            ]
        )


def reference_fields(reference) -> dict[str, str]:
    """The metadata of a reference that a reviewer checks, as text (what a change request keeps)."""
    return {
        "type": str(reference.get_type_display()),
        "title": reference.title,
        "authors": "; ".join(reference.author_list),
        "source": reference.source,
        "year": str(reference.year or ""),
        "volume": reference.volume,
        "issue": reference.issue,
        "pages": reference.pages,
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.url,
    }


def entry_fields(entry: dict) -> dict[str, str]:
    """``reference_fields`` of a published snapshot's frozen reference entry."""
    return {
        "type": str(entry.get("type_label") or entry.get("type") or ""),
        "title": entry.get("title") or "",
        "authors": "; ".join(entry.get("authors") or []),
        "source": entry.get("source") or "",
        "year": str(entry.get("year") or ""),
        "doi": entry.get("doi") or "",
        "pmid": entry.get("pmid") or "",
        "url": entry.get("url") or "",
    }


def citation_changes(
    old: list[CitedReference], new: list[CitedReference], *, old_metadata: dict[str, dict] | None = None
) -> list[CitationChange]:
    """References added, removed, renumbered, or changed in their metadata since ``old_metadata``,
    in the order of the new numbering (removed ones last, by their old number)."""
    old_by_key = {c.reference.citation_key: c for c in old}
    new_by_key = {c.reference.citation_key: c for c in new}
    changes: list[CitationChange] = []
    for cited in new:
        key = cited.reference.citation_key
        before = old_by_key.get(key)
        if before is None:
            changes.append(CitationChange("added", key, cited.number, None, cited.reference))
            continue
        fields = []
        frozen = (old_metadata or {}).get(key)
        if frozen is not None:
            current = reference_fields(cited.reference)
            fields = [
                (str(REFERENCE_FIELDS[name]), frozen[name], current[name])
                for name in REFERENCE_FIELDS
                if name in frozen and name in current and (frozen[name] or "") != (current[name] or "")
            ]
        if fields:
            changes.append(CitationChange("changed", key, cited.number, before.number, cited.reference, fields))
        elif before.number != cited.number:
            changes.append(CitationChange("renumbered", key, cited.number, before.number, cited.reference))
    for cited in old:
        if cited.reference.citation_key not in new_by_key:
            changes.append(CitationChange("removed", cited.reference.citation_key, None, cited.number, cited.reference))
    return changes
