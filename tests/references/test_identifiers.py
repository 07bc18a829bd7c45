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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0-306-40615-2", "9780306406157"),
        ("ISBN 0306406152", "9780306406157"),
        ("978-0-306-40615-7", "9780306406157"),
        ("ISBN-13: 978 0 306 40615 7", "9780306406157"),
        ("0-8044-2957-X", "9780804429573"),
        ("0-306-40615-3", ""),  # wrong check digit
        ("1539-3704", ""),  # an ISSN
        ("", ""),
    ],
)
def test_isbn_to_13(raw, expected):
    """ISBN-10 and ISBN-13 in any spelling become ISBN-13; a bad check digit or an ISSN is no ISBN."""
    from references.identifiers import isbn_to_13

    assert isbn_to_13(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PMC1234567", "PMC1234567"),
        ("pmcid: pmc1234567", "PMC1234567"),
        ("1234567", "PMC1234567"),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/", "PMC1234567"),
    ],
)
def test_normalize_pmcid(raw, expected):
    """A PMCID is "PMC" and digits, whatever spelling it came in."""
    from references.identifiers import is_valid_pmcid, normalize_pmcid

    assert normalize_pmcid(raw) == expected
    assert is_valid_pmcid(expected)


def test_doi_key_and_cited_doi_keys_ignore_case():
    """DOIs compare in lower case, however they are stored."""
    from references.identifiers import doi_key, normalize_citation_key

    assert doi_key("https://doi.org/10.1056/NEJMoa2034577") == "10.1056/nejmoa2034577"
    assert normalize_citation_key("DOI:10.1056/NEJMoa2034577") == "doi:10.1056/nejmoa2034577"
