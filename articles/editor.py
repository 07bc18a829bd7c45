"""What the article editor shows beside the text: the live preview, the reading grade, the
reference picker's results and the references derived from the bodies' ``[@key]`` markers;
and ``EditorViews``, the endpoints ``ArticleAdmin`` serves them from.

The rendering is the site's own, so the preview shows exactly what readers will read.
"""

from dataclasses import dataclass
from html import unescape

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from personalization.models import Audience
from references.formatting import format_reference
from references.identifiers import is_valid_doi, is_valid_pmid, normalize_doi, normalize_pmid
from references.models import Reference

from .models import Article
from .readability import measure
from .rendering import build_resolver, cited_keys, render_markdown
from .services.citations import article_add_reference, article_cite_despite_retraction, cited_identifier
from .signals import ContentLocked
from .text import normalize_markdown

#: Larger texts are refused by the preview (a 600-word answer is about 4 KB).
PREVIEW_MAX_BYTES = 200_000
PICKER_RESULTS = 20
SEARCH_MAX_LENGTH = 200


def readability_html(text: str, audience: Audience) -> SafeString:
    """Flesch-Kincaid grade and SMOG index of a body against its audience's target grade, as the
    change page shows them after saving and the editor while typing."""
    target = audience.target_grade
    scores = measure(text, target_grade=target)
    summary = format_html(
        "<strong>{}</strong> {} · <strong>{}</strong> {}{} · {}",
        gettext("Flesch-Kincaid grade"),
        scores.flesch_kincaid_grade,
        gettext("SMOG index"),
        scores.smog_index,
        gettext(" (an estimate below 30 sentences)") if scores.smog_is_estimate else "",
        gettext("%(words)d words, %(sentences)d sentences") % {"words": scores.words, "sentences": scores.sentences},
    )
    if target is None:
        return format_html("{}<br>{}", summary, gettext("No target reading grade is set for this audience."))
    context = {"target": target, "audience": audience.label}
    if not scores.above_target:
        return format_html(
            '{}<br><span class="readability-ok">{}</span>',
            summary,
            gettext("Within the target grade %(target)s for %(audience)s.") % context,
        )
    warning = gettext(
        "Warning: %(scores)s above the target grade %(target)s for %(audience)s. "
        "Use shorter sentences and everyday words."
    ) % {**context, "scores": gettext(" and ").join(gettext(name) for name in scores.above_target)}
    return format_html('{}<ul class="errorlist readability-warning"><li>{}</li></ul>', summary, warning)


def _library_for(texts: list[str]) -> list[Reference]:
    keys = {key for text in texts for key in cited_keys(text)}
    return list(Reference.objects.answering_to(keys)) if keys else []


def preview(text: str, audience: Audience | None) -> dict:
    """The live preview of one body as JSON data: sanitised HTML, its numbered references,
    the keys that resolve to nothing (with their sentence) and the reading grade."""
    text = normalize_markdown(text)
    rendered = render_markdown(text, build_resolver(_library_for([text])))
    return {
        "html": rendered.html,
        "references": [
            {"number": c.number, "key": c.reference.citation_key, "html": format_reference(c.reference)}
            for c in rendered.references
        ],
        "missing": [
            gettext("[@%(key)s] matches no reference in the library, in: “%(sentence)s”.")
            % {"key": m.key, "sentence": m.sentence}
            for m in rendered.missing
        ],
        "readability": readability_html(text, audience) if audience else "",
    }


def reference_choices(term: str) -> list[dict]:
    """The reference picker's results: references whose title, authors, key, DOI, PMID or year
    match every word of ``term`` (a DOI or PMID as a whole); the newest references for no term."""
    term = " ".join(term.split())
    references = Reference.objects.library()
    doi, pmid = normalize_doi(term), normalize_pmid(term)
    if is_valid_doi(doi) or is_valid_pmid(pmid):
        references = references.search(term).order_by("citation_key")
    elif term:
        for word in term.split()[:8]:
            matches = Q(citation_key__istartswith=word)
            if word.isdigit() and len(word) == 4:
                matches |= Q(year=int(word))
            references = references & (Reference.objects.search(word) | Reference.objects.filter(matches))
        references = references.order_by("-year", "citation_key")
    else:
        references = references.order_by("-created_at")
    return [
        {
            "key": reference.citation_key,
            "label": unescape(strip_tags(format_reference(reference))) or reference.citation_key,
            "type": reference.get_type_display(),
            "doi": reference.doi,
            "pmid": reference.pmid,
        }
        for reference in references[:PICKER_RESULTS]
    ]


@dataclass(frozen=True)
class DerivedReference:
    number: int
    reference: Reference
    saved: bool  # False: the library has it now, and the next save adds it to the article
    override_reason: str = ""  # why it is cited although retracted

    @property
    def formatted(self) -> SafeString:
        return format_reference(self.reference)


@dataclass(frozen=True)
class UnresolvedKey:
    key: str
    audience: Audience
    sentence: str

    @property
    def identifier(self) -> tuple[str, str] | None:
        return cited_identifier(self.key)


@dataclass(frozen=True)
class DerivedReferences:
    """An article's references as its saved bodies cite them, numbered by first appearance
    (bodies in audience order), and the keys that resolve to nothing."""

    references: list[DerivedReference]
    unresolved: list[UnresolvedKey]
    stale: list[Reference]  # in the article's saved list but no longer cited: the next save drops them


def derived_references(article: Article) -> DerivedReferences:
    """``DerivedReferences`` of the saved article, with each source's health (retracted, corrected,
    superseded, broken link), in six queries whatever its size."""
    bodies = list(article.bodies.select_related("audience"))
    keys = {key for body in bodies for key in cited_keys(body.body)}
    library = list(Reference.objects.answering_to(keys).with_health()) if keys else []
    resolve = build_resolver(library)
    numbered: dict[int, Reference] = {}
    unresolved = []
    for body in bodies:
        rendered = render_markdown(body.body, resolve)
        for cited in rendered.references:
            numbered.setdefault(cited.reference.pk, cited.reference)
        unresolved += [UnresolvedKey(m.key, body.audience, m.sentence) for m in rendered.missing]
    saved = dict(article.citations.values_list("reference_id", "override_reason"))
    stale_ids = set(saved) - set(numbered)
    return DerivedReferences(
        references=[
            DerivedReference(number, reference, reference.pk in saved, saved.get(reference.pk, ""))
            for number, reference in enumerate(numbered.values(), start=1)
        ],
        unresolved=unresolved,
        stale=list(Reference.objects.filter(pk__in=stale_ids)) if stale_ids else [],
    )


def editor_strings() -> dict[str, str]:
    """The words of the editor's script (toolbar, picker, preview), translated on the server."""
    return {
        "toolbar": gettext("Formatting"),
        "h2": gettext("Heading"),
        "h3": gettext("Subheading"),
        "bold": gettext("Bold"),
        "italic": gettext("Italic"),
        "bullets": gettext("Bulleted list"),
        "numbers": gettext("Numbered list"),
        "link": gettext("Link"),
        "table": gettext("Table"),
        "callouts": gettext("Callouts"),
        "urgent": gettext("Urgent"),
        "red-flags": gettext("Red flags"),
        "key-points": gettext("Key points"),
        "note": gettext("Note"),
        "cite": gettext("Cite"),
        "figure": gettext("Figure"),
        "preview": gettext("Preview"),
        "calloutHelp": gettext("Insert a callout box"),
        "citeHelp": gettext("Cite a reference from the library"),
        "figureHelp": gettext("Insert a figure: type its slug after “figure:”"),
        "previewHelp": gettext("Show or hide the live preview"),
        "bodyLabel": gettext("Body (Markdown)"),
        "previewHeading": gettext("Preview"),
        "previewEmpty": gettext("The preview appears here as you type."),
        "previewFailed": gettext("The preview could not be updated. Your text is safe; saving still works."),
        "readabilityLive": gettext("Reading grade (updates as you type)"),
        "referencesHeading": gettext("References in this body"),
        "missingHeading": gettext("Keys that match no reference"),
        "pickerTitle": gettext("Cite a reference"),
        "pickerSearch": gettext("Search the library by title, author, key, DOI or PMID"),
        "pickerHint": gettext("Choose a reference to insert its [@key] at the cursor."),
        "pickerNone": gettext("No reference in the library matches. Add or import it in the reference library."),
        "pickerClose": gettext("Close"),
        "pickerFailed": gettext("The library could not be searched. Try again."),
        "pickerCount": gettext("%(count)s references found."),
        "linkText": gettext("link text"),
        "caption": gettext("Caption"),
        "column": gettext("Column"),
        "cell": gettext("Cell"),
        "unsaved": gettext("You have unsaved changes in this article. Leave without saving them?"),
    }


class EditorViews:
    """The editor's endpoints in ``ArticleAdmin`` (see its ``get_urls``): the reference picker,
    the live preview, and adding a cited DOI or PMID to the library."""

    def may_edit(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) or self.has_add_permission(request)

    def editor_config(self) -> dict:
        """URLs and words for ``static/js/article-editor.js``, rendered into the page as JSON."""
        return {
            "previewUrl": reverse("admin:articles_article_preview"),
            "searchUrl": reverse("admin:articles_article_reference_search"),
            "strings": editor_strings(),
        }

    def reference_search_view(self, request: HttpRequest) -> JsonResponse:
        """GET ?q=: references matching every word, for the Cite picker."""
        if not self.may_edit(request):
            return JsonResponse({"error": gettext("Only editors may search references here.")}, status=403)
        term = request.GET.get("q", "")
        if len(term) > SEARCH_MAX_LENGTH:
            message = gettext("Search for at most %(limit)d characters.") % {"limit": SEARCH_MAX_LENGTH}
            return JsonResponse({"error": message}, status=400)
        return JsonResponse({"results": reference_choices(term)})

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """POST text (and audience): the body as readers will see it, with its reading grade."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.may_edit(request):
            return JsonResponse({"error": gettext("Only editors may preview articles here.")}, status=403)
        text = request.POST.get("text", "")
        if len(text.encode()) > PREVIEW_MAX_BYTES:
            message = gettext("This body is too long to preview (more than %(limit)d KB).")
            return JsonResponse({"error": message % {"limit": PREVIEW_MAX_BYTES // 1000}}, status=400)
        audience = None
        if request.POST.get("audience"):
            try:
                audience = Audience.objects.get(pk=int(request.POST["audience"]))
            except (ValueError, Audience.DoesNotExist):
                return JsonResponse({"error": gettext("Choose an audience from the list.")}, status=400)
        return JsonResponse(preview(text, audience))

    def cite_anyway_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """POST reference=<pk>, reason=…: cite a retracted source on purpose, with the reason the board reads."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        reference = (
            Reference.objects.filter(pk=request.POST.get("reference", "")).first()
            if request.POST.get("reference", "").isdigit()
            else None
        )
        if reference is None:
            return HttpResponseBadRequest(gettext("Choose a reference the article cites."), content_type="text/plain")
        try:
            article_cite_despite_retraction(
                article=article, reference=reference, reason=request.POST.get("reason", ""), actor=request.user
            )
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
        except ContentLocked as error:
            return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
        messages.success(
            request, gettext("Saved: the board will read why the article cites “%s”.") % reference.citation_key
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#article-references")

    def add_reference_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """POST key=doi:…|pmid:…: add an empty reference with that identifier, cite it, and open it to complete."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not (self.has_change_permission(request, article) and request.user.has_perm("references.add_reference")):
            raise PermissionDenied
        try:
            reference = article_add_reference(article=article, key=request.POST.get("key", ""), actor=request.user)
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
        except ContentLocked as error:
            return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
        article_url = reverse("admin:articles_article_change", args=[article.pk])
        messages.success(
            request,
            format_html(
                gettext('“{key}” is in the library and cited by <a href="{url}">{article}</a>. Complete it below.'),
                key=reference.citation_key,
                url=article_url,
                article=article,
            ),
        )
        return HttpResponseRedirect(reverse("admin:references_reference_change", args=[reference.pk]))
