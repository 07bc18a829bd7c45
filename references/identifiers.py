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
