"""The admin site: Django's, with filters that answer 400 for values no database could answer.

Every model admin registered here (the project's, Django's auth and django-axes' alike) gets
``SaneLookupsMixin``: a filter value the database cannot take (year 0, a year past 9999) or any
value Django's own filter checks refuse is a 400 with a message, instead of a crash while the
list is counted or a silent redirect to the unfiltered list; a search term has a length limit.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList, ChangeListSearchForm
from django.core.exceptions import BadRequest
from django.db.models.constants import LOOKUP_SEP
from django.utils.translation import gettext as _

# Longer search terms are no search (SQLite refuses LIKE patterns past 50,000 bytes anyway).
SEARCH_MAX_LENGTH = 500
# Transforms whose value becomes a date bound: Python's dates run from year 1 to 9999.
_YEAR_TRANSFORMS = {"year", "iso_year"}


def lookup_value_is_possible(lookup: str, value: object) -> bool:
    """False for a filter value that could only crash the query (a year outside 1-9999)."""
    if not _YEAR_TRANSFORMS & set(lookup.split(LOOKUP_SEP)):
        return True
    values = value if isinstance(value, list | tuple) else str(value).split(",")
    for item in values:
        try:
            year = int(str(item).strip())
        except ValueError:
            continue  # not a number at all: Django's own check refuses it
        if not 1 <= year <= 9999:
            return False
    return True


class BoundedSearchForm(ChangeListSearchForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[SEARCH_VAR] = forms.CharField(required=False, strip=False, max_length=SEARCH_MAX_LENGTH)


class BoundedSearchChangeList(ChangeList):
    search_form_class = BoundedSearchForm


class SaneLookupsMixin:
    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if changelist is ChangeList:
            return BoundedSearchChangeList
        return type(changelist.__name__, (changelist,), {"search_form_class": BoundedSearchForm})

    def lookup_allowed(self, lookup, value, request=None):
        if not lookup_value_is_possible(lookup, value):
            return False  # Django answers DisallowedModelAdminLookup: 400, logged to django.security
        return super().lookup_allowed(lookup, value, request)

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters as error:
            raise BadRequest(_("A filter value in this address is not valid for this list.")) from error


class EditorialAdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        if len(request.GET.get("term", "")) > SEARCH_MAX_LENGTH:
            raise BadRequest(_("The search term is too long."))
        return super().autocomplete_view(request)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SaneLookupsMixin):
            admin_class = type(
                admin_class.__name__,
                (SaneLookupsMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        return super().register(model_or_iterable, admin_class, **options)
