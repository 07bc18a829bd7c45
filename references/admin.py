"""The reference library in the editors' admin: search by any identifier, see who cites what, import files."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formatting import format_reference
from .forms import ReferenceAdminForm, ReferenceImportConfirmForm, ReferenceImportForm
from .identifiers import is_valid_doi, is_valid_pmid, normalize_doi, normalize_pmid
from .models import Reference
from .planning import ImportPlan
from .services import ImportRefusedError, PlanChangedError, reference_import, reference_import_preview


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    form = ReferenceAdminForm
    list_display = ["citation_key", "type", "short_title", "source", "year", "identifiers"]
    list_filter = ["type", "year"]
    search_fields = ["title", "authors", "citation_key"]
    search_help_text = gettext_lazy("Title, author, citation key, DOI (also as a doi.org link) or PMID.")
    readonly_fields = ["formatted", "cited_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["citation_key", "type", "title", "authors"]}),
        (gettext_lazy("Publication"), {"fields": ["source", "year", "volume", "issue", "pages"]}),
        (gettext_lazy("Identifiers"), {"fields": ["doi", "pmid", "url"]}),
        (gettext_lazy("Use"), {"fields": ["formatted", "cited_by", "created_at", "updated_at"]}),
    ]

    @admin.display(description=gettext_lazy("title"), ordering="title")
    def short_title(self, reference: Reference) -> str:
        return Truncator(reference.title).chars(90)

    @admin.display(description=gettext_lazy("DOI / PMID"))
    def identifiers(self, reference: Reference) -> str:
        links = [(reference.doi_url, f"doi:{reference.doi}"), (reference.pubmed_url, f"PMID {reference.pmid}")]
        return format_html_join(
            " ", '<a href="{}" rel="noopener noreferrer">{}</a>', [pair for pair in links if pair[0]]
        )

    @admin.display(description=gettext_lazy("As readers see it (AMA)"))
    def formatted(self, reference: Reference) -> str:
        return format_reference(reference) if reference.pk else "–"

    @admin.display(description=gettext_lazy("Cited by"))
    def cited_by(self, reference: Reference) -> str:
        if not reference.pk:
            return "–"
        # The articles app owns Citation (related_name "citations"); this app may not import it.
        citations = reference.citations.select_related("article").order_by("article__question")
        links = [(self._article_link(citation.article),) for citation in citations]
        if not links:
            return _("No article cites it.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", links))

    @staticmethod
    def _article_link(article) -> str:
        try:
            url = reverse("admin:articles_article_change", args=[article.pk])
        except NoReverseMatch:  # the articles admin is not installed (in this URLconf)
            return str(article)
        return format_html('<a href="{}">{}</a>', url, article)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        """Words as usual, and any spelling of a DOI or PMID ("https://doi.org/…", "PMID: 123") exactly."""
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        doi, pmid = normalize_doi(term), normalize_pmid(term)
        identifiers = Q()
        if is_valid_doi(doi):
            identifiers |= Q(doi=doi)
        if is_valid_pmid(pmid):
            identifiers |= Q(pmid=pmid)
        if identifiers:
            matches = matches | queryset.filter(identifiers)
        return matches, may_have_duplicates

    def get_urls(self) -> list:
        import_url = path("import/", self.admin_site.admin_view(self.import_view), name="references_reference_import")
        return [import_url, *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload and preview; a confirmation goes to ``_import_confirmed``. Needs references.add_reference."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirmed(request)
        form = ReferenceImportForm(request.POST or None, request.FILES or None)
        plan, text = None, ""
        if form.is_bound and form.is_valid():
            text, upload = form.cleaned_data["content"], form.cleaned_data.get("file")
            try:
                plan = reference_import_preview(
                    text=text, filename=getattr(upload, "name", ""), file_format=form.cleaned_data["format"] or None
                )
            except ValidationError as error:
                form.add_error("file" if upload else "text", error)
        return self._render(request, form, plan, text)

    def _import_confirmed(self, request: HttpRequest) -> HttpResponse:
        """Parse and check the confirmed content afresh, then import it; nothing from the preview is trusted."""
        confirm = ReferenceImportConfirmForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, " ".join(confirm.errors.get("payload", [_("The confirmation was incomplete.")])))
            return self._render(request, ReferenceImportForm(), None, "")
        text, plan = confirm.cleaned_data["payload"], None
        try:
            result = reference_import(
                text=text,
                actor=request.user,
                file_format=confirm.cleaned_data["format"] or None,
                expected_digest=confirm.cleaned_data["digest"],
            )
        except (ImportRefusedError, PlanChangedError) as error:
            plan = error.plan
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = _("Imported %(added)s new references and completed %(merged)s existing ones.")
            self.message_user(request, message % {"added": len(result.created), "merged": len(result.merged)})
            return HttpResponseRedirect(reverse("admin:references_reference_changelist"))
        return self._render(request, ReferenceImportForm(), plan, text)

    def _render(
        self, request: HttpRequest, form: ReferenceImportForm, plan: ImportPlan | None, text: str
    ) -> HttpResponse:
        confirm = None
        if plan and plan.is_importable:
            packed = ReferenceImportConfirmForm.pack(text)
            confirm = ReferenceImportConfirmForm(
                initial={"payload": packed, "format": plan.format, "digest": plan.digest}
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import references"),
            "form": form,
            "plan": plan,
            "confirm_form": confirm,
        }
        return TemplateResponse(request, "admin/references/reference/import.html", context)
