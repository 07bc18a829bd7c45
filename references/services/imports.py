"""Importing files of references, and adding one by its identifier."""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from references.identifiers import is_valid_doi, is_valid_pmid, normalize_doi, normalize_pmid
from references.importers import parse_references
from references.importers.keys import unique_keys
from references.models import Reference
from references.planning import ImportPlan, build_plan

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
_NOT_KEY = re.compile(r"[^a-z0-9]+")


class ImportRefusedError(ValidationError):
    """The file reads fine, but some entries cannot be imported; ``plan`` says which and why."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        refused = len(plan.refusals)
        message = ngettext(
            "%(refused)s of %(total)s entries was refused, so nothing was imported.",
            "%(refused)s of %(total)s entries were refused, so nothing was imported.",
            refused,
        ) % {"refused": refused, "total": len(plan.entries)}
        super().__init__(message, code="refused")

    def __str__(self) -> str:
        return self.message


class PlanChangedError(ValidationError):
    """The library changed between preview and confirmation, so the import would differ from the preview."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(
            _("The library changed since the preview, so the import would differ from it. Check the new preview."),
            code="changed",
        )

    def __str__(self) -> str:
        return self.message


@dataclass
class ImportResult:
    plan: ImportPlan
    dry_run: bool
    created: list[Reference] = field(default_factory=list)
    merged: list[Reference] = field(default_factory=list)


def reference_import_preview(*, text: str, filename: str = "", file_format: str | None = None) -> ImportPlan:
    """What importing ``text`` would do, entry by entry; writes nothing.

    Anyone who may add references may call it. The format is detected from the content
    unless ``file_format`` is given; ``filename`` only labels log lines. Raises
    ImportFormatError (a ValidationError) naming the entry and line of a malformed file.
    """
    plan = build_plan(parse_references(text, file_format=file_format))
    logger.debug("Previewed %s (%s): %s entries", filename or "pasted text", plan.format, len(plan.entries))
    return plan


def reference_import(
    *,
    text: str,
    actor: object = None,
    dry_run: bool = False,
    file_format: str | None = None,
    expected_digest: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import a whole file of references, or nothing at all.

    For users with ``references.add_reference``. The file is parsed and planned again here,
    never taken from a preview. Inside one transaction it adds new references in batches
    and fills the empty fields of the references that entries merge into (saving each, so
    that receivers of ``post_save`` see the change). Raises ImportFormatError for a
    malformed file and ImportRefusedError if any entry is refused; either way nothing is
    written. With ``expected_digest`` (an ``ImportPlan.digest`` the user saw) it raises
    PlanChangedError instead of importing something other than what was previewed.
    ``progress(done, total)`` is called as batches of new references are written.
    """
    with transaction.atomic():
        plan = build_plan(parse_references(text, file_format=file_format))
        if not plan.is_importable:
            raise ImportRefusedError(plan)
        if expected_digest and expected_digest != plan.digest:
            raise PlanChangedError(plan)
        result = ImportResult(plan=plan, dry_run=dry_run)
        if dry_run:
            return result
        try:
            result.created = _create(plan, progress)
            result.merged = _merge(plan)
        except IntegrityError as error:
            raise ValidationError(
                _("The library changed while the file was being imported; nothing was imported. Try again."),
                code="conflict",
            ) from error
        transaction.on_commit(
            lambda: logger.info(
                "Reference import by %s (%s file): %s added, %s merged",
                actor or "a script",
                plan.format,
                len(result.created),
                len(result.merged),
            )
        )
    return result


def _create(plan: ImportPlan, progress: Callable[[int, int], None] | None) -> list[Reference]:
    new = [Reference(citation_key=entry.key, **entry.record.model_fields()) for entry in plan.adds]
    created: list[Reference] = []
    for start in range(0, len(new), BATCH_SIZE):
        created += Reference.objects.bulk_create(new[start : start + BATCH_SIZE])
        if progress:
            progress(len(created), len(new))
    return created


def _merge(plan: ImportPlan) -> list[Reference]:
    merged = []
    for entry in plan.merges:
        if not entry.fills:
            continue
        reference = entry.existing
        for name, value in entry.fills.items():
            setattr(reference, name, value)
        reference.save(update_fields=[*entry.fills, "updated_at"])
        merged.append(reference)
    return merged


def reference_create_for_identifier(*, doi: str = "", pmid: str = "", actor: object = None) -> Reference:
    """An empty reference holding only a DOI or a PMID, for an editor to complete in the admin.

    For users with ``references.add_reference``: an editor who cites ``[@doi:…]`` or ``[@pmid:…]``
    before the source is in the library. Its citation key is made from the identifier
    ("pmid17909209", "doi-10-1056-nejmoa2034577"); its title stays empty until someone writes it.
    ValidationError for an invalid identifier, or one the library already has.
    """
    doi, pmid = normalize_doi(doi), normalize_pmid(pmid)
    if bool(doi) == bool(pmid):
        raise ValidationError(_("Give either a DOI or a PMID."), code="invalid")
    if (doi and not is_valid_doi(doi)) or (pmid and not is_valid_pmid(pmid)):
        raise ValidationError(_("“%(value)s” is not a valid DOI or PMID.") % {"value": doi or pmid}, code="invalid")
    existing = Reference.objects.with_doi(doi) if doi else Reference.objects.filter(pmid=pmid)
    if existing.exists():
        raise ValidationError(_("The library already has a reference with this identifier."), code="exists")
    base = f"pmid{pmid}" if pmid else "doi-" + _NOT_KEY.sub("-", doi.lower()).strip("-")[:60].strip("-")
    taken = Reference.objects.filter(citation_key__startswith=base).values_list("citation_key", flat=True)
    (key,) = unique_keys([base], taken=taken)
    with transaction.atomic():
        reference = Reference.objects.create(citation_key=key, doi=doi, pmid=pmid, title="")
    logger.info("Reference %s created from its identifier by %s", key, actor or "a script")
    return reference
