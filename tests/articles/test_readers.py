"""Readers' questions (/ask/, suggestions, abuse limits), the editors' inbox, and related questions."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse

from articles.models import Article, ArticleBody, Publication, ReaderQuestion, RelatedQuestion
from articles.services.reader_questions import READER_QUESTION_SUMMARY
from tests import factories

pytestmark = pytest.mark.django_db

ASK = reverse("articles:ask")
SUGGEST = reverse("articles:ask_suggestions")
QUESTION = "Can I keep running with mild knee pain after a long walk?"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit lives in the cache: every test starts with a clean allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public(professional, patient):
    article = factories.make_article(
        question="Is knee pain after running serious?", bodies={"professional": "Runner's knee is common."}
    )
    return factories.make_publication(article)


# The question form


def test_ask_page_is_a_plain_form(client, professional):
    """/ask/ works without JavaScript: a labelled textarea, a submit button, no personal fields, and no
    per-reader token (the page is shared; personalization.cross_site guards the post)."""
    html = client.get(ASK).content.decode()
    assert '<label for="id_question">' in html
    assert 'name="csrfmiddlewaretoken"' not in html
    assert 'type="submit"' in html
    for personal in ('name="email"', 'name="name"', 'type="email"'):
        assert personal not in html


def test_every_article_ends_with_the_follow_up_form(client, public):
    """The article page carries "Have a follow-up question?" posting to /ask/ with the article's slug."""
    html = client.get(public.get_absolute_url()).content.decode()
    form = html[html.index('id="follow-up"') :]
    assert "Have a follow-up question?" in form
    assert f'action="{ASK}"' in form
    assert f'name="article" value="{public.slug}"' in form
    assert f'data-suggest-url="{SUGGEST}"' in form


def test_a_question_from_the_patient_version_is_stored_as_patient(client, public):
    """The form carries the audience of the version read; a reader without the cookie who read
    ?audience=patient is stored as patient, not as the default audience."""
    html = client.get(f"{public.get_absolute_url()}?audience=patient").content.decode()
    form = html[html.index('id="follow-up"') :]
    assert 'name="audience" value="patient"' in form
    client.post(ASK, {"question": QUESTION, "article": public.slug, "audience": "patient"})
    assert ReaderQuestion.objects.get().audience.slug == "patient"


@pytest.mark.parametrize("value", ["martian", "<script>", "pat ient", "x" * 150])
def test_an_unknown_audience_in_the_form_is_ignored(client, public, value):
    """A tampered audience is no error: the reader's own audience (here the default) is stored."""
    response = client.post(ASK, {"question": QUESTION, "article": public.slug, "audience": value})
    assert response.status_code == 302
    assert ReaderQuestion.objects.get().audience.slug == "professional"


def test_question_from_an_article_is_stored_with_it_and_thanked(client, public):
    """A question sent from an article is stored, linked to the article and audience, then a thank-you page."""
    response = client.post(ASK, {"question": QUESTION, "article": public.slug}, HTTP_COOKIE="audience=patient")
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:ask_thanks")
    stored = ReaderQuestion.objects.get()
    assert stored.question == QUESTION
    assert stored.article == public.article
    assert stored.audience.slug == "patient"
    assert stored.status == ReaderQuestion.Status.NEW
    thanks = client.get(response["Location"])
    assert "Thank you for your question" in thanks.content.decode()


def test_no_personal_data_is_stored(client, public):
    """Nothing about the reader (address, agent, cookies) reaches the database: only the question."""
    client.post(ASK, {"question": QUESTION}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Secret Browser 1.0")
    row = ReaderQuestion.objects.values().get()
    assert set(row) == {"id", "question", "article_id", "audience_id", "status", "draft_id", "created_at"}
    assert "203.0.113.9" not in str(row)
    assert "Secret Browser" not in str(row)


def test_question_from_an_unknown_or_non_public_article_is_kept_without_link(client, professional):
    """A bogus or draft article slug never fails the form: the question is kept, linked to nothing."""
    draft = factories.make_article()
    for slug in ("no-such-article", draft.slug, "<script>"):
        assert client.post(ASK, {"question": QUESTION, "article": slug}).status_code == 302
    assert list(ReaderQuestion.objects.values_list("article", flat=True)) == [None, None, None]


def test_whitespace_is_tidied(client, professional):
    """Runs of spaces and line breaks collapse to single spaces."""
    client.post(ASK, {"question": "  Why   does\r\n my   back\tache   at night?  "})
    assert ReaderQuestion.objects.get().question == "Why does my back ache at night?"


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "Please type your question."),
        ("   \n\t ", "Please type your question."),
        ("Why?", "Please ask in at least 10 characters"),
        ("x" * 1001, "Please keep your question under 1000 characters (it has 1001)."),
        ("Why does it hurt\x00 at night?", "Your question contains characters we cannot store."),
    ],
)
def test_bad_questions_are_400_with_a_message_and_nothing_stored(client, professional, question, message):
    """Empty, too short, too long or NUL-laden questions: 400, a clear message next to the field, nothing stored."""
    response = client.post(ASK, {"question": question})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not ReaderQuestion.objects.exists()


def test_honeypot_looks_like_success_and_stores_nothing(client, professional):
    """A bot that fills the hidden "website" field is thanked and nothing is stored."""
    response = client.post(ASK, {"question": QUESTION, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:ask_thanks")
    assert not ReaderQuestion.objects.exists()


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, professional):
    """The honeypot is out of sight, out of the tab order and hidden from screen readers."""
    html = client.get(ASK).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" tabindex="-1" autocomplete="off"' in html


def test_rate_limit_per_address_is_429(client, settings, professional):
    """Past the hourly allowance an address gets 429 and a message; others are unaffected."""
    settings.FOLLOW_UP_RATE_LIMIT = 2
    for n in range(2):
        assert client.post(ASK, {"question": f"{QUESTION} {n}"}, REMOTE_ADDR="198.51.100.1").status_code == 302
    refused = client.post(ASK, {"question": QUESTION}, REMOTE_ADDR="198.51.100.1")
    assert refused.status_code == 429
    assert "You have sent several questions in the last hour" in refused.content.decode()
    assert ReaderQuestion.objects.count() == 2
    assert client.post(ASK, {"question": QUESTION}, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_rate_limit_keeps_no_address_in_the_cache_key(client, settings, professional):
    """The cache key is a salted hash: the address itself is stored nowhere."""
    client.post(ASK, {"question": QUESTION}, REMOTE_ADDR="198.51.100.77")
    keys = list(cache._cache.keys())
    assert keys
    assert not any("198.51.100.77" in key for key in keys)


def test_behind_the_proxy_the_forwarded_address_is_limited(client, settings, professional):
    """With DJANGO_BEHIND_PROXY, readers behind one load balancer are told apart by X-Forwarded-For."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.FOLLOW_UP_RATE_LIMIT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(ASK, {"question": QUESTION}, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy).status_code == 302
    assert client.post(ASK, {"question": QUESTION}, HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code == 302
    assert client.post(ASK, {"question": QUESTION}, HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code == 429


def test_ask_refuses_other_methods(client, professional):
    """Only GET and POST make sense on /ask/."""
    assert client.put(ASK).status_code == 405


# Suggestions while typing


def test_suggestions_offer_public_answers_matching_the_words(client, public):
    """/ask/suggestions/ returns public answers sharing words with the question, as JSON."""
    data = client.get(SUGGEST, {"q": "knee pain when running"}).json()
    assert data == {"results": [{"question": public.question, "url": public.get_absolute_url(), "pending": False}]}


def test_suggestions_never_offer_drafts_or_retired_answers(client, public):
    """Only what readers may open is suggested."""
    factories.make_article(question="Draft on knee pain?", bodies={"professional": "knee"})
    retired = factories.make_publication(factories.make_article(question="Retired knee answer?"))
    retired.article.control.retired_at = retired.published_at
    retired.article.control.save()
    questions = [r["question"] for r in client.get(SUGGEST, {"q": "knee"}).json()["results"]]
    assert questions == [public.question]


@pytest.mark.parametrize("query", ["", "ab", "the and of", "\x00\x00\x00", "x" * 10_000, "'; DROP TABLE x; --"])
def test_suggestions_answer_odd_input_calmly(client, public, query):
    """Short, stop-word, control-character, huge or SQL-like input: 200 and a (maybe empty) list."""
    response = client.get(SUGGEST, {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_question_pages_load_the_suggestion_script(client, public):
    """ask.js, the progressive enhancement, is loaded on /ask/ and on articles."""
    for url in (ASK, public.get_absolute_url()):
        assert 'src="/static/js/ask.js" defer' in client.get(url).content.decode()


# The editors' inbox


@pytest.fixture
def inbox(public):
    asked = ReaderQuestion.objects.create(question=QUESTION, article=public.article)
    other = ReaderQuestion.objects.create(question="Do I need an X-ray for a sprained ankle?")
    dismissed = ReaderQuestion.objects.create(question="Spam spam spam", status=ReaderQuestion.Status.DISMISSED)
    return {"asked": asked, "other": other, "dismissed": dismissed}


CHANGELIST = reverse("admin:articles_readerquestion_changelist")


def _convert_url(question: ReaderQuestion) -> str:
    return reverse("admin:articles_readerquestion_convert", args=[question.pk])


def test_inbox_lists_questions_for_editors(client, editor, inbox):
    """Editors see every question with its status, the article it came from and a convert button."""
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert QUESTION in html
    assert "Do I need an X-ray" in html
    assert "Is knee pain after running serious?" in html
    assert f'formaction="{_convert_url(inbox["asked"])}" formmethod="post"' in html


def test_inbox_filters_by_status_and_searches(client, editor, inbox):
    """The list filters by status and searches the question text."""
    client.force_login(editor)
    new = client.get(CHANGELIST, {"status__exact": "new"}).content.decode()
    assert QUESTION in new
    assert "Spam spam spam" not in new
    found = client.get(CHANGELIST, {"q": "ankle"}).content.decode()
    assert "Do I need an X-ray" in found
    assert QUESTION not in found


def test_question_text_is_read_only_and_nothing_can_be_added(client, editor, inbox):
    """Editors cannot edit what a reader wrote, nor invent questions."""
    client.force_login(editor)
    html = client.get(reverse("admin:articles_readerquestion_change", args=[inbox["asked"].pk])).content.decode()
    assert 'name="question"' not in html
    assert QUESTION in html
    assert client.get(reverse("admin:articles_readerquestion_add")).status_code == 403


def test_editor_turns_a_question_into_a_draft_in_one_click(client, editor, inbox, public):
    """The row button creates a draft (question as title, source topic, editor as author, stub body) and opens it."""
    client.force_login(editor)
    response = client.post(_convert_url(inbox["asked"]))
    question = ReaderQuestion.objects.get(pk=inbox["asked"].pk)
    draft = question.draft
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])
    assert question.status == ReaderQuestion.Status.CONVERTED
    assert draft.question == QUESTION
    assert draft.slug == "can-i-keep-running-with-mild-knee-pain-after-a-long-walk"
    assert draft.topic == public.topic
    assert draft.author == editor
    assert draft.summary == READER_QUESTION_SUMMARY
    body = ArticleBody.objects.get(article=draft)
    assert body.audience.is_default
    assert QUESTION in body.body
    assert not hasattr(draft, "publication") or not Publication.objects.filter(article=draft).exists()


def test_draft_without_a_source_article_takes_the_first_topic(client, editor, inbox):
    """A question asked from /ask/ itself gets the first topic."""
    from articles.models import Topic

    client.force_login(editor)
    client.post(_convert_url(inbox["other"]))
    draft = ReaderQuestion.objects.get(pk=inbox["other"].pk).draft
    assert draft.topic == Topic.objects.first()


def test_drafts_get_unique_slugs(client, editor, professional, topic):
    """Two identical questions become two drafts with different slugs."""
    first = ReaderQuestion.objects.create(question=QUESTION)
    second = ReaderQuestion.objects.create(question=QUESTION)
    client.force_login(editor)
    client.post(_convert_url(first))
    client.post(_convert_url(second))
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == [
        "can-i-keep-running-with-mild-knee-pain-after-a-long-walk",
        "can-i-keep-running-with-mild-knee-pain-after-a-long-walk-2",
    ]


def test_long_questions_are_shortened_for_the_title(client, editor, professional, topic):
    """The title fits the 300-character question field; the whole question stays in the stub body."""
    long_question = "Why does my back hurt " * 30
    question = ReaderQuestion.objects.create(question=long_question.strip())
    client.force_login(editor)
    client.post(_convert_url(question))
    draft = ReaderQuestion.objects.get(pk=question.pk).draft
    assert len(draft.question) <= 300
    assert draft.question.endswith("…")
    assert long_question.strip() in ArticleBody.objects.get(article=draft).body


def test_converting_twice_makes_one_draft(client, editor, inbox):
    """A second click (or a second editor) is told it is done; no second draft appears."""
    client.force_login(editor)
    client.post(_convert_url(inbox["asked"]))
    response = client.post(_convert_url(inbox["asked"]), follow=True)
    assert "already been turned into a draft" in response.content.decode()
    assert Article.objects.filter(question=QUESTION).count() == 1


def test_the_action_converts_selected_questions(client, editor, inbox):
    """The "Turn into draft articles" action converts and opens the draft when one question is selected."""
    client.force_login(editor)
    response = client.post(
        CHANGELIST, {"action": "convert_to_drafts", "_selected_action": [inbox["asked"].pk], "index": 0}
    )
    draft = ReaderQuestion.objects.get(pk=inbox["asked"].pk).draft
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[draft.pk])


def test_conversion_is_refused_without_add_article(client, inbox):
    """Staff who may only read articles see no button or action, and a forged post is 403 with nothing created."""
    reader = factories.make_user(is_staff=True)
    reader.user_permissions.add(
        Permission.objects.get(codename="view_readerquestion"), Permission.objects.get(codename="view_article")
    )
    client.force_login(reader)
    html = client.get(CHANGELIST).content.decode()
    assert "Turn into draft" not in html
    assert "convert_to_drafts" not in html
    assert client.post(_convert_url(inbox["asked"])).status_code == 403
    response = client.post(CHANGELIST, {"action": "convert_to_drafts", "_selected_action": [inbox["asked"].pk]})
    assert response.status_code in (200, 302, 403)
    assert not Article.objects.filter(question=QUESTION).exists()
    assert ReaderQuestion.objects.get(pk=inbox["asked"].pk).status == ReaderQuestion.Status.NEW


def test_convert_url_refuses_get(client, editor, inbox):
    """Creating a draft is a POST; a GET (a prefetched link) changes nothing."""
    client.force_login(editor)
    assert client.get(_convert_url(inbox["asked"])).status_code == 405
    assert not ReaderQuestion.objects.filter(status=ReaderQuestion.Status.CONVERTED).exists()


def test_dismiss_action(client, editor, inbox):
    """Editors can dismiss questions that need no article."""
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "dismiss", "_selected_action": [inbox["other"].pk], "index": 0})
    assert ReaderQuestion.objects.get(pk=inbox["other"].pk).status == ReaderQuestion.Status.DISMISSED


# Related questions


def test_readers_see_only_public_related_questions(client, settings, professional):
    """Curated links to a draft, a retired or (when hidden) a pending article are left out of the page."""
    public = factories.make_publication(factories.make_article(question="Public related?"))
    draft = factories.make_article(question="Draft related?")
    retired = factories.make_publication(factories.make_article(question="Retired related?"))
    pending = factories.make_publication(
        factories.make_article(question="Pending related?"), status=Publication.Status.PENDING
    )
    article = factories.make_article(
        question="Main question?", related=[draft, retired.article, public.article, pending.article]
    )
    main = factories.make_publication(article)
    retired.article.control.retired_at = retired.published_at
    retired.article.control.save()
    html = client.get(main.get_absolute_url()).content.decode()
    section = html[html.index('id="related-questions"') : html.index('id="disclaimer"')]
    assert "Public related?" in section
    assert "Pending related?" in section
    assert "Draft related?" not in section
    assert "Retired related?" not in section
    settings.PUBLISH_PENDING_REVIEW = False
    html = client.get(main.get_absolute_url()).content.decode()
    assert "Pending related?" not in html


def test_no_related_section_when_none_is_public(client, professional):
    """An article whose only related question is a draft shows no empty "Related questions" heading."""
    article = factories.make_article(related=[factories.make_article()])
    html = client.get(factories.make_publication(article).get_absolute_url()).content.decode()
    assert 'id="related-questions"' not in html


def test_related_questions_follow_the_approved_workflow(client, professional, editor, reviewer):
    """Through the real review workflow: the related link readers see is the one the board approved."""
    other = factories.make_cited_article(author=editor, question="Is neck pain serious?")
    factories.approve(other, editor=editor, reviewer=reviewer)
    article = factories.make_cited_article(author=editor, question="Why does my shoulder hurt?")
    RelatedQuestion.objects.create(article=article, related=other)
    factories.approve(article, editor=editor, reviewer=reviewer)
    html = client.get(Publication.objects.get(article=article).get_absolute_url()).content.decode()
    assert "Is neck pain serious?" in html[html.index('id="related-questions"') :]


def test_admin_suggests_similar_public_answers(client, editor, professional):
    """The article change page lists similar public answers not linked yet, never itself or drafts."""
    knee = factories.make_publication(factories.make_article(question="Why does my knee hurt when running?"))
    linked = factories.make_publication(factories.make_article(question="Is knee swelling after running normal?"))
    factories.make_publication(factories.make_article(question="When is chest pain an emergency?"))
    factories.make_article(question="Draft about knee running pain?")
    article = factories.make_article(author=editor, question="What helps knee pain from running?")
    RelatedQuestion.objects.create(article=article, related=linked.article)
    factories.make_publication(article)
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    section = html[html.index("Suggested related questions") :]
    section = section[: section.index("</fieldset>")]
    assert knee.question in section
    assert reverse("admin:articles_article_change", args=[knee.article_id]) in section
    assert "Is knee swelling after running normal?" not in section  # already linked
    assert "What helps knee pain from running?" not in section  # itself
    assert "Draft about knee running pain?" not in section
    chest = section.find("When is chest pain an emergency?")  # shares only "pain": ranked lower, if at all
    assert chest == -1 or section.index(knee.question) < chest
