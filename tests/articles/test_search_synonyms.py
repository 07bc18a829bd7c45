"""Editors' synonym groups: kept in the admin, applied to readers' queries, phrase-aware."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import SearchSynonym
from articles.search import ParsedQuery, parse_websearch
from articles.search.synonyms import expand, normal_form, synonym_index
from tests import factories

URL = reverse("articles:search")
GROUPS = [
    ["shoulder blade", "scapula", "interscapular"],
    ["heart attack", "myocardial infarction"],
    ["heartburn", "reflux", "GERD"],
]


def test_a_phrase_in_the_query_becomes_its_group():
    """Consecutive words naming a term (in any plural, stop words aside) become one either-of group."""
    expanded = expand(parse_websearch("pain between the shoulder blades"), synonym_index(GROUPS))
    assert expanded.groups == [["pain"], ["shoulder blades", "shoulder blade", "scapula", "interscapular"]]


def test_a_single_word_and_a_quoted_phrase_are_expanded():
    """A word or a quoted phrase of a group brings the whole group; exclusions are left alone."""
    index = synonym_index(GROUPS)
    assert expand(parse_websearch("gerd -children"), index) == ParsedQuery(
        groups=[["gerd", "heartburn", "reflux"]], excluded=["children"]
    )
    assert expand(parse_websearch('"heart attack" women'), index).groups == [
        ["heart attack", "myocardial infarction"],
        ["women"],
    ]


def test_words_that_only_start_a_term_are_not_expanded():
    """ "heart" alone is not "heart attack"; "attack" after another word is not either."""
    index = synonym_index(GROUPS)
    assert expand(parse_websearch("heart rate"), index).groups == [["heart"], ["rate"]]
    assert expand(parse_websearch("panic attack"), index).groups == [["panic"], ["attack"]]


def test_normal_form_drops_plain_plurals_only():
    assert [normal_form(w) for w in ["blades", "Arteries", "crutches", "virus", "diagnosis", "GERD's"]] == [
        "blade",
        "artery",
        "crutch",
        "virus",
        "diagnosis",
        "gerd",
    ]


@pytest.mark.django_db
def test_a_synonym_finds_answers_that_use_another_term(client, professional):
    """A reader's lay term finds the answer written in clinical words, on either database."""
    article = factories.make_article(question="Pain near the scapula?", bodies={"professional": "About the scapula."})
    factories.make_publication(article)
    assert not client.get(URL, {"q": "shoulder blades"}).context["hits"]
    SearchSynonym.objects.create(terms="shoulder blade\nscapula\ninterscapular")
    hits = client.get(URL, {"q": "pain between the shoulder blades"}).context["hits"]
    assert [hit["publication"].question for hit in hits] == ["Pain near the scapula?"]


@pytest.mark.django_db
def test_editors_keep_synonyms_in_the_admin(client, editor):
    """Editors add a group in the admin; a group of one term or of long sentences is refused with a message."""
    client.force_login(editor)
    add = reverse("admin:articles_searchsynonym_add")
    response = client.post(add, {"terms": "heart attack\nmyocardial infarction", "note": ""})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().term_list == ["heart attack", "myocardial infarction"]
    refused = client.post(add, {"terms": "only one", "note": ""})
    assert refused.status_code == 200
    assert "at least two terms" in refused.content.decode()
    sentence = client.post(add, {"terms": "a\nthis is far too long to be a term of search", "note": ""})
    assert "at most 6 words" in sentence.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "allowed"), [("Editors", True), ("Chief editors", True), ("Advisory board", False)])
def test_who_may_change_synonyms(group, allowed):
    """Editors and chief editors manage synonym groups (config/roles.py); board members do not."""
    user = factories.make_user(groups=(group,), is_staff=True)
    assert user.has_perm("articles.change_searchsynonym") is allowed
    assert user.has_perm("articles.add_searchsynonym") is allowed


@pytest.mark.django_db
def test_a_warm_process_reads_no_synonyms(client, professional):
    """After the first search the groups come from this process's index: no query for them."""
    SearchSynonym.objects.create(terms="heartburn\nreflux")
    client.get(URL, {"q": "reflux"})
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, {"q": "heartburn"})
    assert not [q for q in captured.captured_queries if "articles_searchsynonym" in q["sql"]]


@pytest.mark.django_db
def test_an_edited_or_deleted_group_is_seen_by_the_next_search():
    """Adding, changing or deleting a group is seen by the very next search, however warm the index."""

    def expanded(query: str) -> list[list[str]]:
        return expand(parse_websearch(query), synonym_index()).groups

    assert expanded("reflux") == [["reflux"]]
    group = SearchSynonym.objects.create(terms="heartburn\nreflux")
    assert expanded("reflux") == [["reflux", "heartburn"]]
    group.terms = "reflux\ngerd"
    group.save()
    assert expanded("reflux") == [["reflux", "gerd"]]
    group.delete()
    assert expanded("reflux") == [["reflux"]]
