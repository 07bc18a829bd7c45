"""The board's forms. Each checks what a person can fix; the services check the rest again."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AttestationItem, BoardMember, ReviewDecision


class DecisionForm(forms.ModelForm):
    """A board member's decision. ``revision`` is the revision the page showed: a stale page is refused.

    The rule that a change request needs a comment lives in ``ReviewDecision.clean``, which this
    form and the ``review_decide`` service both run. "Approve" leads to ``AttestationForm`` first.
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


def checklist_signature(texts: list[str]) -> str:
    """A short fingerprint of the checklist a page showed, to notice it changed before the POST."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]


class AttestationForm(forms.Form):
    """The confirmation step of an approval: every statement of the chief editor's checklist,
    ticked, and a declaration of conflicts of interest ("none", or what the member declares)."""

    NONE, DECLARE = "none", "declare"

    revision = forms.IntegerField(widget=forms.HiddenInput)
    checklist = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    items = forms.ModelMultipleChoiceField(
        label=_("I confirm that"),
        queryset=AttestationItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("That statement is not on the checklist. Reload the page.")},
    )
    conflict = forms.ChoiceField(
        label=_("Conflicts of interest"),
        choices=[(NONE, _("I have no conflict of interest with this answer.")), (DECLARE, _("I declare:"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Declare any conflict of interest, or that you have none.")},
    )
    declaration = forms.CharField(
        label=_("Your declaration"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with your name on the published answer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist_items = list(AttestationItem.objects.active())
        self.fields["items"].queryset = AttestationItem.objects.active()
        self.fields["items"].choices = [(item.pk, item.text) for item in self.checklist_items]
        self.fields["checklist"].initial = self.signature

    @property
    def ticked_ids(self) -> set[str]:
        """The statements ticked in the submitted form, to show them ticked again after an error."""
        return set(self.data.getlist("items")) if self.is_bound and hasattr(self.data, "getlist") else set()

    @property
    def signature(self) -> str:
        return checklist_signature([item.text for item in self.checklist_items])

    def clean(self):
        data = super().clean()
        if data.get("checklist") and data["checklist"] != self.signature:
            raise forms.ValidationError(
                _("The chief editor changed the checklist while you were reading. Read it again and confirm.")
            )
        ticked = {item.pk for item in data.get("items") or []}
        if "items" in data and ticked != {item.pk for item in self.checklist_items}:
            self.add_error("items", _("Confirm every statement to approve, or request changes instead."))
        if data.get("conflict") == self.DECLARE and not (data.get("declaration") or "").strip():
            self.add_error("declaration", _("Say what you declare, or choose “no conflict of interest”."))
        return data

    def attestation(self) -> list[str]:
        ticked = {item.pk for item in self.cleaned_data["items"]}
        return [item.text for item in self.checklist_items if item.pk in ticked]

    def conflict_of_interest(self) -> str:
        if self.cleaned_data["conflict"] == self.NONE:
            return "none"
        return self.cleaned_data["declaration"].strip()


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a conflict of interest, no time before the due date, or outside your field."),
        error_messages={"required": _("Say why you decline, so the chief editor can route it well.")},
    )


class CommentForm(forms.Form):
    """A comment on a quoted passage or on a whole section of one audience's body."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    audience = forms.SlugField(widget=forms.HiddenInput)
    quote = forms.CharField(
        label=_("Passage"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Copy the words exactly as they appear in the submitted text, or select them there."),
    )
    prefix = forms.CharField(required=False, max_length=400, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, max_length=400, widget=forms.HiddenInput)
    section = forms.IntegerField(required=False, min_value=0, max_value=200, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your comment.")},
    )

    def clean(self):
        data = super().clean()
        if not (data.get("quote") or "").strip() and data.get("section") is None:
            self.add_error("quote", _("Quote the passage you comment on, or choose a section."))
        return data


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = BoardMember
        fields = ["disclosure"]
        widgets = {"disclosure": forms.Textarea(attrs={"rows": 4})}


class ReassignForm(forms.Form):
    """The chief editor's assignment: a member, optionally replacing someone, and why."""

    reviewer = forms.ModelChoiceField(
        label=_("Assign"),
        queryset=BoardMember.objects.select_related("user"),
        to_field_name="user_id",
        error_messages={"invalid_choice": _("Choose a member of the Medical Advisory Board.")},
    )
    replacing = forms.IntegerField(label=_("Replacing"), required=False)
    reason = forms.CharField(label=_("Why"), required=False, max_length=300)


class ReportForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=3650, required=False)
