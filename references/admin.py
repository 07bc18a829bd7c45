"""The reference library in the editors' admin: search by any identifier, see who cites what, import
files, merge duplicates, mark newer editions, see each source's health, upload Retraction Watch data
and download the citation-health report."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.admin import VersionAdmin

from . import reports
from .checks.retraction_watch import import_retraction_watch
from .formatting import format_reference
from .forms import MergeForm, ReferenceAdminForm, ReferenceImportConfirmForm, ReferenceImportForm, RetractionWatchForm
from .identifiers import is_valid_doi, is_valid_pmid, normalize_doi, normalize_pmid
from .models import Finding, Reference
from .planning import ImportPlan
from .selectors import possible_duplicates
from .services import (
    ImportRefusedError,
    PlanChangedError,
    reference_import,
    reference_import_preview,
    reference_mark_superseded,
    reference_merge,
)

REPORT_PERMISSION = "references.view_citation_health_report"


class LibraryFilter(admin.SimpleListFilter):
    """The library proper by default; merged duplicates (aliases) only when asked for."""

    title = gettext_lazy("in the library")
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Merged into another reference"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("In the library"),
        }
        yield from list(super().choices(changelist))[1:]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset.filter(merged_into__isnull=True)


class HealthFilter(admin.SimpleListFilter):
    title = gettext_lazy("health")
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [
            ("problem", gettext_lazy("Any problem")),
            (Finding.Kind.RETRACTED, gettext_lazy("Retracted")),
            (Finding.Kind.CORRECTED, gettext_lazy("Corrected")),
            (Finding.Kind.EXPRESSION_OF_CONCERN, gettext_lazy("Expression of concern")),
            ("superseded", gettext_lazy("Superseded")),
            (Finding.Kind.LINK_BROKEN, gettext_lazy("Link broken")),
            (Finding.Kind.LINK_MOVED, gettext_lazy("Link moved")),
            ("check_failed", gettext_lazy("Last check failed")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "problem":
            return queryset.filter(
                Q(pk__in=queryset.with_open_finding(*Finding.PROBLEM_KINDS)) | Q(superseded_by__isnull=False)
            )
        if value == "superseded":
            return queryset.filter(superseded_by__isnull=False)
        if value == "check_failed":
            return queryset.exclude(last_check__sources_error="").filter(last_check__isnull=False)
        if value in Finding.Kind.values:
            return queryset.with_open_finding(value)
        return queryset


@admin.register(Reference)
class ReferenceAdmin(VersionAdmin):
    form = ReferenceAdminForm
    change_list_template = "admin/references/reference/change_list.html"
    list_display = ["citation_key", "type", "short_title", "source", "year", "identifiers", "health_summary"]
    list_filter = [LibraryFilter, HealthFilter, "type", "year"]
    search_fields = ["title", "authors", "citation_key", "isbn"]
    search_help_text = gettext_lazy("Title, author, citation key, DOI (also as a doi.org link), PMID or ISBN.")
    readonly_fields = ["merged_note", "formatted", "health_panel", "cited_by", "created_at", "updated_at"]
    actions = ["merge_selected"]
    fieldsets = [
        (None, {"fields": ["merged_note", "citation_key", "type", "title", "authors"]}),
        (gettext_lazy("Publication"), {"fields": ["source", "year", "volume", "issue", "pages"]}),
        (gettext_lazy("Identifiers"), {"fields": ["doi", "pmid", "pmcid", "isbn", "url", "accessed"]}),
        (gettext_lazy("Health"), {"fields": ["superseded_by", "health_panel"]}),
        (gettext_lazy("Use"), {"fields": ["formatted", "cited_by", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_health()

    @admin.display(description=gettext_lazy("title"), ordering="title")
    def short_title(self, reference: Reference) -> str:
        return Truncator(reference.title).chars(90)

    @admin.display(description=gettext_lazy("identifiers"))
    def identifiers(self, reference: Reference) -> str:
        links = [
            (reference.doi_url, f"doi:{reference.doi}"),
            (reference.pubmed_url, f"PMID {reference.pmid}"),
            (reference.pmc_url, reference.pmcid),
        ]
        linked = format_html_join(" ", '<a href="{}" rel="noopener noreferrer">{}</a>', [p for p in links if p[0]])
        return format_html("{} {}", linked, f"ISBN {reference.isbn}") if reference.isbn else linked

    @admin.display(description=gettext_lazy("health"))
    def health_summary(self, reference: Reference) -> str:
        health = reference.health
        labels = []
        if health.is_retracted:
            labels.append(_("Retracted"))
        if health.has_expression_of_concern:
            labels.append(_("Expression of concern"))
        if health.is_corrected:
            labels.append(_("Corrected"))
        if health.is_superseded:
            labels.append(_("Superseded by %(key)s") % {"key": health.superseded_by.citation_key})
        if health.is_link_broken:
            labels.append(_("Link broken"))
        elif health.is_link_moved:
            labels.append(_("Link moved"))
        if reference.merged_into_id:
            labels.append(_("Merged duplicate"))
        return format_html_join(", ", "<strong>{}</strong>", [(label,) for label in labels]) or "–"

    @admin.display(description=gettext_lazy("Merged"))
    def merged_note(self, reference: Reference) -> str:
        if not reference.merged_into_id:
            return _("No: this reference is in the library.")
        survivor = reference.merged_into
        return format_html(
            '<strong>{}</strong> <a href="{}">{}</a>. {}',
            _("This duplicate was merged into"),
            reverse("admin:references_reference_change", args=[survivor.pk]),
            survivor.citation_key,
            _("Its keys name that reference. To undo the merge, revert to the version “Before merging” in History."),
        )

    @admin.display(description=gettext_lazy("As readers see it (AMA)"))
    def formatted(self, reference: Reference) -> str:
        return format_reference(reference) if reference.pk else "–"

    @admin.display(description=gettext_lazy("Findings and checks"))
    def health_panel(self, reference: Reference) -> str:
        if not reference.pk:
            return "–"
        findings = list(reference.findings.all())
        items = [
            (
                f.describe(),
                format_html(' <a href="{}" rel="noopener noreferrer">{}</a>', f.notice_link, _("notice"))
                if f.notice_link
                else "",
                _(" (resolved %(date)s)") % {"date": f.resolved_at.date().isoformat()} if f.resolved_at else "",
            )
            for f in findings
        ]
        found = (
            format_html("<ul>{}</ul>", format_html_join("", "<li>{}{}{}</li>", items))
            if items
            else _("Nothing found so far.")
        )
        check = getattr(reference, "last_check", None)
        lines = []
        if check and check.sources_checked_at:
            lines.append(_("Crossref and PubMed asked on %(date)s.") % {"date": _local(check.sources_checked_at)})
        if check and check.sources_error:
            lines.append(_("Last attempt failed: %(error)s") % {"error": check.sources_error})
        if check and check.link_checked_at:
            lines.append(
                _("Link checked on %(date)s: %(status)s%(code)s.")
                % {
                    "date": _local(check.link_checked_at),
                    "status": check.get_link_status_display(),
                    "code": f" (HTTP {check.link_http_status})" if check.link_http_status else "",
                }
            )
            for hop in check.link_redirects:
                lines.append(f"→ {hop.get('status')} {hop.get('to')}")
        if not lines:
            lines.append(_("Not checked yet (manage.py check_references, or the scheduled job)."))
        return format_html("{}<p>{}</p>", found, format_html_join("<br>", "{}", [(line,) for line in lines]))

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
            identifiers |= Q(pk__in=Reference.objects.with_doi(doi).values("pk"))
        if is_valid_pmid(pmid):
            identifiers |= Q(pmid=pmid)
        if identifiers:
            matches = matches | queryset.filter(identifiers)
        return matches, may_have_duplicates

    def save_model(self, request: HttpRequest, obj: Reference, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "superseded_by" in form.changed_data:  # a finding, and the signal that flags the citing articles
            reference_mark_superseded(reference=obj, superseded_by=obj.superseded_by, actor=request.user)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Reverting a version that no longer fits the library (a DOI another reference took since) is
        refused with the reason, not a server error."""
        try:
            return super().revision_view(request, object_id, version_id, extra_context)
        except IntegrityError:
            messages.error(
                request,
                _(
                    "This version cannot be restored: another reference now has its DOI, PMID or citation key. "
                    "To undo a merge, revert the version “Before merging …”, which restores both references."
                ),
            )
            return HttpResponseRedirect(reverse("admin:references_reference_history", args=[object_id]))

    @admin.action(description=gettext_lazy("Merge the two selected references"), permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        chosen = sorted(queryset.values_list("pk", flat=True))
        if len(chosen) != 2:
            self.message_user(request, _("Select exactly two references to merge."), messages.WARNING)
            return None
        survivor, merged = chosen
        return HttpResponseRedirect(reverse("admin:references_reference_merge", args=[merged, survivor]))

    def get_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="references_reference_import"),
            path("duplicates/", view(self.duplicates_view), name="references_reference_duplicates"),
            path("merge/<int:merged>/into/<int:survivor>/", view(self.merge_view), name="references_reference_merge"),
            path("retraction-watch/", view(self.retraction_watch_view), name="references_reference_retraction_watch"),
            path("health-report.csv", view(self.health_report_view), name="references_reference_health_report"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra = {
            "has_change_permission": self.has_change_permission(request),
            "has_report_permission": request.user.has_perm(REPORT_PERMISSION),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra)

    def _context(self, request: HttpRequest, title: str, **context) -> dict:
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **context}

    def duplicates_view(self, request: HttpRequest) -> HttpResponse:
        """Pairs of references that look like one work, each with links to merge it either way."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        context = self._context(request, _("Possible duplicates"), pairs=possible_duplicates())
        return TemplateResponse(request, "admin/references/reference/duplicates.html", context)

    def merge_view(self, request: HttpRequest, merged: int, survivor: int) -> HttpResponse:
        """Confirm, then merge ``merged`` into ``survivor`` (references.change_reference)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        duplicate = get_object_or_404(Reference, pk=merged)
        keeper = get_object_or_404(Reference, pk=survivor)
        form = MergeForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                reference_merge(merged=duplicate, survivor=keeper, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("“%(merged)s” was merged into “%(survivor)s”; its keys now name “%(survivor)s”.")
                    % {"merged": duplicate.citation_key, "survivor": keeper.citation_key},
                )
                return HttpResponseRedirect(reverse("admin:references_reference_change", args=[keeper.pk]))
        context = self._context(
            request,
            _("Merge “%(merged)s” into “%(survivor)s”")
            % {"merged": duplicate.citation_key, "survivor": keeper.citation_key},
            merged=duplicate,
            survivor=keeper,
            form=form,
            swap_url=reverse("admin:references_reference_merge", args=[keeper.pk, duplicate.pk]),
        )
        status = 400 if form.is_bound and not form.is_valid() else 200
        return TemplateResponse(request, "admin/references/reference/merge.html", context, status=status)

    def retraction_watch_view(self, request: HttpRequest) -> HttpResponse:
        """Upload the Retraction Watch CSV (references.change_reference); the whole file or nothing."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = RetractionWatchForm(request.POST if posted else None, request.FILES if posted else None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    result = import_retraction_watch(upload.file, actor=request.user)
                except ValidationError as error:
                    form.add_error("file", error)
                else:
                    self.message_user(
                        request,
                        _("Read %(rows)s rows: %(matched)s concern the library, %(new)s new findings.")
                        % {"rows": result.rows, "matched": result.matched, "new": len(result.findings)},
                    )
                    return HttpResponseRedirect(reverse("admin:references_reference_changelist") + "?health=problem")
            status = 400
        context = self._context(request, _("Import Retraction Watch data"), form=form)
        return TemplateResponse(request, "admin/references/reference/retraction_watch.html", context, status=status)

    def health_report_view(self, request: HttpRequest) -> StreamingHttpResponse:
        """The citation-health report as CSV, streamed (permission references.view_citation_health_report)."""
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        response = StreamingHttpResponse(reports.csv_lines(), content_type="text/csv; charset=utf-8")
        filename = f"citation-health-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

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
        context = self._context(request, _("Import references"), form=form, plan=plan, confirm_form=confirm)
        return TemplateResponse(request, "admin/references/reference/import.html", context)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
