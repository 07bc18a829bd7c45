""" "Did you mean": misspelt searches corrected from the words of the published answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import SearchTerm
from articles.search.spelling import corrected_query, edit_distance, vocabulary_record, vocabulary_words
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


def publish(question: str, body: str):
    article = factories.make_article(question=question, bodies={"professional": body})
    return factories.make_publication(article)


@pytest.fixture
def answers(professional):
    return [
        publish("When is chest pain an emergency?", "Chest pain with sweating needs help."),
        publish("How is frequent heartburn treated?", "Heartburn settles with acid-reducing medicine."),
    ]


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("pian", "pain") == 1
    assert edit_distance("hartburn", "heartburn") == 1
    assert edit_distance("headake", "headache") == 2
    assert edit_distance("cough", "cough") == 0
    assert edit_distance("kitten", "sitting") == 3


def test_vocabulary_words_are_letters_without_stop_words():
    assert vocabulary_words("The 2 scans were CLEAR; it's fine, x-ray") == {
        "scans",
        "were",
        "clear",
        "it's",
        "fine",
        "ray",
    } - {"were"}


def test_publishing_keeps_the_vocabulary_counts(answers):
    """Each published answer counts once per word; a new version counts dropped words out and new ones in."""
    assert SearchTerm.objects.get(word="chest").documents == 1
    assert SearchTerm.objects.get(word="pain").documents == 1
    vocabulary_record(before="chest pain", after="chest ache")
    assert SearchTerm.objects.get(word="pain").documents == 0
    assert SearchTerm.objects.get(word="ache").documents == 1
    assert SearchTerm.objects.get(word="chest").documents == 1
    assert SearchTerm.objects.get(word="ache").anagram == "aceh"


@pytest.mark.parametrize(("typed", "meant"), [("chest pian", "chest pain"), ("hartburn", "heartburn")])
def test_a_misspelt_search_shows_the_corrected_results(client, answers, typed, meant):
    """Nothing matches as typed: the correction's results are shown, with a link to search as typed."""
    response = client.get(URL, {"q": typed})
    results = response.context["results"]
    assert (results.query, results.corrected_from) == (meant, typed)
    assert response.context["hits"]
    content = response.content.decode()
    assert f"Showing results for “{meant}”" in content
    assert "spell=0" in content
    as_typed = client.get(URL, {"q": typed, "spell": "0"})
    assert not as_typed.context["hits"]
    assert f"No answers matched “{typed}”" in as_typed.content.decode()


def test_a_search_with_few_results_offers_the_correction_as_a_link(client, answers):
    """Something matches as typed and the correction finds more: "Did you mean" links to it."""
    response = client.get(URL, {"q": "chest or hartburn"})
    assert len(response.context["hits"]) == 1
    assert response.context["results"].suggestion == "chest or heartburn"
    assert (
        'Did you mean <a href="/search/?q=chest%20or%20heartburn">chest or heartburn</a>' in response.content.decode()
    )


def test_known_words_and_nonsense_are_left_alone(client, answers):
    """A word of the vocabulary is never "corrected"; a word near nothing gets no suggestion."""
    response = client.get(URL, {"q": "xylophone"})
    assert response.context["results"].suggestion is None
    assert response.context["results"].corrected_from is None
    assert "No answers matched “xylophone”" in response.content.decode()


def test_a_correction_is_escaped_in_the_page(client, answers):
    """What the reader typed appears escaped in the "search instead" link."""
    content = client.get(URL, {"q": "hartburn <b>"}).content.decode()
    assert "<b>" not in content.split('<main id="main"')[1].split("</main>")[0]


def test_the_vocabulary_is_asked_once_for_every_word(answers):
    """One look-up for all of a query's words; words the vocabulary holds are never corrected."""
    with CaptureQueriesContext(connection) as captured:
        assert corrected_query("chest pian hartburn", {}) == "chest pain heartburn"
    assert len([q for q in captured.captured_queries if "articles_searchterm" in q["sql"]]) == 1
    assert corrected_query("chest heartburn", {}) is None


@pytest.mark.postgres
def test_the_nearest_words_are_the_candidates(requires_postgres, answers):
    """However many vocabulary words are similar, the nearest are looked at: the closest one wins."""
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    vocabulary_record(before="", after=" ".join(f"heartburn{a}{b}" for a in "abc" for b in alphabet))
    assert corrected_query("heartburm", {}) == "heartburn"
