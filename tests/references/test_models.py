import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from references.models import Reference
from tests.factories import make_reference

pytestmark = pytest.mark.django_db


def test_duplicate_doi_is_refused_by_the_database():
    """Two references cannot share a DOI, however it is spelled."""
    make_reference(doi="10.1000/ABC")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_reference(doi="https://doi.org/10.1000/abc")


def test_duplicate_pmid_is_refused_by_the_database():
    """Two references cannot share a PMID, however it is spelled."""
    make_reference(pmid="17909209")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_reference(pmid="PMID: 17909209")


def test_blank_identifiers_may_repeat():
    """Many references may have no DOI and no PMID."""
    make_reference(doi="", pmid="")
    make_reference(doi="", pmid="")
    assert Reference.objects.filter(doi="", pmid="").count() == 2


def test_clean_normalises_and_validates_identifiers():
    """Model validation stores identifiers normalised (DOIs in the case given) and rejects malformed ones."""
    reference = Reference(citation_key="x", title="T", doi="https://doi.org/10.1000/ABC", pmid="PMID: 42")
    reference.full_clean()
    assert (reference.doi, reference.pmid) == ("10.1000/ABC", "42")
    with pytest.raises(ValidationError) as error:
        Reference(citation_key="y", title="T", doi="not-a-doi", pmid="12x").full_clean()
    assert set(error.value.message_dict) == {"doi", "pmid"}


def test_doi_keeps_its_case_and_matches_in_any_case():
    """Stored as given; answering_to, with_doi and lookup_keys compare without case."""
    reference = make_reference(key="nejm", doi="https://doi.org/10.1056/NEJMoa2034577")
    assert reference.doi == "10.1056/NEJMoa2034577"
    assert reference.doi_url == "https://doi.org/10.1056/NEJMoa2034577"
    assert list(Reference.objects.answering_to(["doi:10.1056/nejmoa2034577"])) == [reference]
    assert list(Reference.objects.with_doi("10.1056/NEJMOA2034577")) == [reference]
    assert "doi:10.1056/nejmoa2034577" in reference.lookup_keys()


def test_isbn_and_pmcid_are_normalised_and_validated():
    """ISBN-10 is stored as ISBN-13; a bad ISBN or PMCID is a field error."""
    reference = Reference(citation_key="b", title="T", isbn="0-306-40615-2", pmcid="pmc42")
    reference.full_clean()
    assert (reference.isbn, reference.pmcid) == ("9780306406157", "PMC42")
    with pytest.raises(ValidationError) as error:
        Reference(citation_key="c", title="T", isbn="0-306-40615-3", pmcid="PMCX").full_clean()
    assert set(error.value.message_dict) == {"isbn", "pmcid"}


def test_a_reference_cannot_be_superseded_by_itself_in_the_database():
    """The check constraint holds even past validation."""
    reference = make_reference()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.filter(pk=reference.pk).update(superseded_by=reference)


def test_health_of_a_fresh_reference(django_assert_num_queries):
    """Nothing known: healthy. with_health() reads everything in two queries for any number."""
    make_reference(key="a")
    make_reference(key="b")
    with django_assert_num_queries(2):  # references with their checks and newer editions; findings
        health = [r.health for r in Reference.objects.with_health()]
    assert [h.is_healthy for h in health] == [True, True]
    assert not health[0].is_retracted
    assert health[0].link_status == ""


def test_a_reinstatement_after_a_retraction_clears_it():
    """Retracted, then reinstated by a later notice: no longer retracted."""
    import datetime

    from references.models import Finding
    from references.services.findings import FindingData, findings_store

    reference = make_reference()
    retraction = FindingData(
        kind="retracted", source="retraction_watch", notice_id="1", notice_date=datetime.date(2020, 1, 1)
    )
    findings_store(reference=reference, findings=[retraction])
    assert reference.health.is_retracted
    findings_store(
        reference=reference,
        findings=[
            FindingData(
                kind="reinstated", source="retraction_watch", notice_id="2", notice_date=datetime.date(2021, 1, 1)
            )
        ],
    )
    assert not Reference.objects.get(pk=reference.pk).health.is_retracted
    assert Finding.objects.count() == 2
