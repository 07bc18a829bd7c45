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
