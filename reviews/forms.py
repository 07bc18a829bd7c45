from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReviewDecision


class DecisionForm(forms.Form):
    """A board member's decision. ``revision`` is the revision the page showed: a stale page is refused."""

    outcome = forms.ChoiceField(choices=ReviewDecision.Outcome.choices, widget=forms.HiddenInput)
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when requesting changes: say what must change and why."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == ReviewDecision.Outcome.REQUEST_CHANGES and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what needs to change: a comment is required to request changes."))
        return cleaned
