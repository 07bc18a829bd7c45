"""What stops an article from going to review: missing bodies and citation problems, each named."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from personalization.models import Audience
from references.models import Reference

from .rendering import build_resolver, normalize_key, render_markdown


@dataclass(frozen=True)
class Problem:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def check_content(
    *, bodies: dict[Audience, str], references: Iterable[Reference], default_audience: Audience | None
) -> list[Problem]:
    """Problems with one article's content: bodies keyed by audience, attached references."""
    references = list(references)
    problems: list[Problem] = []
    if default_audience is not None and not (bodies.get(default_audience) or "").strip():
        problems.append(
            Problem("no_default_body", _("There is no body for the default audience (%s).") % default_audience.label)
        )
    resolve = build_resolver(references)
    cited: set[int] = set()
    missing = []
    for audience, text in bodies.items():
        if not text.strip():
            problems.append(Problem("empty_body", _("The body for %s is empty.") % audience.label))
            continue
        rendered = render_markdown(text, resolve)
        cited |= rendered.cited_reference_ids
        missing.extend((audience, m) for m in rendered.missing)
    if missing:
        keys = {normalize_key(m.key) for _audience, m in missing}
        library = build_resolver(
            Reference.objects.filter(
                Q(citation_key__in=keys)
                | Q(pmid__in=[k[5:] for k in keys if k.startswith("pmid:")])
                | Q(doi__in=[k[4:] for k in keys if k.startswith("doi:")])
            )
        )
        for audience, item in missing:
            in_library = library(item.key)
            hint = (
                _(" “%s” is in the library: add it under Citations.") % in_library.citation_key
                if in_library
                else _(" No reference in the library has this key.")
            )
            problems.append(
                Problem(
                    "unknown_key",
                    _("[@%(key)s] in the %(audience)s body resolves to no attached reference, in: “%(sentence)s”.")
                    % {"key": item.key, "audience": audience.label, "sentence": item.sentence}
                    + hint,
                )
            )
    for reference in references:
        if reference.pk not in cited:
            problems.append(
                Problem(
                    "uncited",
                    _("Reference “%s” is attached but cited in no body; cite it as [@%s] or remove it.")
                    % (reference.citation_key, reference.citation_key),
                )
            )
    return problems
