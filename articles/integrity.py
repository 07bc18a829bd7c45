"""What stops an article from going to review: missing bodies, reference problems, unknown callout
types and figures, each named.

An article's references are derived from its bodies' ``[@key]`` markers when it is saved
(``articles.services.article_sync_citations``), so the hints tell editors what to write or
save, never what to attach.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from personalization.models import Audience, Language
from references.models import Reference

from .models import Publication
from .rendering import CALLOUT_TYPES, RenderedBody, build_resolver, render_markdown
from .selectors import figure_resolver_for
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
    """Problems with one article's content: bodies keyed by audience, and its references."""
    references = list(references)
    problems: list[Problem] = []
    if default_audience is not None and not (bodies.get(default_audience) or "").strip():
        problems.append(
            Problem("no_default_body", _("There is no body for the default audience (%s).") % default_audience.label)
        )
    resolve = build_resolver(references)
    figures = figure_resolver_for(bodies.values())
    cited: set[int] = set()
    missing = []
    for audience, text in bodies.items():
        if not text.strip():
            problems.append(Problem("empty_body", _("The body for %s is empty.") % audience.label))
            continue
        rendered = render_markdown(text, resolve, figures=figures)
        cited |= rendered.cited_reference_ids
        missing.extend((audience, m) for m in rendered.missing)
        problems.extend(_block_problems(audience, rendered))
    if missing:
        library = build_resolver(Reference.objects.answering_to(m.key for _audience, m in missing))
        for audience, item in missing:
            problems.append(
                Problem(
                    "unknown_key",
                    _("[@%(key)s] in the %(audience)s body matches no reference, in: “%(sentence)s”.")
                    % {"key": item.key, "audience": audience.label, "sentence": item.sentence}
                    + _unknown_key_hint(item.key, library(item.key)),
                )
            )
    for reference in references:
        if reference.pk not in cited:
            problems.append(
                Problem(
                    "uncited",
                    _(
                        "Reference “%s” is in the article’s references but cited in no body; save the article to update them."
                    )
                    % reference.citation_key,
                )
            )
        elif not reference.title.strip():
            problems.append(
                Problem(
                    "incomplete_reference",
                    _("Reference “%s” has no title yet: complete it in the reference library.")
                    % reference.citation_key,
                )
            )
    return problems


def _block_problems(audience: Audience, rendered: RenderedBody) -> list[Problem]:
    """Unknown callout types and figures, and figures that do not stand alone, in one body."""
    problems = []
    for kind in dict.fromkeys(rendered.unknown_callouts):
        problems.append(
            Problem(
                "unknown_callout",
                _("“::: %(type)s” in the %(audience)s body is not a callout type; use one of: %(types)s.")
                % {"type": kind, "audience": audience.label, "types": ", ".join(CALLOUT_TYPES)},
            )
        )
    for slug in dict.fromkeys(rendered.missing_figures):
        problems.append(
            Problem(
                "unknown_figure",
                _(
                    "![](figure:%(slug)s) in the %(audience)s body names no figure in the media library; "
                    "upload it under Figures or correct the slug."
                )
                % {"slug": slug, "audience": audience.label},
            )
        )
    for slug in dict.fromkeys(rendered.misplaced_figures):
        problems.append(
            Problem(
                "figure_not_alone",
                _(
                    "The figure “%(slug)s” in the %(audience)s body must stand alone in its own paragraph, "
                    "with a blank line before and after it."
                )
                % {"slug": slug, "audience": audience.label},
            )
        )
    return problems


def _unknown_key_hint(key: str, in_library: Reference | None) -> str:
    if in_library is not None:
        return _(" “%s” is in the library now: save the article to update its references.") % in_library.citation_key
    lowered = key.lower()
    if lowered.startswith(("doi:", "pmid:")):
        return _(
            " No reference in the library has this %s: add one from the article’s References list, or import it."
        ) % ("DOI" if lowered.startswith("doi:") else "PMID")
    return _(" No reference in the library has this key: check its spelling, or add the reference to the library.")


def content_problems(content: ArticleContent) -> list[Problem]:
    """What keeps ``content`` from going to review: the one readiness rule, for a pinned
    revision (the workflow's ``submit`` condition) and for the live rows (the editor's warnings)."""
    audiences = Audience.objects.in_bulk(list(content.bodies))
    references = list(Reference.objects.filter(pk__in=content.reference_ids).with_health())
    problems = check_content(
        bodies={audiences[pk]: text for pk, text in content.bodies.items()},
        references=references,
        default_audience=Audience.objects.default(),
    )
    return problems + retracted_citation_problems(content, references) + translation_problems(content, references)


def translation_problems(content: ArticleContent, references: list[Reference]) -> list[Problem]:
    """A translation cites only what the source text cites (the reference list is the article's),
    and its callouts and figures must exist, as in the source bodies."""
    if not content.translations:
        return []
    languages = Language.objects.in_bulk([t.language_id for t in content.translations])
    audiences = Audience.objects.in_bulk([pk for t in content.translations for pk in t.bodies])
    resolve = build_resolver(references)
    figures = figure_resolver_for([text for t in content.translations for text in t.bodies.values()])
    problems = []
    for translated in content.translations:
        language = languages.get(translated.language_id)
        for audience_id, text in translated.bodies.items():
            # Named like a body ("Spanish: Patient") in the messages the source bodies use.
            where = Audience(label=f"{language.name if language else '?'}: {audiences[audience_id].label}")
            rendered = render_markdown(text, resolve, figures=figures)
            for item in rendered.missing:
                problems.append(
                    Problem(
                        "translation_unknown_key",
                        _(
                            "[@%(key)s] in the %(audience)s translation is not cited by the English text, in: "
                            "“%(sentence)s”. A translation cites the same references as its source."
                        )
                        % {"key": item.key, "audience": where.label, "sentence": item.sentence},
                    )
                )
            problems.extend(_block_problems(where, rendered))
    return problems


def retracted_citation_problems(content: ArticleContent, references: list[Reference]) -> list[Problem]:
    """A retracted source may be newly cited only with the editor's stated reason, which the board
    reads; one the approved version already cited is the board's to judge at re-review."""
    retracted = [r for r in references if r.health.is_retracted]
    if not retracted:
        return []
    explained = {reference_id for reference_id, _reason in content.overrides}
    already = _approved_reference_ids(content.article_id)
    return [
        Problem(
            "retracted_citation",
            _(
                "“%(key)s” was retracted. Cite another source, or, if you cite it on purpose, say why "
                "under References (“Cite it anyway”): the board will read your reason."
            )
            % {"key": reference.citation_key},
        )
        for reference in retracted
        if reference.pk not in explained and reference.pk not in already
    ]


def _approved_reference_ids(article_id: int) -> set[int]:
    revision_id = (
        Publication.objects.approved().filter(article_id=article_id).values_list("revision_id", flat=True).first()
    )
    if not revision_id:
        return set()
    return set(ArticleContent.from_revision(revision_id, article_id).reference_ids)
