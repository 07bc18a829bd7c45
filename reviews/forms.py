from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReviewDecision


class DecisionForm(forms.ModelForm):
    """A board member's decision. ``revision`` is the revision the page showed: a stale page is refused.

    The rule that a change request needs a comment lives in ``ReviewDecision.clean``, which this
    form and the ``review_decide`` service both run.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when requesting changes: say what must change and why."),
    )

    class Meta:
        model = ReviewDecision
        fields = ["outcome", "comment"]
        widgets = {"outcome": forms.HiddenInput}
