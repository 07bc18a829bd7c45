import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from reversion.models import Version

from references.models import Finding, Reference
from references.selectors import possible_duplicates
from references.services import reference_merge
from references.services.findings import FindingData, findings_store
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    """The same book twice, as a file imported twice used to leave it: one with an ISBN, one with a DOI."""
    first = make_reference(
        key="whitfield2019clinical", type="Book", title="Clinical Examination of the Thoracic Spine",
        authors="Whitfield, Anna", source="Fictional Press", year=2019, volume="", issue="", pages="",
        isbn="9780306406157",
    )  # fmt: skip
    second = make_reference(
        key="whitfield2019clinicalb", type="Book", title="Clinical examination of the thoracic spine.",
        authors="Whitfield, A", source="", year=2019, volume="", issue="", pages="", doi="10.5555/Thorax.Book",
        pmid="90000123", url="https://example.org/thoracic",
    )  # fmt: skip
    return first, second


def test_possible_duplicates_finds_the_pair(pair):
    """Same title (case and a period aside), year and first author's family name: one pair, oldest first."""
    make_reference(key="other", title="Clinical examination of the lumbar spine", authors="Whitfield, Anna", year=2019)
    (found,) = possible_duplicates()
    assert (found.first, found.second, found.rule) == (pair[0], pair[1], "title")


def test_merge_keeps_every_key_resolving_to_the_survivor(pair, django_capture_on_commit_callbacks, signals_sent):
    """The survivor takes the DOI and PMID; the merged reference's key, DOI and PMID all name the survivor;
    references_merged is sent once, on commit, with both references."""
    survivor, merged = pair
    with django_capture_on_commit_callbacks(execute=True):
        reference_merge(merged=merged, survivor=survivor, actor=None)
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert (survivor.doi, survivor.pmid, survivor.url) == (
        "10.5555/Thorax.Book",
        "90000123",
        "https://example.org/thoracic",
    )
    assert (merged.merged_into, merged.doi, merged.pmid) == (survivor, "", "")
    for key in ("whitfield2019clinicalb", "doi:10.5555/THORAX.book", "pmid:90000123", "whitfield2019clinical"):
        assert list(Reference.objects.answering_to([key])) == [survivor], key
    assert "whitfield2019clinicalb" in survivor.lookup_keys()
    assert list(Reference.objects.library()) == [survivor]
    assert signals_sent == [("references_merged", {"merged": merged, "survivor": survivor})]


def test_merge_chains_and_copies_findings(pair):
    """Merging a survivor again moves its aliases along; open findings follow to the new survivor."""
    first, second = pair
    third = make_reference(key="whitfield2019c", title="Clinical examination of the thoracic spine", year=2019)
    findings_store(
        reference=second,
        findings=[FindingData(kind=Finding.Kind.RETRACTED, source=Finding.Source.EDITOR, notice_id="x")],
    )
    reference_merge(merged=second, survivor=first, actor=None)
    reference_merge(merged=first, survivor=third, actor=None)
    assert list(Reference.objects.answering_to(["whitfield2019clinicalb"])) == [third]
    assert Reference.objects.get(pk=second.pk).merged_into_id == third.pk
    assert Reference.objects.get(pk=third.pk).health.is_retracted


def test_merge_refuses_nonsense(pair):
    """The same reference twice, or one already merged: a clear ValidationError."""
    first, second = pair
    with pytest.raises(ValidationError, match="two different"):
        reference_merge(merged=first, survivor=first, actor=None)
    reference_merge(merged=second, survivor=first, actor=None)
    with pytest.raises(ValidationError, match="already merged"):
        reference_merge(merged=second, survivor=first, actor=None)


def test_merge_is_in_the_history_and_reverting_undoes_it(pair, django_capture_on_commit_callbacks, signals_sent):
    """Reverting the "Before merging" revision restores both references and announces the unmerge."""
    survivor, merged = pair
    reference_merge(merged=merged, survivor=survivor, actor=None)
    comments = [v.revision.comment for v in Version.objects.get_for_object(merged)]
    assert comments == [
        "Merged “whitfield2019clinicalb” into “whitfield2019clinical”",
        "Before merging “whitfield2019clinicalb” into “whitfield2019clinical”",
    ]
    before = Version.objects.get_for_object(merged)[1]
    signals_sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        before.revision.revert()
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert (merged.merged_into, merged.doi, survivor.doi, survivor.alias_keys) == (None, "10.5555/Thorax.Book", "", [])
    assert list(Reference.objects.answering_to(["whitfield2019clinicalb"])) == [merged]
    assert signals_sent == [("references_unmerged", {"reference": merged, "former_survivor": survivor})]


def test_admin_duplicates_and_merge(client, librarian, pair):
    """An editor sees the pair, confirms, and the duplicate is merged; without the tick box nothing happens."""
    survivor, merged = pair
    client.force_login(librarian)
    page = client.get(reverse("admin:references_reference_duplicates")).content.decode()
    url = reverse("admin:references_reference_merge", args=[merged.pk, survivor.pk])
    assert url in page
    assert "same title, year and first author" in page
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400
    assert not Reference.objects.filter(merged_into__isnull=False).exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert Reference.objects.get(pk=merged.pk).merged_into == survivor
    again = client.post(url, {"confirm": "on"})
    assert again.status_code == 400
    assert "already merged" in again.content.decode()


def test_admin_merge_needs_the_change_permission(client, reader_staff, pair):
    """Staff who may only view references can neither see the duplicates page nor merge."""
    survivor, merged = pair
    client.force_login(reader_staff)
    assert client.get(reverse("admin:references_reference_duplicates")).status_code == 403
    response = client.post(
        reverse("admin:references_reference_merge", args=[merged.pk, survivor.pk]), {"confirm": "on"}
    )
    assert response.status_code == 403
    assert Reference.objects.get(pk=merged.pk).merged_into is None


def test_admin_merge_of_unknown_references_is_404(client, librarian, pair):
    """A made-up id answers 404."""
    client.force_login(librarian)
    assert client.get(reverse("admin:references_reference_merge", args=[pair[0].pk, 999999])).status_code == 404


def test_admin_action_opens_the_merge_page(client, librarian, pair):
    """Selecting two references and the merge action leads to the confirmation, keeping the older one."""
    survivor, merged = pair
    client.force_login(librarian)
    response = client.post(
        reverse("admin:references_reference_changelist"),
        {"action": "merge_selected", "_selected_action": [survivor.pk, merged.pk]},
    )
    assert response["Location"] == reverse("admin:references_reference_merge", args=[merged.pk, survivor.pk])


def test_merged_references_leave_the_library_list(client, librarian, pair):
    """The changelist shows the library proper; the "merged" filter shows the aliases."""
    survivor, merged = pair
    reference_merge(merged=merged, survivor=survivor, actor=None)
    client.force_login(librarian)
    listing = client.get(reverse("admin:references_reference_changelist")).content.decode()
    assert "whitfield2019clinicalb" not in listing
    aliases = client.get(reverse("admin:references_reference_changelist") + "?merged=yes").content.decode()
    assert "whitfield2019clinicalb" in aliases
