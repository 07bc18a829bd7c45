"""Links to a reference's DOI and PubMed pages, from the identifiers a snapshot stores."""

from django import template

from references import identifiers

register = template.Library()


@register.filter
def doi_url(doi: str) -> str:
    return identifiers.doi_url(doi)


@register.filter
def pubmed_url(pmid: str) -> str:
    return identifiers.pubmed_url(pmid)
