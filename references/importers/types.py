"""Reference types from each format's vocabulary, PubMed's publication types first."""

from collections.abc import Iterable

from references.models import Reference

T = Reference.Type

# PubMed publication types, most specific first: a record tagged "Journal Article",
# "Review", "Systematic Review" and "Meta-Analysis" is a meta-analysis.
_PUBMED_RANKING: list[tuple[str, tuple[str, ...]]] = [
    (T.PRACTICE_GUIDELINE, ("practice guideline",)),
    (T.GUIDELINE, ("guideline",)),
    (T.CONSENSUS, ("consensus development conference", "consensus development conference, nih")),
    (T.META_ANALYSIS, ("meta-analysis", "network meta-analysis")),
    (T.SYSTEMATIC_REVIEW, ("systematic review",)),
    (T.RCT, ("randomized controlled trial", "randomized controlled trial, veterinary")),
    (
        T.CLINICAL_TRIAL,
        (
            "clinical trial",
            "clinical trial, phase i",
            "clinical trial, phase ii",
            "clinical trial, phase iii",
            "clinical trial, phase iv",
            "clinical trial, veterinary",
            "controlled clinical trial",
            "pragmatic clinical trial",
            "adaptive clinical trial",
            "equivalence trial",
        ),
    ),
    (T.OBSERVATIONAL, ("observational study", "observational study, veterinary")),
    (T.CASE_REPORT, ("case reports",)),
    (T.COMPARATIVE, ("comparative study",)),
    (T.REVIEW, ("review", "scoping review")),
    (T.JOURNAL_ARTICLE, ("journal article",)),
]
_PUBMED_RANK = {name: (rank, kind) for rank, (kind, names) in enumerate(_PUBMED_RANKING) for name in names}


def type_from_publication_types(publication_types: Iterable[str]) -> str | None:
    """The most specific Reference.Type among PubMed publication types; None if none is known."""
    ranked = [_PUBMED_RANK[name] for name in (p.strip().lower() for p in publication_types) if name in _PUBMED_RANK]
    return min(ranked)[1] if ranked else None


_RIS_TYPES = {
    **dict.fromkeys(("JOUR", "JFULL", "EJOUR", "MGZN", "INPR", "ABST", "CONF", "CPAPER", "SER"), T.JOURNAL_ARTICLE),
    **dict.fromkeys(("BOOK", "EBOOK", "EDBOOK", "CHAP", "ECHAP"), T.BOOK),
    **dict.fromkeys(("ELEC", "WEB", "BLOG", "ICOMM"), T.WEBSITE),
    **dict.fromkeys(("RPRT", "GOVDOC", "STAND"), T.GUIDELINE),
}
_BIBTEX_TYPES = {
    **dict.fromkeys(("article", "inproceedings", "conference", "periodical"), T.JOURNAL_ARTICLE),
    **dict.fromkeys(("book", "inbook", "incollection", "booklet", "mvbook", "collection"), T.BOOK),
    **dict.fromkeys(("online", "www", "webpage", "electronic"), T.WEBSITE),
    **dict.fromkeys(("techreport", "report", "manual", "standard"), T.GUIDELINE),
}
_CSL_TYPES = {
    **dict.fromkeys(
        ("article-journal", "article", "article-magazine", "article-newspaper", "paper-conference", "review"),
        T.JOURNAL_ARTICLE,
    ),
    **dict.fromkeys(("book", "chapter"), T.BOOK),
    **dict.fromkeys(("webpage", "post", "post-weblog"), T.WEBSITE),
    **dict.fromkeys(("report", "standard"), T.GUIDELINE),
}


def _refine(base: str, publication_types: Iterable[str]) -> str:
    """A known PubMed publication type beats the format's own, generic type."""
    specific = type_from_publication_types(publication_types)
    if specific and specific != T.JOURNAL_ARTICLE:
        return specific
    return base


def type_from_ris(ris_type: str, publication_types: Iterable[str] = ()) -> str:
    return _refine(_RIS_TYPES.get(ris_type.strip().upper(), T.JOURNAL_ARTICLE), publication_types)


def type_from_bibtex(
    entry_type: str, *, has_journal: bool, has_url: bool, publication_types: Iterable[str] = ()
) -> str:
    base = _BIBTEX_TYPES.get(entry_type.lower())
    if base is None:  # @misc and friends: a link without a journal is a web page
        base = T.WEBSITE if has_url and not has_journal else T.JOURNAL_ARTICLE
    return _refine(base, publication_types)


def type_from_csl(csl_type: str, publication_types: Iterable[str] = ()) -> str:
    return _refine(_CSL_TYPES.get(csl_type.strip().lower(), T.JOURNAL_ARTICLE), publication_types)
