"""Translations in the admin: an article's question, summary and bodies in another language.

The form saves through ``article_translation_save``, so a translation is a revision of its
article, refused while the article is under review, and published only through the workflow.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from personalization.models import Audience, Language

from .models import ArticleTranslation
from .services import article_translation_save


class ArticleTranslationForm(forms.ModelForm):
    """The translation's text, with one Markdown body field per audience."""

    up_to_date = forms.BooleanField(
        label=_("Up to date with the current English text"),
        required=False,
        initial=True,
        help_text=_(
            "Tick when this translation matches the article's current source text. Untick to save a "
            "partial update: readers will be told the translation is of an earlier version."
        ),
    )

    class Meta:
        model = ArticleTranslation
        fields = ["article", "language", "question", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = Language.objects.filter(is_default=False)
        self.audiences = list(Audience.objects.all())
        existing = {b.audience_id: b.body for b in self.instance.bodies.all()} if self.instance.pk else {}
        for audience in self.audiences:
            self.fields[body_field(audience)] = body_form_field(audience, initial=existing.get(audience.pk, ""))
        if self.instance.pk:
            self.fields["article"].disabled = True
            self.fields["language"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(body_field(a), "").strip() for a in self.audiences):
            raise ValidationError(_("Translate at least one audience's body."))
        article = cleaned.get("article")
        if article is not None and (article.control.review_locked or article.control.retired_at):
            raise ValidationError(_("This article is under review or retired and cannot be edited now."))
        return cleaned

    def bodies(self) -> dict[Audience, str]:
        return {a: text for a in self.audiences if (text := self.cleaned_data.get(body_field(a), "").strip())}


def body_field(audience: Audience) -> str:
    return f"body_{audience.slug}"


def body_form_field(audience: Audience, initial: str = "") -> forms.CharField:
    return forms.CharField(
        label=_("Body for “%(audience)s” (Markdown)") % {"audience": audience.label},
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        initial=initial,
    )


MODEL_FIELDS = ["article", "language", "question", "summary"]


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    form = ArticleTranslationForm
    list_display = ["question", "article", "language", "source_date"]
    list_filter = ["language"]
    search_fields = ["question", "article__question"]
    autocomplete_fields = ["article"]
    readonly_fields = ["source_date"]

    def get_fields(self, request: HttpRequest, obj=None):
        bodies = [body_field(a) for a in Audience.objects.all()]
        return [*MODEL_FIELDS, *bodies, "up_to_date", *(["source_date"] if obj else [])]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The body fields, one per audience, are not model fields: build the form from the model
        # fields, then declare them on it so the admin's fieldset can show them.
        kwargs["fields"] = MODEL_FIELDS
        form_class = super().get_form(request, obj, change=change, **kwargs)
        form_class.base_fields = {
            **form_class.base_fields,
            **{body_field(a): body_form_field(a) for a in Audience.objects.all()},
            "up_to_date": ArticleTranslationForm.base_fields["up_to_date"],
        }
        return form_class

    def save_model(self, request: HttpRequest, obj: ArticleTranslation, form, change: bool) -> None:
        saved = article_translation_save(
            article=form.cleaned_data["article"],
            language=form.cleaned_data["language"],
            actor=request.user,
            question=form.cleaned_data["question"],
            summary=form.cleaned_data["summary"],
            bodies=form.bodies(),
            up_to_date=form.cleaned_data["up_to_date"],
        )
        obj.pk = saved.pk
        self.message_user(
            request, gettext("Saved. Submit the article for review to publish the translation."), messages.INFO
        )

    def save_related(self, request, form, formsets, change):
        """The bodies were saved by the service."""
