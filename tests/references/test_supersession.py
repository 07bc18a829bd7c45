import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from references.models import Finding, Reference
from references.services import reference_mark_superseded
from tests.factories import make_reference

from .test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    return make_reference(key="nice2016", title="Low back pain (2016)"), make_reference(
        key="nice2020", title="Low back pain (2020)"
    )


def test_marking_stores_a_finding_and_announces_it(editions, django_capture_on_commit_callbacks, signals_sent):
    """A newer edition: superseded_by set, an editor's finding, reference_health_changed on commit; marking
    it again changes nothing."""
    old, new = editions
    with django_capture_on_commit_callbacks(execute=True):
        reference_mark_superseded(reference=old, superseded_by=new, actor=None)
    old.refresh_from_db()
    assert old.superseded_by == new
    assert old.health.is_superseded
    finding = Finding.objects.get(reference=old)
    assert (finding.kind, finding.source, finding.details["superseded_by_key"]) == ("superseded", "editor", "nice2020")
    assert signals_sent == [("reference_health_changed", {"reference": old, "finding": finding})]
    signals_sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reference_mark_superseded(reference=old, superseded_by=new, actor=None)
    assert signals_sent == []


def test_unmarking_resolves_the_finding(editions):
    """Taking the mark away leaves the finding in the record, resolved."""
    old, new = editions
    reference_mark_superseded(reference=old, superseded_by=new, actor=None)
    reference_mark_superseded(reference=old, superseded_by=None, actor=None)
    old.refresh_from_db()
    assert old.superseded_by is None
    assert old.health.is_healthy
    assert Finding.objects.get(reference=old).resolved_at is not None


@pytest.mark.parametrize("case", ["itself", "cycle"])
def test_no_reference_supersedes_itself_even_through_a_chain(editions, case):
    """A reference cannot supersede itself, nor close a loop of editions."""
    old, new = editions
    if case == "itself":
        target, newer = old, old
    else:
        reference_mark_superseded(reference=old, superseded_by=new, actor=None)
        target, newer = new, old
    with pytest.raises(ValidationError) as error:
        reference_mark_superseded(reference=target, superseded_by=newer, actor=None)
    assert set(error.value.message_dict) == {"superseded_by"}


def test_admin_marks_by_citation_key(client, librarian, editions):
    """An editor types the newer edition's key (in any case); an unknown key or a loop is a form error."""
    old, new = editions
    client.force_login(librarian)
    url = reverse("admin:references_reference_change", args=[old.pk])
    data = form_data(citation_key="nice2016", title="Low back pain (2016)")
    response = client.post(url, {**data, "superseded_by": "nosuchkey"})
    assert response.status_code == 200
    assert "No reference in the library has this citation key." in response.content.decode()
    response = client.post(url, {**data, "superseded_by": " NICE2020 "})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.superseded_by == new
    assert Finding.objects.filter(reference=old, kind="superseded").count() == 1
    assert 'value="nice2020"' in client.get(url).content.decode()
    loop = client.post(
        reverse("admin:references_reference_change", args=[new.pk]),
        {**form_data(citation_key="nice2020", title="Low back pain (2020)"), "superseded_by": "nice2016"},
    )
    assert "already superseded" in loop.content.decode()
    assert Reference.objects.get(pk=new.pk).superseded_by is None
