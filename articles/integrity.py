"""What stops an article from going to review: missing bodies and citation problems, each named."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from personalization.models import Audience
from references.models import Reference

from .rendering import build_resolver, render_markdown
from .versioning import ArticleContent


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
        library = build_resolver(Reference.objects.answering_to(m.key for _audience, m in missing))
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


def content_problems(content: ArticleContent) -> list[Problem]:
    """What keeps ``content`` from going to review: the one readiness rule, for a pinned
    revision (the workflow's ``submit`` condition) and for the live rows (the editor's warnings)."""
    audiences = Audience.objects.in_bulk(list(content.bodies))
    return check_content(
        bodies={audiences[pk]: text for pk, text in content.bodies.items()},
        references=Reference.objects.filter(pk__in=content.reference_ids),
        default_audience=Audience.objects.default(),
    )
