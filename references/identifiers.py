"""Reading identifiers in any common spelling: DOIs, PMIDs, PMCIDs and ISBNs.

A DOI keeps the case it was given (publishers register "10.1056/NEJMoa2034577", and that is how
it is shown and linked), but DOIs are case-insensitive, so every comparison goes through
``doi_key``. An ISBN is stored as its ISBN-13 digits, whatever form it came in.
"""

import re

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID_PREFIX = re.compile(r"^(?:pmid:\s*|https?://pubmed\.ncbi\.nlm\.nih\.gov/)", re.IGNORECASE)
_PMCID_PREFIX = re.compile(
    r"^(?:pmcid:\s*|https?://(?:www\.ncbi\.nlm\.nih\.gov/pmc/articles/|pmc\.ncbi\.nlm\.nih\.gov/articles/))",
    re.IGNORECASE,
)
_PMCID_SHAPE = re.compile(r"^PMC\d{1,9}$")
_ISBN_PREFIX = re.compile(r"^isbn(?:-1[03])?:?\s*", re.IGNORECASE)
_ISBN_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]")


def normalize_doi(value: str | None) -> str:
    """``https://doi.org/10.1056/NEJMoa2034577`` -> ``10.1056/NEJMoa2034577``: the resolver prefix,
    a ``doi:`` label and a closing period removed, the case kept; empty stays empty."""
    return _DOI_PREFIX.sub("", (value or "").strip()).strip().rstrip(".")


def doi_key(value: str | None) -> str:
    """The form in which two DOIs are compared: normalised and lower case (DOIs ignore case)."""
    return normalize_doi(value).lower()


def is_valid_doi(doi: str) -> bool:
    return bool(_DOI_SHAPE.match(doi))


def normalize_pmid(value: str | int | None) -> str:
    """``PMID: 12345678`` -> ``12345678``; empty stays empty."""
    return _PMID_PREFIX.sub("", str(value or "").strip()).strip().strip("/")


def is_valid_pmid(pmid: str) -> bool:
    return pmid.isdigit() and 0 < len(pmid) <= 9


def normalize_pmcid(value: str | int | None) -> str:
    """``pmc1234567``, ``PMCID: PMC1234567``, ``1234567`` or a PMC link -> ``PMC1234567``."""
    text = _PMCID_PREFIX.sub("", str(value or "").strip()).strip().strip("/").upper()
    if text.isdigit():
        text = f"PMC{text}"
    return text


def is_valid_pmcid(pmcid: str) -> bool:
    return bool(_PMCID_SHAPE.match(pmcid)) and pmcid != "PMC" + "0" * (len(pmcid) - 3)


def _isbn10_check_digit(first_nine: str) -> str:
    total = sum((10 - position) * int(digit) for position, digit in enumerate(first_nine))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check_digit(first_twelve: str) -> str:
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(first_twelve))
    return str((10 - total % 10) % 10)


def isbn_to_13(value: str | None) -> str:
    """The ISBN-13 of a valid ISBN-10 or ISBN-13 in any spelling ("ISBN 0-306-40615-2",
    "978-0-306-40615-7"); "" for anything else (a bad check digit, an ISSN, a note)."""
    text = _ISBN_SEPARATORS.sub("", _ISBN_PREFIX.sub("", (value or "").strip())).upper()
    if len(text) == 10 and text[:9].isdigit() and (text[9].isdigit() or text[9] == "X"):
        if _isbn10_check_digit(text[:9]) != text[9]:
            return ""
        twelve = "978" + text[:9]
        return twelve + _isbn13_check_digit(twelve)
    if len(text) == 13 and text.isdigit() and text[:3] in ("978", "979"):
        return text if _isbn13_check_digit(text[:12]) == text[12] else ""
    return ""


def normalize_isbn(value: str | None) -> str:
    """What is stored for an ISBN: its ISBN-13 when valid, else the input as typed (trimmed), so that
    validation can name it; empty stays empty."""
    text = (value or "").strip()
    return isbn_to_13(text) or text


def is_valid_isbn(isbn: str) -> bool:
    """A valid ISBN-13 (stored ISBNs are always 13 digits)."""
    return len(isbn) == 13 and isbn_to_13(isbn) == isbn


def first_isbn(*values: object) -> str:
    """The first valid ISBN (as ISBN-13) among ``values``, each of which may hold several separated
    by semicolons, commas or line breaks, as exporters write them ("0-306-40615-2 (pbk.); 978...")."""
    for value in values:
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            for part in re.split(r"[;,\n]|\s\(", str(item or "")):
                isbn = isbn_to_13(part.strip().rstrip(")").strip())
                if isbn:
                    return isbn
    return ""


def doi_url(doi: str) -> str:
    """The resolver link of a DOI; empty for none."""
    return f"https://doi.org/{doi}" if doi else ""


def pubmed_url(pmid: str) -> str:
    """The PubMed page of a PMID; empty for none."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""


def pmc_url(pmcid: str) -> str:
    """The PubMed Central page of a PMCID; empty for none."""
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/" if pmcid else ""


def normalize_citation_key(key: str) -> str:
    """How a cited key is compared with ``Reference.lookup_keys``: ``pmid:`` and ``doi:`` keys
    normalised like the stored identifiers, everything lower-cased."""
    lowered = key.lower()
    if lowered.startswith("pmid:"):
        return f"pmid:{normalize_pmid(key[5:])}"
    if lowered.startswith("doi:"):
        return f"doi:{doi_key(key[4:])}"
    return lowered
