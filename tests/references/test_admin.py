import pytest
from django.urls import reverse

from references.models import Reference
from tests.factories import make_article, make_reference

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:references_reference_changelist"


@pytest.fixture
def library():
    return {
        "chou": make_reference(
            key="chou2007",
            title="Diagnosis and treatment of low back pain",
            authors="Chou, Roger\nQaseem, Amir",
            doi="10.7326/0003-4819-147-7-200710020-00006",
            pmid="17909209",
        ),
        "qaseem": make_reference(
            key="qaseem2017", title="Noninvasive treatments", authors="Qaseem, Amir", doi="10.7326/M16-2367"
        ),
        "muller": make_reference(key="muller2021", title="Graded activity", authors="Müller, Jürgen", pmid="99900001"),
    }


def search(client, term: str, **params) -> set[str]:
    response = client.get(reverse(CHANGELIST), {"q": term, **params})
    assert response.status_code == 200
    return {r.citation_key for r in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("https://doi.org/10.7326/M16-2367", {"qaseem2017"}),
        ("doi:10.7326/m16-2367", {"qaseem2017"}),
        ("10.7326/0003-4819-147-7-200710020-00006", {"chou2007"}),
        ("PMID: 17909209", {"chou2007"}),
        ("99900001", {"muller2021"}),
        ("https://pubmed.ncbi.nlm.nih.gov/17909209/", {"chou2007"}),
        ("Qaseem", {"chou2007", "qaseem2017"}),
        ("Müller", {"muller2021"}),
        ("chou2007", {"chou2007"}),
        ("graded activity", {"muller2021"}),
        ("no such thing", set()),
    ],
)
def test_search_by_identifier_author_key_and_title(client, librarian, library, term, expected):
    """Any spelling of a DOI or PMID finds its reference, as do authors, keys and title words."""
    client.force_login(librarian)
    assert search(client, term) == expected


def test_identifier_search_respects_the_filters(client, librarian, library):
    """A DOI match outside the chosen filter stays hidden."""
    client.force_login(librarian)
    assert search(client, "https://doi.org/10.7326/M16-2367", type__exact="Book") == set()


def test_changelist_columns_and_import_button(client, librarian, library):
    """The list shows key, type, title, source, year and identifier links, and links to the import page."""
    client.force_login(librarian)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert '<a href="https://doi.org/10.7326/M16-2367" rel="noopener noreferrer">doi:10.7326/M16-2367</a>' in page
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/17909209/" rel="noopener noreferrer">PMID 17909209</a>' in page
    assert reverse("admin:references_reference_import") in page


def test_cited_by_lists_citing_articles_with_links(client, librarian, library):
    """The change page lists the articles citing the reference, linked to their admin pages."""
    article = make_article(question="What helps acute low back pain?", references=[library["chou"]])
    client.force_login(librarian)
    page = client.get(reverse("admin:references_reference_change", args=[library["chou"].pk])).content.decode()
    link = reverse("admin:articles_article_change", args=[article.pk])
    assert f'<li><a href="{link}">What helps acute low back pain?</a></li>' in page
    assert "<i>J Example Med</i>" in page  # the AMA preview


def test_cited_by_says_when_nothing_cites_it(client, librarian, library):
    """An uncited reference says so."""
    client.force_login(librarian)
    page = client.get(reverse("admin:references_reference_change", args=[library["muller"].pk])).content.decode()
    assert "No article cites it." in page


def form_data(**overrides) -> dict:
    data = {"citation_key": "new2024", "type": "Journal Article", "title": "A new study", "authors": "", "source": ""}
    data.update({"year": "", "volume": "", "issue": "", "pages": "", "doi": "", "pmid": "", "url": ""})
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"doi": "https://doi.org/10.7326/M16-2367"},
            "doi",
            "The reference “qaseem2017” already has this DOI; edit that one instead.",
        ),
        ({"pmid": "PMID: 17909209"}, "pmid", "The reference “chou2007” already has this PMID; edit that one instead."),
        ({"citation_key": "Chou2007"}, "citation_key", "Reference with this Citation key already exists."),
        ({"citation_key": "new-"}, "citation_key", "A citation key cannot start or end with a hyphen"),
        ({"doi": "10.12/short"}, "doi", "A DOI starts with “10.”"),
    ],
)
def test_duplicates_and_bad_values_are_form_errors(client, librarian, library, overrides, field, message):
    """A duplicate DOI, PMID or key is a clear form error, never a database error."""
    client.force_login(librarian)
    response = client.post(reverse("admin:references_reference_add"), form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(error.startswith(message) for error in errors[field])
    assert Reference.objects.count() == 3


def test_adding_normalises_key_and_identifiers(client, librarian, library):
    """Saved keys are lower case; DOIs and PMIDs are stored normalised, DOIs in the case given."""
    client.force_login(librarian)
    response = client.post(
        reverse("admin:references_reference_add"),
        form_data(
            citation_key="New2024", doi="https://doi.org/10.5555/ABC", pmid="PMID: 123", url="https://example.org/x"
        ),
    )
    assert response.status_code == 302
    new = Reference.objects.get(citation_key="new2024")
    assert (new.doi, new.pmid) == ("10.5555/ABC", "123")


def test_editing_keeps_its_own_identifiers(client, librarian, library):
    """Saving a reference with its own DOI and PMID is not a duplicate."""
    chou = library["chou"]
    client.force_login(librarian)
    data = form_data(citation_key=chou.citation_key, title="Changed title", doi=chou.doi, pmid=chou.pmid)
    response = client.post(reverse("admin:references_reference_change", args=[chou.pk]), data)
    assert response.status_code == 302
    chou.refresh_from_db()
    assert chou.title == "Changed title"


def test_health_is_shown_in_the_list_the_filter_and_the_form(client, librarian):
    """A retracted reference says so in the list, under the "Retracted" filter and on its page, with the notice."""
    from references.models import Finding
    from references.services.findings import FindingData, findings_store

    bad = make_reference(key="badpaper", doi="10.5555/Bad")
    make_reference(key="goodpaper")
    findings_store(
        reference=bad,
        findings=[
            FindingData(
                kind=Finding.Kind.RETRACTED, source=Finding.Source.CROSSREF, notice_id="n", notice_doi="10.5555/notice"
            )
        ],
    )
    client.force_login(librarian)
    listing = client.get(reverse(CHANGELIST) + "?health=retracted").content.decode()
    assert "badpaper" in listing
    assert "goodpaper" not in listing
    assert "<strong>Retracted</strong>" in listing
    page = client.get(reverse("admin:references_reference_change", args=[bad.pk])).content.decode()
    assert "Retracted (Crossref, 10.5555/notice)" in page
    assert 'href="https://doi.org/10.5555/notice"' in page
    assert "Not checked yet" in page
