"""The figures' media library and the editors' style guide in the admin."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .figures import figure_create, figure_delete, process_upload
from .models import Figure
from .rendering import CALLOUT_TYPES, build_resolver, render_markdown
from .selectors import figure_resolver_for, figure_usage


class FigureUploadForm(forms.ModelForm):
    """A new figure: its text, and the image file, checked and re-encoded in ``clean_upload``."""

    upload = forms.FileField(
        label=_("Image file"),
        help_text=_("A JPEG, PNG or WebP image. It is re-encoded and its metadata (EXIF, location) removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Figure
        fields = ["title", "slug", "alt_text", "caption", "credit", "licence"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.processed = process_upload(upload)
        return upload


@dataclass
class _ExampleReference:
    """A stand-in reference for the style guide's citation example."""

    pk: int
    citation_key: str

    def lookup_keys(self) -> list[str]:
        return [self.citation_key]


def style_guide_examples(figure: Figure | None) -> list[dict]:
    """Each example of the style guide: its Markdown and what the project's renderer makes of it."""
    sources = [
        (_("Headings, emphasis and lists"), "## Causes\n\nMost back pain is *mechanical*:\n\n- strain\n- **posture**"),
        (_("Citations"), "Exercise helps [@smith2020]. Both trials agree [@smith2020; @jones2021]."),
        *(
            (_("Callout: %(type)s") % {"type": kind}, f"::: {kind}\nWhat the reader must know.\n\n- one point\n:::")
            for kind in CALLOUT_TYPES
        ),
        (
            _("Callout with its own title"),
            "::: urgent Call 999 now if you have\n- chest pain that spreads to your arm\n:::",
        ),
    ]
    if figure is not None:
        sources.append((_("Figure"), f"![{_('An optional caption')}](figure:{figure.slug})"))
    references = build_resolver([_ExampleReference(1, "smith2020"), _ExampleReference(2, "jones2021")])
    figures = figure_resolver_for([figure.markdown] if figure else [])
    return [
        {"title": title, "markdown": text, "html": render_markdown(text, references, figures=figures).html}
        for title, text in sources
    ]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    """The media library: upload an image once, place it in any body by its slug."""

    list_display = ["thumbnail", "title", "markdown_snippet", "licence", "created_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["licence"]
    search_fields = ["title", "alt_text", "slug", "caption", "credit"]
    prepopulated_fields = {"slug": ["title"]}
    change_list_template = "admin/articles/figure/change_list.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = FigureUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        text = ["title", "slug", "alt_text", "caption", "credit", "licence"]
        if obj is None:
            return [(None, {"fields": [*text, "upload"]})]
        return [
            (None, {"fields": ["preview", "markdown_snippet", *text]}),
            (_("Image"), {"fields": ["image_details", "used_in", "uploaded_by", "created_at"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["slug", "preview", "markdown_snippet", "image_details", "used_in", "uploaded_by", "created_at"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, so a figure in use is never deleted
        return actions

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not figure_usage(obj))

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            figure_create(figure=obj, image=form.processed, actor=request.user)

    def delete_model(self, request, obj):
        figure_delete(figure=obj, actor=request.user)

    def get_urls(self):
        guide = path(
            "style-guide/", self.admin_site.admin_view(self.style_guide_view), name="articles_figure_style_guide"
        )
        return [guide, *super().get_urls()]

    def style_guide_view(self, request: HttpRequest) -> HttpResponse:
        """How to write a body: Markdown, citations, callouts and figures, each rendered live."""
        context = {
            "examples": style_guide_examples(Figure.objects.first()),
            "callout_types": CALLOUT_TYPES,
            "figures_url": reverse("admin:articles_figure_changelist"),
        }
        return TemplateResponse(request, "admin/articles/style_guide.html", context)

    @admin.display(description=_("image"))
    def thumbnail(self, obj: Figure) -> SafeString | str:
        if not obj.renditions:
            return "—"
        smallest = obj.renditions[0]
        height = round(smallest["height"] * 96 / smallest["width"])
        return format_html(
            '<img src="{}" alt="" width="96" height="{}" loading="lazy">', obj.image_url(smallest["width"]), height
        )

    @admin.display(description=_("preview"))
    def preview(self, obj: Figure) -> SafeString | str:
        if not obj.renditions:
            return "—"
        shown = next((r for r in reversed(obj.renditions) if r["width"] <= 480), obj.renditions[0])
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">',
            obj.image_url(shown["width"]),
            obj.alt_text,
            shown["width"],
            shown["height"],
        )

    @admin.display(description=_("Markdown to place it"))
    def markdown_snippet(self, obj: Figure) -> SafeString:
        return format_html("<code>{}</code>", obj.markdown)

    @admin.display(description=_("stored image"))
    def image_details(self, obj: Figure) -> str:
        widths = ", ".join(str(r["width"]) for r in obj.renditions)
        return gettext("%(format)s, %(width)s × %(height)s pixels; widths stored: %(widths)s.") % {
            "format": obj.get_format_display(),
            "width": obj.width,
            "height": obj.height,
            "widths": widths,
        }

    @admin.display(description=_("used in"))
    def used_in(self, obj: Figure) -> SafeString | str:
        articles = figure_usage(obj)
        if not articles:
            return gettext("No article uses this figure.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((reverse("admin:articles_article_change", args=[a.pk]), a.question) for a in articles),
            ),
        )
