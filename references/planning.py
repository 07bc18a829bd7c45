"""What importing a file would do to the library: add, merge or refuse each entry.

The whole check costs one query for the library's identifiers and keys, plus one to load
the references that entries would merge into, however many entries the file holds.
"""

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .importers import FORMAT_LABELS, ParsedFile, ParsedReference
from .importers.keys import unique_keys
from .models import Reference

# Fields a merge may fill when the library's reference has them empty.
FILLABLE_FIELDS = ("authors", "source", "year", "volume", "issue", "pages", "doi", "pmid", "url")


class Action(StrEnum):
    ADD = "add"
    MERGE = "merge"
    REFUSE = "refuse"


@dataclass
class PlannedEntry:
    """One entry of the file and what importing it does."""

    record: ParsedReference
    action: Action
    key: str  # the citation key it gets (add), has (merge) or was offered (refuse)
    existing: Reference | None = None
    fills: dict[str, object] = field(default_factory=dict)
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def fill_labels(self) -> list[str]:
        return [str(Reference._meta.get_field(name).verbose_name) for name in self.fills]

    def summary(self) -> str:
        """One line for the command's output and the admin's preview."""
        where = self.record.describe()
        if self.action == Action.REFUSE:
            return _("refuse %(where)s: %(reason)s") % {"where": where, "reason": self.reason}
        if self.action == Action.MERGE:
            filled = ", ".join(self.fill_labels) or _("nothing, it is complete")
            return _("merge %(where)s into “%(key)s”: fills %(fields)s") % {
                "where": where,
                "key": self.key,
                "fields": filled,
            }
        return _("add %(where)s as “%(key)s”") % {"where": where, "key": self.key}


@dataclass
class ImportPlan:
    """Every entry of one file, in file order, with its action."""

    format: str
    entries: list[PlannedEntry]

    @property
    def format_label(self) -> str:
        return str(FORMAT_LABELS.get(self.format, self.format))

    def with_action(self, action: Action) -> list[PlannedEntry]:
        return [entry for entry in self.entries if entry.action == action]

    @property
    def adds(self) -> list[PlannedEntry]:
        return self.with_action(Action.ADD)

    @property
    def merges(self) -> list[PlannedEntry]:
        return self.with_action(Action.MERGE)

    @property
    def refusals(self) -> list[PlannedEntry]:
        return self.with_action(Action.REFUSE)

    @property
    def is_importable(self) -> bool:
        return bool(self.entries) and not self.refusals

    @property
    def digest(self) -> str:
        """Changes whenever the outcome would: lets a confirmation notice that the library moved on."""
        lines = (f"{e.action}:{e.key}:{e.existing.pk if e.existing else ''}:{sorted(e.fills)}" for e in self.entries)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _problem(record: ParsedReference) -> str:
    """Why the record cannot be a Reference, in the model's own words; "" if it can."""
    if not record.title:
        return _("it has no title.")
    candidate = Reference(citation_key=record.key or "key", **record.model_fields())
    try:
        candidate.full_clean(exclude=["citation_key"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return " ".join(
            f"{Reference._meta.get_field(name).verbose_name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return ""


def _duplicate_in_file(record: ParsedReference, seen: dict[tuple[str, str], ParsedReference]) -> str:
    for label, value in (("DOI", record.doi), ("PMID", record.pmid)):
        if not value:
            continue
        first = seen.setdefault((label, value), record)
        if first is not record:
            return _("duplicate inside the file: same %(identifier)s as %(first)s.") % {
                "identifier": label,
                "first": first.describe(),
            }
    return ""


def _merge(record: ParsedReference, existing: Reference) -> PlannedEntry:
    values = record.model_fields()
    fills = {name: values[name] for name in FILLABLE_FIELDS if values[name] and not getattr(existing, name)}
    notes = [
        _("the file’s %(identifier)s %(value)s differs from the library’s %(kept)s, which is kept.")
        % {"identifier": label, "value": values[name], "kept": getattr(existing, name)}
        for name, label in (("doi", "DOI"), ("pmid", "PMID"))
        if values[name] and getattr(existing, name) and values[name] != getattr(existing, name)
    ]
    return PlannedEntry(record, Action.MERGE, existing.citation_key, existing=existing, fills=fills, notes=notes)


def build_plan(parsed: ParsedFile) -> ImportPlan:
    """Decide add, merge or refuse for every entry of a parsed file. Reads, never writes."""
    index = list(Reference.objects.values_list("pk", "doi", "pmid", "citation_key"))
    by_doi = {doi: pk for pk, doi, _pmid, _key in index if doi}
    by_pmid = {pmid: pk for pk, _doi, pmid, _key in index if pmid}
    matches: dict[int, tuple[int | None, int | None]] = {}
    for position, record in enumerate(parsed.records):
        pk_by_doi, pk_by_pmid = by_doi.get(record.doi), by_pmid.get(record.pmid)
        if pk_by_doi or pk_by_pmid:
            matches[position] = (pk_by_doi, pk_by_pmid)
    existing = Reference.objects.in_bulk({pk for pair in matches.values() for pk in pair if pk})

    seen: dict[tuple[str, str], ParsedReference] = {}
    merged_into: dict[int, ParsedReference] = {}
    entries: list[PlannedEntry] = []
    for position, record in enumerate(parsed.records):
        reason = _duplicate_in_file(record, seen) or _problem(record)
        pk_by_doi, pk_by_pmid = matches.get(position, (None, None))
        target = pk_by_doi or pk_by_pmid
        if not reason and pk_by_doi and pk_by_pmid and pk_by_doi != pk_by_pmid:
            reason = _("its DOI belongs to “%(doi_key)s” but its PMID to “%(pmid_key)s”.") % {
                "doi_key": existing[pk_by_doi].citation_key,
                "pmid_key": existing[pk_by_pmid].citation_key,
            }
        elif not reason and target and merged_into.setdefault(target, record) is not record:
            reason = _("duplicate inside the file: %(first)s already merges into “%(key)s”.") % {
                "first": merged_into[target].describe(),
                "key": existing[target].citation_key,
            }
        if reason:
            entries.append(PlannedEntry(record, Action.REFUSE, record.key, reason=reason))
        elif target:
            entries.append(_merge(record, existing[target]))
        else:
            entries.append(PlannedEntry(record, Action.ADD, record.key))

    adds = [entry for entry in entries if entry.action == Action.ADD]
    taken = [key for _pk, _doi, _pmid, key in index]
    for entry, key in zip(adds, unique_keys([e.key for e in adds], taken=taken), strict=True):
        if key != entry.key:
            entry.notes.append(_("the key “%(key)s” is taken; it becomes “%(new)s”.") % {"key": entry.key, "new": key})
            entry.key = key
    return ImportPlan(format=parsed.format, entries=entries)
