"""Normalising DOIs and PMIDs so that duplicates are recognised whatever their spelling."""

import re

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID_PREFIX = re.compile(r"^(?:pmid:\s*|https?://pubmed\.ncbi\.nlm\.nih\.gov/)", re.IGNORECASE)


def normalize_doi(value: str | None) -> str:
    """``https://doi.org/10.1000/ABC`` -> ``10.1000/abc``; empty stays empty."""
    doi = _DOI_PREFIX.sub("", (value or "").strip()).strip().rstrip(".")
    return doi.lower()


def is_valid_doi(doi: str) -> bool:
    return bool(_DOI_SHAPE.match(doi))


def normalize_pmid(value: str | int | None) -> str:
    """``PMID: 12345678`` -> ``12345678``; empty stays empty."""
    return _PMID_PREFIX.sub("", str(value or "").strip()).strip().strip("/")


def is_valid_pmid(pmid: str) -> bool:
    return pmid.isdigit() and 0 < len(pmid) <= 9


def doi_url(doi: str) -> str:
    """The resolver link of a DOI; empty for none."""
    return f"https://doi.org/{doi}" if doi else ""


def pubmed_url(pmid: str) -> str:
    """The PubMed page of a PMID; empty for none."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""


def normalize_citation_key(key: str) -> str:
    """How a cited key is compared with ``Reference.lookup_keys``: ``pmid:`` and ``doi:`` keys
    normalised like the stored identifiers, everything lower-cased."""
    lowered = key.lower()
    if lowered.startswith("pmid:"):
        return f"pmid:{normalize_pmid(key[5:])}"
    if lowered.startswith("doi:"):
        return f"doi:{normalize_doi(key[4:])}"
    return lowered
