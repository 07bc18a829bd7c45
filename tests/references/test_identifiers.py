import pytest

from references.identifiers import is_valid_doi, is_valid_pmid, normalize_doi, normalize_pmid


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.7326/M16-2367", "10.7326/M16-2367"),
        ("https://doi.org/10.7326/M16-2367", "10.7326/M16-2367"),
        ("http://dx.doi.org/10.7326/M16-2367", "10.7326/M16-2367"),
        ("doi: 10.7326/M16-2367.", "10.7326/M16-2367"),
        ("  DOI:10.1000/ABC  ", "10.1000/ABC"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_doi(raw, expected):
    """Any common spelling of a DOI normalises to the bare DOI, in the case it was given."""
    assert normalize_doi(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("17909209", "17909209"),
        ("PMID: 17909209", "17909209"),
        ("pmid:17909209", "17909209"),
        ("https://pubmed.ncbi.nlm.nih.gov/17909209/", "17909209"),
        (17909209, "17909209"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_pmid(raw, expected):
    """Any common spelling of a PMID normalises to its digits."""
    assert normalize_pmid(raw) == expected


@pytest.mark.parametrize(
    ("doi", "valid"),
    [("10.7326/m16-2367", True), ("10.1000/x", True), ("10.12/short", False), ("11.1000/x", False), ("10.1000", False)],
)
def test_is_valid_doi(doi, valid):
    """A DOI is 10., a registrant code of four to nine digits, a slash and a suffix."""
    assert is_valid_doi(doi) is valid


@pytest.mark.parametrize(
    ("pmid", "valid"), [("1", True), ("123456789", True), ("1234567890", False), ("12a", False), ("", False)]
)
def test_is_valid_pmid(pmid, valid):
    """A PMID is one to nine digits."""
    assert is_valid_pmid(pmid) is valid
