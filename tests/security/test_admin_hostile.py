"""Hostile values through every admin list filter, search and form an editor can reach."""

import pytest
from django import forms
from django.contrib import admin
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from tests.admin_forms import changeform_data

from .conftest import post_form, query, sign_in

pytestmark = pytest.mark.django_db

# Fields a person types into; everything else (slugs, choices, numbers, hidden fields) is "other".
_TYPED = (forms.SlugField, forms.URLField, forms.EmailField, forms.UUIDField, forms.GenericIPAddressField)


def _editor_request(editor):
    request = RequestFactory().get("/admin/")
    request.user = editor
    return request


def editor_admins(editor) -> list:
    """Every model admin whose list the editor may see."""
    request = _editor_request(editor)
    return [
        model_admin for model, model_admin in admin.site._registry.items() if model_admin.has_view_permission(request)
    ]


def _date_fields_standing_for_their_class(model_admin) -> list[str]:
    """One date field and one date-time field of the model (the date drill-down's if it is one of them).

    An address may carry a lookup on any field, filter or not (Django allows every lookup on the
    model's own fields). One no filter offers goes through one generic path: ``lookup_allowed``,
    then ``Q(<field>__<lookup>=value)``, whose value is parsed by the field's class (and the
    transform's output field), never by the field itself; two date-time fields of one model differ
    there only in the column the SQL names. So a value that crashes ``updated_at__year`` crashes
    ``created_at__year``: one field of each class per list stands for the rest of its class
    (117 parameters instead of 164 for the lists test). Every list, every date class and every lookup
    is still tried, and every filter the list shows has its own parameters tried.
    """
    chosen: dict[str, str] = {}
    fields = sorted(model_admin.model._meta.concrete_fields, key=lambda f: f.name != model_admin.date_hierarchy)
    for field in fields:
        kind = field.get_internal_type()
        if kind in ("DateField", "DateTimeField"):
            chosen.setdefault(kind, field.name)
    return list(chosen.values())


def changelist_parameters(model_admin, editor) -> list[str]:
    """The list's filter parameters, its date drill-down, date lookups (one field of each date class),
    search, sort, page."""
    request = _editor_request(editor)
    request.GET = request.GET.copy()
    changelist = model_admin.get_changelist_instance(request)
    names = {"q", "o", "p", "_to_field"}
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    for name in _date_fields_standing_for_their_class(model_admin):
        names.update({f"{name}__year", f"{name}__month", f"{name}__gte"})
    if model_admin.date_hierarchy:
        names.update(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(names)


def split_fields(response) -> tuple[list[str], list[str]]:
    """(typed text fields, every other field) of the admin change form in ``response``."""
    typed, other = [], []
    forms_in_page = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_in_page.extend(inline.formset.forms)
        other.extend(f"{inline.formset.prefix}-{name}" for name in inline.formset.management_form.fields)
    for form in forms_in_page:
        for name, field in form.fields.items():
            is_text = isinstance(field, forms.CharField) and not isinstance(field, _TYPED)
            is_text = is_text and not isinstance(field.widget, forms.HiddenInput)
            (typed if is_text else other).append(form.add_prefix(name))
    return typed, other


# Django's admin reads a datetime filter value ("9999-12-31T23:59:59") as a naive datetime in the
# current time zone and warns about it; the answer is right, and the warning is no server error.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
def test_admin_lists_filters_search_and_sorting(client, hostile_site, hostile_batch, findings):
    """Every list the editor can open, with each filter, date lookup, search, sort and page parameter."""
    editor = hostile_site["editor"]
    sign_in(client, editor)
    targets = []
    for model_admin in editor_admins(editor):
        opts = model_admin.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url  # signed in: the list itself, not the sign-in page
        targets.extend((url, name) for name in changelist_parameters(model_admin, editor))
    assert len(targets) > 40
    for hostile in hostile_batch:
        for url, name in targets:
            findings.check(client.get(f"{url}?{query(**{name: hostile.value})}"), hostile, f"{url} ?{name}=")
    findings.assert_none()


def test_admin_urls_and_custom_views(client, hostile_site, hostile_batch, findings):
    """Object ids in URLs, autocomplete, version comparison, the workflow comment and the reference import."""
    sign_in(client, hostile_site["editor"])
    assert client.get("/admin/").status_code == 200  # signed in: the admin, not the sign-in page
    draft = hostile_site["draft"]
    for hostile in hostile_batch:
        value = hostile.value
        cache.clear()
        gets = [
            f"/admin/articles/article/{query(x=value)[2:]}/change/",
            f"/admin/articles/article/{query(x=value)[2:]}/history/",
            f"/admin/references/reference/{query(x=value)[2:]}/change/",
            f"/admin/autocomplete/?{query(term=value, app_label='articles', model_name='citation', field_name='reference')}",
            f"/admin/autocomplete/?{query(term='a', app_label=value, model_name='citation', field_name='reference')}",
            f"/admin/articles/article/{draft.pk}/history/compare/?{query(**{'from': value, 'to': value})}",
            f"/admin/references/reference/import/?{query(x=value)}",
        ]
        for url in gets:
            findings.check(client.get(url), hostile, f"GET {url[:70]}")
        posts = [
            (f"/admin/articles/article/{draft.pk}/workflow/submit/", {"comment": value}),
            (f"/admin/articles/article/{draft.pk}/workflow/{query(x=value)[2:]}/", {"comment": "x"}),
            ("/admin/references/reference/import/", {"text": value, "format": ""}),
            ("/admin/references/reference/import/", {"text": "TY  - JOUR\nER  - \n", "format": value}),
            ("/admin/references/reference/import/", {"confirm": "1", "payload": value, "format": "", "digest": value}),
        ]
        for url, data in posts:
            findings.check(post_form(client, url, data), hostile, f"POST {url[:60]} {sorted(data)}")
            if "workflow/submit" in url:
                from reviews.models import ReviewRequest
                from reviews.services import review_withdraw

                for open_request in ReviewRequest.objects.open().filter(article=draft):
                    review_withdraw(review_request=open_request, actor=hostile_site["editor"])
    findings.assert_none()


def _form_pages(hostile_site) -> list[str]:
    from articles.models import ReaderQuestion

    article, reference = hostile_site["draft"], hostile_site["reference"]
    return [
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:references_reference_add"),
        reverse("admin:references_reference_change", args=[reference.pk]),
        reverse("admin:articles_readerquestion_change", args=[ReaderQuestion.objects.first().pk]),
    ]


def _current_versions(url: str, data: dict) -> dict:
    """The article form's hidden ``edit_version`` as it is now (each accepted save raises it)."""
    if "edit_version" not in data or "/change/" not in url:
        return {}
    from articles.models import ArticleControl

    article_id = int(url.rstrip("/").split("/")[-2])
    return {"edit_version": str(ArticleControl.objects.get(article_id=article_id).edit_version)}


def test_admin_forms(client, hostile_site, hostile_batch, findings):
    """Each add and change form the editor can use: the value in every typed field at once, then in every other."""
    sign_in(client, hostile_site["editor"])
    pages = {}
    for url in _form_pages(hostile_site):
        page = client.get(url)
        assert page.status_code == 200, url
        pages[url] = (changeform_data(page), split_fields(page))
    for hostile in hostile_batch:
        for url, (initial, fields) in pages.items():
            for group in (0, 1):
                # A stale edit version would answer 409 before the fields are read: send the current one.
                data = {**initial, **_current_versions(url, initial)}
                for name in fields[group]:
                    data[name] = hostile.value
                findings.check(
                    post_form(client, url, data), hostile, f"POST {url} ({'typed' if not group else 'other'})"
                )
    findings.assert_none()
