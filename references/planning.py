"""What importing a file would do to the library: add, merge or refuse each entry.

An entry merges into the library's reference with the same DOI (in any case) or PMID; an entry
with neither merges into one with the same ISBN, or the same title, year and first author
(``references.matching``). A key, DOI or PMID of a reference merged into another leads to that one.
The whole check costs one query for the library's identifiers, keys and titles, plus one to load
the references that entries would merge into, however many entries the file holds.
"""

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .identifiers import doi_key
from .importers import FORMAT_LABELS, ParsedFile, ParsedReference
from .importers.keys import unique_keys
from .matching import Described, Matcher, Rule
from .models import Reference

# Fields a merge may fill when the library's reference has them empty.
FILLABLE_FIELDS = (
    "authors", "source", "year", "volume", "issue", "pages", "doi", "pmid", "pmcid", "isbn", "url", "accessed",
)  # fmt: skip


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
    rule: Rule | None = None  # why it merges: which rule matched the library's reference

    @property
    def rule_label(self) -> str:
        return self.rule.label if self.rule else ""

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
            return _("merge %(where)s into “%(key)s” (%(rule)s): fills %(fields)s") % {
                "where": where,
                "key": self.key,
                "rule": self.rule_label,
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
    for label, value in (("DOI", doi_key(record.doi)), ("PMID", record.pmid)):
        if not value:
            continue
        first = seen.setdefault((label, value), record)
        if first is not record:
            return _("duplicate inside the file: same %(identifier)s as %(first)s.") % {
                "identifier": label,
                "first": first.describe(),
            }
    return ""


def _merge(record: ParsedReference, existing: Reference, rule: Rule) -> PlannedEntry:
    values = record.model_fields()
    fills = {name: values[name] for name in FILLABLE_FIELDS if values[name] and not getattr(existing, name)}
    notes = [
        _("the file’s %(identifier)s %(value)s differs from the library’s %(kept)s, which is kept.")
        % {"identifier": label, "value": values[name], "kept": getattr(existing, name)}
        for name, label, same in (("doi", "DOI", doi_key), ("pmid", "PMID", str), ("isbn", "ISBN", str))
        if values[name] and getattr(existing, name) and same(values[name]) != same(getattr(existing, name))
    ]
    return PlannedEntry(
        record, Action.MERGE, existing.citation_key, existing=existing, fills=fills, notes=notes, rule=rule
    )


def _described(record: ParsedReference, pk: int | None) -> Described:
    return Described.of(pk=pk, title=record.title, year=record.year, authors=record.authors, isbn=record.isbn)


def _library_index() -> tuple[dict[str, int], dict[str, int], Matcher, list[str]]:
    """(DOI key -> pk, PMID -> pk, a Matcher of the library proper, every citation key); an alias's
    identifiers lead to the reference it was merged into."""
    rows = list(
        Reference.objects.values_list(
            "pk", "doi", "pmid", "citation_key", "merged_into", "isbn", "title", "year", "authors"
        )
    )
    by_doi = {doi_key(doi): into or pk for pk, doi, _p, _k, into, *_rest in rows if doi}
    by_pmid = {pmid: into or pk for pk, _d, pmid, _k, into, *_rest in rows if pmid}
    matcher = Matcher(
        Described.of(pk=pk, title=title, year=year, authors=authors, isbn=isbn)
        for pk, _d, _p, _k, into, isbn, title, year, authors in rows
        if not into
    )
    return by_doi, by_pmid, matcher, [key for _pk, _d, _p, key, *_rest in rows]


def _fuzzy_target(
    record: ParsedReference, matcher: Matcher, claimed: dict[int, ParsedReference]
) -> tuple[int | None, Rule | None, ParsedReference | None]:
    """For an entry without DOI or PMID: (the library reference it describes, the rule, the earlier
    entry of the file that already merges into it, if every candidate is taken)."""
    if record.doi or record.pmid:
        return None, None, None
    candidates = matcher.candidates(_described(record, None))
    for work, rule in candidates:  # a file that added a book twice merges into both copies again
        if work.pk not in claimed:
            return work.pk, rule, None
    if candidates:
        work, rule = candidates[0]
        return work.pk, rule, claimed[work.pk]
    return None, None, None


def build_plan(parsed: ParsedFile) -> ImportPlan:
    """Decide add, merge or refuse for every entry of a parsed file. Reads, never writes."""
    by_doi, by_pmid, matcher, taken = _library_index()
    matches: dict[int, tuple[int | None, int | None]] = {}
    fuzzy: dict[int, tuple[int, Rule, ParsedReference | None]] = {}
    claimed: dict[int, ParsedReference] = {}
    for position, record in enumerate(parsed.records):
        pk_by_doi, pk_by_pmid = by_doi.get(doi_key(record.doi)), by_pmid.get(record.pmid)
        if pk_by_doi or pk_by_pmid:
            matches[position] = (pk_by_doi, pk_by_pmid)
            continue
        target, rule, earlier = _fuzzy_target(record, matcher, claimed)
        if target:
            fuzzy[position] = (target, rule, earlier)
            claimed.setdefault(target, record)
    wanted = {pk for pair in matches.values() for pk in pair if pk} | {pk for pk, _rule, _e in fuzzy.values()}
    existing = Reference.objects.in_bulk(wanted)

    seen: dict[tuple[str, str], ParsedReference] = {}
    merged_into: dict[int, ParsedReference] = {}
    in_file = Matcher()
    entries: list[PlannedEntry] = []
    for position, record in enumerate(parsed.records):
        reason = _duplicate_in_file(record, seen) or _problem(record)
        if not reason and position in fuzzy:
            target, rule, earlier = fuzzy[position]
            entry = _merge(record, existing[target], rule)
            if earlier is not None:  # the same work twice in the file: the first entry fills, this one adds nothing
                entry.fills = {}
                entry.notes.append(
                    _("the same work as %(first)s, which already merges into “%(key)s”; nothing more is taken from it.")
                    % {"first": earlier.describe(), "key": existing[target].citation_key}
                )
            entries.append(entry)
            continue
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
            entries.append(_merge(record, existing[target], Rule.DOI if pk_by_doi else Rule.PMID))
        else:
            entries.append(_add(record, position, in_file, entries))

    adds = [entry for entry in entries if entry.action == Action.ADD]
    for entry, key in zip(adds, unique_keys([e.key for e in adds], taken=taken), strict=True):
        if key != entry.key:
            entry.notes.append(_("the key “%(key)s” is taken; it becomes “%(new)s”.") % {"key": entry.key, "new": key})
            entry.key = key
    return ImportPlan(format=parsed.format, entries=entries)


def _add(record: ParsedReference, position: int, in_file: Matcher, entries: list[PlannedEntry]) -> PlannedEntry:
    """An entry to add; noted if an earlier new entry of the file looks like the same work."""
    entry = PlannedEntry(record, Action.ADD, record.key)
    if not (record.doi or record.pmid):
        work = _described(record, -(position + 1))
        for other, rule in in_file.candidates(work):
            first = entries[-other.pk - 1].record
            entry.notes.append(
                _("looks like the same work as %(first)s (%(rule)s); both are added. Merge them later if they are.")
                % {"first": first.describe(), "rule": rule.label}
            )
            break
        in_file.add(work)
    return entry
