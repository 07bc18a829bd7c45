"""Editors' forms: text is normalised on input (``articles.text``), and the article form carries
the version it was built from, to catch conflicting saves."""

import re

from django import forms
from django.core.validators import slug_re
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from personalization.models import Audience

from .models import Article, ArticleBody, ArticleControl
from .text import normalize_markdown, normalize_plain

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

CONFLICT_MESSAGE = _(
    "Someone else saved this article after you opened it (now version %(current)s, yours was %(yours)s). "
    "Your changes were not saved. Copy what you need, reload the page to see their version, and apply your edits again."
)


class NormalizedTextField(forms.CharField):
    """A text field stored through one of the ``articles.text`` rules.

    ``has_changed`` compares normalised values on both sides, so a form saved as it was
    loaded (whatever line endings the browser sent) has no changes.
    """

    normalize = staticmethod(normalize_plain)

    def __init__(self, *args, **kwargs):
        kwargs["strip"] = False  # the rule strips what it should, and keeps a Markdown body's indentation
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return self.normalize(super().to_python(value))

    def has_changed(self, initial, data) -> bool:
        if self.disabled:
            return False
        return self.normalize(initial or "") != self.to_python(data)


class MarkdownField(NormalizedTextField):
    """A Markdown body: see ``articles.text.normalize_markdown``."""

    normalize = staticmethod(normalize_markdown)


class ArticleForm(forms.ModelForm):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["question", "slug", "topic", "summary"]
        field_classes = {"question": NormalizedTextField, "summary": NormalizedTextField}
        widgets = {
            "question": forms.TextInput(attrs={"class": "vLargeTextField", "size": 90}),
            "summary": forms.Textarea(attrs={"rows": 3, "cols": 90}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.control.edit_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            check_edit_version(self.instance, cleaned.get("edit_version"))
        return cleaned


class ArticleBodyForm(forms.ModelForm):
    """One audience's body. The tall textarea is what editors use without JavaScript; with it,
    ``static/js/article-editor.js`` turns it into the Markdown editor (class ``markdown-editor``)."""

    class Meta:
        model = ArticleBody
        fields = ["audience", "body"]
        field_classes = {"body": MarkdownField}
        widgets = {"body": forms.Textarea(attrs={"rows": 25, "cols": 100, "class": "markdown-editor"})}


def check_edit_version(article: Article, submitted: int | None) -> None:
    """Raise ValidationError unless ``submitted`` is the article's current edit version.

    Inside a transaction (the admin runs each change view in one) the workflow row stays
    locked until commit, so of two concurrent saves from the same version only one passes.
    """
    controls = ArticleControl.objects.filter(article=article)
    if transaction.get_connection().in_atomic_block:
        controls = controls.select_for_update()
    current = controls.values_list("edit_version", flat=True).first()
    if submitted is None or current != submitted:
        raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict", params={"current": current, "yours": submitted})


class FollowUpForm(forms.Form):
    """A reader's question. ``website`` is a honeypot: people leave it empty, bots fill it."""

    MIN_LENGTH = 10
    MAX_LENGTH = 1000

    question = forms.CharField(
        label=_("Your question"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Please type your question."),
            "max_length": _("Please keep your question under %(limit_value)d characters (it has %(show_value)d)."),
            "null_characters_not_allowed": _(
                "Your question contains characters we cannot store. Please type it again."
            ),
        },
    )
    # The slug of the article the question was asked from; anything else is ignored, never an error.
    article = forms.CharField(required=False, widget=forms.HiddenInput)
    # The audience of the version the reader was reading; an unknown one is ignored, never an error.
    audience = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_question(self) -> str:
        question = " ".join(_CONTROL.sub(" ", self.cleaned_data["question"]).split())
        if len(question) < self.MIN_LENGTH:
            raise forms.ValidationError(
                _("Please ask in at least %(limit)d characters so our editors understand it."),
                code="min_length",
                params={"limit": self.MIN_LENGTH},
            )
        return question

    def clean_article(self) -> str:
        return self.cleaned_data["article"][:200]

    def clean_audience(self) -> Audience | None:
        slug = self.cleaned_data["audience"][:100]
        if not slug or not slug_re.fullmatch(slug):
            return None
        return Audience.objects.filter(slug=slug).first()

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
