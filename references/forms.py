"""Forms of the reference library's admin: editing one reference, importing a file."""

import base64
import zlib

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .identifiers import normalize_doi, normalize_isbn, normalize_pmcid, normalize_pmid
from .importers import FORMAT_LABELS, decode_file
from .importers.decoding import normalize_text
from .models import Reference

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class CitationKeyField(forms.ModelChoiceField):
    """A reference chosen by typing its citation key (in any case)."""

    def to_python(self, value):
        return super().to_python(value.strip().lower() if isinstance(value, str) else value)


class ReferenceAdminForm(forms.ModelForm):
    """The model's own validation, plus clear messages for keys and identifiers already in use."""

    url = forms.URLField(label=gettext_lazy("URL"), max_length=500, required=False, assume_scheme="https")
    # Room for pasted spellings ("PMID: 17909209", "https://doi.org/…"); the model checks the normalised length.
    doi = forms.CharField(
        label=gettext_lazy("DOI"), max_length=300, required=False, help_text=Reference._meta.get_field("doi").help_text
    )
    pmid = forms.CharField(label=gettext_lazy("PMID"), max_length=100, required=False)
    pmcid = forms.CharField(
        label=gettext_lazy("PMCID"),
        max_length=100,
        required=False,
        help_text=Reference._meta.get_field("pmcid").help_text,
    )
    isbn = forms.CharField(
        label=gettext_lazy("ISBN"), max_length=40, required=False, help_text=Reference._meta.get_field("isbn").help_text
    )
    accessed = forms.DateField(
        label=gettext_lazy("Accessed"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=Reference._meta.get_field("accessed").help_text,
    )
    # Typed as a citation key: works without JavaScript, and in a library of thousands.
    superseded_by = CitationKeyField(
        label=gettext_lazy("Superseded by"),
        queryset=Reference.objects.library(),
        to_field_name="citation_key",
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
        help_text=gettext_lazy(
            "The citation key of the newer edition or guideline that replaces this one. Articles citing this one "
            "are sent back for review."
        ),
        error_messages={"invalid_choice": gettext_lazy("No reference in the library has this citation key.")},
    )

    class Meta:
        model = Reference
        fields = [
            "citation_key", "type", "title", "authors", "source", "year", "volume", "issue", "pages", "doi", "pmid",
            "pmcid", "isbn", "url", "accessed", "superseded_by",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.superseded_by_id:  # the form shows the key, not the id
            self.initial["superseded_by"] = self.instance.superseded_by.citation_key

    def clean_citation_key(self) -> str:
        # Stored in lower case (Reference.save); lowering here lets the unique check see the real value.
        key = self.cleaned_data["citation_key"].lower()
        if key.startswith("-") or key.endswith("-"):
            raise ValidationError(
                _("A citation key cannot start or end with a hyphen: “[@%(key)s]” would not be read as a citation.")
                % {"key": key}
            )
        return key

    def clean_doi(self) -> str:
        return normalize_doi(self.cleaned_data["doi"])

    def clean_pmid(self) -> str:
        return normalize_pmid(self.cleaned_data["pmid"])

    def clean_pmcid(self) -> str:
        return normalize_pmcid(self.cleaned_data["pmcid"])

    def clean_isbn(self) -> str:
        return normalize_isbn(self.cleaned_data["isbn"])

    def clean(self) -> dict:
        cleaned = super().clean()
        for name, label in (("doi", "DOI"), ("pmid", "PMID")):
            value = cleaned.get(name)
            if not value:
                continue
            others = Reference.objects.with_doi(value) if name == "doi" else Reference.objects.filter(pmid=value)
            other = others.exclude(pk=self.instance.pk).first()
            if other:
                self.add_error(
                    name,
                    _("The reference “%(key)s” already has this %(identifier)s; edit that one instead.")
                    % {"key": other.citation_key, "identifier": label},
                )
        return cleaned


FORMAT_CHOICES = [("", gettext_lazy("Detect from the content")), *FORMAT_LABELS.items()]


class ReferenceImportForm(forms.Form):
    """Step one: a file (or pasted text) to preview."""

    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy("RIS (.ris), BibTeX (.bib), PubMed (.nbib or .txt) or CSL-JSON (.json); at most 5 MB."),
    )
    text = forms.CharField(
        label=gettext_lazy("Or paste the text"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMAT_CHOICES, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), cleaned.get("text") or ""
        if upload and pasted.strip():
            raise ValidationError(_("Upload a file or paste text, not both."))
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error(
                    "file",
                    _("The file is %(size)s, over the limit of %(limit)s. Split it into smaller files.")
                    % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
                )
                return cleaned
            try:
                cleaned["content"] = decode_file(upload.read())
            except ValidationError as error:
                self.add_error("file", error.message)
        elif pasted.strip():
            if len(pasted.encode()) > MAX_UPLOAD_BYTES:
                self.add_error("text", _("The text is longer than 5 MB. Upload it as files of at most 5 MB."))
            cleaned["content"] = normalize_text(pasted)
        else:
            raise ValidationError(_("Choose a file to upload, or paste the text of one."))
        return cleaned


class ReferenceImportConfirmForm(forms.Form):
    """Step two: the same content again, to be parsed and checked again before anything is written.

    The content travels compressed so that a 5 MB file stays well under Django's limit on
    form data (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB by default). It is only ever parsed
    afresh, never trusted as data.
    """

    payload = forms.CharField(widget=forms.HiddenInput, strip=False)
    format = forms.ChoiceField(choices=FORMAT_CHOICES, required=False, widget=forms.HiddenInput)
    digest = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def pack(text: str) -> str:
        return base64.b64encode(zlib.compress(text.encode(), level=6)).decode("ascii")

    def clean_payload(self) -> str:
        unreadable = ValidationError(_("The confirmation lost its file; upload the file again."))
        try:
            compressed = base64.b64decode(self.cleaned_data["payload"], validate=True)
            inflater = zlib.decompressobj()
            data = inflater.decompress(compressed, MAX_UPLOAD_BYTES + 1)
        except (ValueError, zlib.error) as error:  # binascii.Error, and ValueError for non-ASCII text
            raise unreadable from error
        if len(data) > MAX_UPLOAD_BYTES or inflater.unconsumed_tail:
            raise unreadable
        try:
            return data.decode()
        except UnicodeDecodeError as error:
            raise unreadable from error


class MergeForm(forms.Form):
    """The confirmation of a merge: nothing to fill in, a button to press (the references are in the URL)."""

    confirm = forms.BooleanField(label=gettext_lazy("I checked that both describe the same work."), required=True)


class RetractionWatchForm(forms.Form):
    """The Retraction Watch database as Crossref distributes it: one CSV file."""

    file = forms.FileField(
        label=gettext_lazy("Retraction Watch CSV file"),
        help_text=gettext_lazy("The file as downloaded (retraction_watch.csv, UTF-8)."),
    )

    def clean_file(self):
        from django.conf import settings

        upload = self.cleaned_data["file"]
        if upload.size > settings.RETRACTION_WATCH_MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s, over the limit of %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.RETRACTION_WATCH_MAX_UPLOAD_BYTES),
                }
            )
        return upload
