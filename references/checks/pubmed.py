"""PubMed through NCBI's E-utilities (``efetch.fcgi?db=pubmed&retmode=xml``), many PMIDs per request.

In a PubMed record, a retracted paper carries the publication type "Retracted Publication" and a
``CommentsCorrections`` link of ``RefType="RetractionIn"`` to the notice; a corrected one an
``ErratumIn`` link to the "Published Erratum"; an expression of concern ``ExpressionOfConcernIn``;
comments ``CommentIn``; a newer version (an updated review) ``UpdateIn``.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

from references.identifiers import pubmed_url
from references.models import Finding
from references.services.findings import FindingData

from .http import PoliteClient, ServiceError

BATCH_SIZE = 100  # PMIDs per efetch request (NCBI asks for POST above 200)
LINK_KINDS = {
    "RetractionIn": Finding.Kind.RETRACTED,
    "ErratumIn": Finding.Kind.CORRECTED,
    "ExpressionOfConcernIn": Finding.Kind.EXPRESSION_OF_CONCERN,
    "CommentIn": Finding.Kind.COMMENT,
    "UpdateIn": Finding.Kind.NEW_VERSION,
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def pubmed_client(**kwargs) -> PoliteClient:
    return PoliteClient("PubMed", per_second=settings.CITATION_CHECK_PUBMED_PER_SECOND, **kwargs)


def fetch_records(client: PoliteClient, pmids: Iterable[str]) -> dict[str, etree._Element]:
    """PMID -> its ``PubmedArticle`` element, for those PubMed knows; ServiceError for an unreadable answer."""
    params = {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml", "tool": "clinical-answers"}
    if settings.CITATION_CHECK_CONTACT_EMAIL:
        params["email"] = settings.CITATION_CHECK_CONTACT_EMAIL
    if settings.CITATION_CHECK_NCBI_API_KEY:
        params["api_key"] = settings.CITATION_CHECK_NCBI_API_KEY
    url = f"{settings.CITATION_CHECK_EUTILS_URL.rstrip('/')}/efetch.fcgi"
    response = client.get(url, params=params)
    try:
        root = etree.fromstring(response.content, parser=_PARSER)
    except etree.XMLSyntaxError as error:
        raise ServiceError(_("PubMed answered with something that is not XML.")) from error
    if root is None or root.tag != "PubmedArticleSet":
        error = root.findtext(".//ERROR") if root is not None else ""
        raise ServiceError(
            _("PubMed answered, but not with PubMed records%(error)s.") % {"error": f" ({error})" if error else ""}
        )
    records = {}
    for article in root.iterfind("PubmedArticle"):
        pmid = (article.findtext("MedlineCitation/PMID") or "").strip()
        if pmid:
            records[pmid] = article
    return records


def findings_from_record(article: etree._Element) -> list[FindingData]:
    """The findings one ``PubmedArticle`` holds."""
    pmid = (article.findtext("MedlineCitation/PMID") or "").strip()
    types = {
        (t.text or "").strip() for t in article.iterfind("MedlineCitation/Article/PublicationTypeList/PublicationType")
    }
    findings: list[FindingData] = []
    linked: set[str] = set()
    for link in article.iterfind("MedlineCitation/CommentsCorrectionsList/CommentsCorrections"):
        kind = LINK_KINDS.get(link.get("RefType", ""))
        if kind is None:
            continue
        notice_pmid = (link.findtext("PMID") or "").strip()
        linked.add(kind)
        findings.append(
            FindingData(
                kind=kind,
                source=Finding.Source.PUBMED,
                notice_id=f"pmid:{notice_pmid}"
                if notice_pmid
                else f"{link.get('RefType')}:{link.findtext('RefSource')}",
                notice_url=pubmed_url(notice_pmid),
                details={
                    "ref_type": link.get("RefType"),
                    "ref_source": (link.findtext("RefSource") or "").strip(),
                    "notice_pmid": notice_pmid,
                },
            )
        )
    if "Retracted Publication" in types and Finding.Kind.RETRACTED not in linked:
        findings.append(
            FindingData(
                kind=Finding.Kind.RETRACTED,
                source=Finding.Source.PUBMED,
                notice_id="pt:retracted-publication",
                notice_url=pubmed_url(pmid),
                details={"publication_type": "Retracted Publication"},
            )
        )
    return findings
