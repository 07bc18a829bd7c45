"""Reading grade of each audience body for editors: Flesch-Kincaid and SMOG, warned above the target."""

from decimal import Decimal

import pytest
import textstat

from articles.models import ArticleBody
from articles.readability import SMOG_SAMPLE_SENTENCES, measure, plain_text
from tests import factories

pytestmark = pytest.mark.django_db

SIMPLE = "Back pain is common. It gets better. Keep moving. Walk each day. See a doctor if it gets worse. " * 3
HARD = (
    "Radiculopathy characteristically manifests as dermatomal paraesthesia accompanied by myotomal weakness, "
    "necessitating comprehensive neurological examination. Electrodiagnostic investigations occasionally "
    "differentiate peripheral entrapment neuropathies from compressive radiculopathies. "
)


def test_plain_text_drops_citations_markup_and_entities():
    """Citation markers, Markdown syntax, tags and entities are not words a reader reads."""
    text = plain_text("## Causes\n\nPain is *common* [@smith2020; @doe] &amp; often **brief**.\n")
    assert text == "Causes. Pain is common & often brief."


def test_plain_text_ends_each_list_item_and_cell_as_a_sentence():
    """List items, headings and table cells without punctuation count as sentences of their own."""
    text = plain_text("- Rest a little\n- Walk every day!\n\n| Sign | Action |\n|---|---|\n| Fever | Call us |\n")
    assert text == "Rest a little. Walk every day! Sign. Action. Fever. Call us."


def test_scores_come_from_textstat_on_the_plain_text():
    """The grades are textstat's Flesch-Kincaid grade and SMOG index of the plain text, rounded."""
    body = "Shingles [@ref1] can cause *back pain* before the rash appears. " * 4
    scores = measure(body)
    text = plain_text(body)
    assert scores.flesch_kincaid_grade == round(textstat.flesch_kincaid_grade(text), 1)
    assert scores.smog_index == round(textstat.smog_index(text), 1)
    assert scores.words == 36  # 9 words, 4 times: the citation marker is not a word


def test_simple_text_scores_low_and_hard_text_high():
    """Short everyday sentences score a low grade; long technical ones a high grade."""
    assert measure(SIMPLE).flesch_kincaid_grade < 4
    assert measure(HARD).flesch_kincaid_grade > 16
    assert measure(HARD).smog_index > measure(SIMPLE).smog_index


def test_above_target_names_each_score_over_the_target():
    """Scores over the audience's target are named; none are without a target or when within it."""
    assert measure(HARD, target_grade=Decimal("8.0")).above_target == ["Flesch-Kincaid grade", "SMOG index"]
    assert measure(SIMPLE, target_grade=Decimal("8.0")).above_target == []
    assert measure(HARD).above_target == []


def test_empty_body_scores_zero_without_error():
    """An empty or markup-only body has no words and no warning."""
    scores = measure("[@ref1]", target_grade=Decimal("6"))
    assert (scores.words, scores.flesch_kincaid_grade, scores.above_target) == (0, 0.0, [])


def test_smog_is_an_estimate_below_thirty_sentences():
    """SMOG was calibrated on 30 sentences: shorter bodies are flagged as estimates."""
    assert measure(SIMPLE).smog_is_estimate
    assert not measure("The back hurts today. " * SMOG_SAMPLE_SENTENCES).smog_is_estimate


@pytest.fixture
def graded_article(professional, patient, editor):
    patient.target_grade = Decimal("8.0")
    patient.save()
    return factories.make_article(author=editor, bodies={"professional": SIMPLE, "patient": HARD})


def _change_page(client, user, article) -> str:
    client.force_login(user)
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_admin_shows_the_grade_of_each_body(client, editor, graded_article):
    """Each body inline on the change page carries a read-only readability line."""
    html = _change_page(client, editor, graded_article)
    for body in ArticleBody.objects.filter(article=graded_article):
        scores = measure(body.body)
        assert f"<strong>Flesch-Kincaid grade</strong> {scores.flesch_kincaid_grade}" in html
        assert f"<strong>SMOG index</strong> {scores.smog_index}" in html
    assert "No target reading grade is set for this audience." in html  # professional


def test_admin_warns_when_a_body_is_above_its_audience_target(client, editor, graded_article):
    """The patient body above grade 8 gets a clear warning naming the scores, the target and the audience."""
    html = _change_page(client, editor, graded_article)
    assert 'class="errorlist readability-warning"' in html
    assert "Warning: Flesch-Kincaid grade and SMOG index above the target grade 8.0 for Patient or caregiver." in html


def test_admin_confirms_a_body_within_its_target(client, editor, professional, patient):
    """A body within its audience's target says so, with no warning."""
    patient.target_grade = Decimal("8.0")
    patient.save()
    article = factories.make_article(author=editor, bodies={"professional": SIMPLE, "patient": SIMPLE})
    html = _change_page(client, editor, article)
    assert "Within the target grade 8.0 for Patient or caregiver." in html
    assert "readability-warning" not in html


def test_readability_is_read_only(client, editor, graded_article):
    """The grade is shown, never an input: posting it changes nothing."""
    html = _change_page(client, editor, graded_article)
    assert 'name="bodies-0-readability"' not in html
