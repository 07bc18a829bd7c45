"""The chief editor's turnaround report: per reviewer and per topic, open and overdue work, as a
page and as CSV; only for those allowed to see it."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from reviews.services import review_decide, review_decline, review_start, review_submit
from tests.factories import make_cited_article, make_user

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def history(editor, topic, reviewer, reviewer2, audiences):
    """One change request after 2 days, one decline, one review overdue by 3 days."""
    start = timezone.now() - timedelta(days=30)
    with time_machine.travel(start, tick=False):
        first = review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)
    with time_machine.travel(start + timedelta(days=2), tick=False):
        review_start(review_request=first, actor=reviewer)
        review_decide(review_request=first, reviewer=reviewer, outcome="request_changes", comment="More detail.")
    with time_machine.travel(start + timedelta(days=13), tick=False):
        second = review_submit(article=make_cited_article(author=editor, topic=topic), actor=editor)
        review_decline(review_request=second, reviewer=second.assignments.get().reviewer, reason="Conflict.")
    return first, second


def test_the_csv_has_a_header_and_a_row_per_reviewer_and_topic(client, chief, history):
    """Decisions, median and mean days to decision, declines, open and overdue work."""
    client.force_login(chief)
    response = client.get("/review/reports/turnaround.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode().splitlines()[0] == (
        "scope,name,decisions,median_days_to_decision,mean_days_to_decision,declined,open,overdue"
    )
    rows = {(r["scope"], r["name"]): r for r in _csv(response)}
    amara = rows[("reviewer", "Dr Amara Okafor")]
    assert (amara["decisions"], amara["median_days_to_decision"], amara["mean_days_to_decision"]) == ("1", "2.0", "2.0")
    declined = [r for r in rows.values() if r["scope"] == "reviewer" and r["declined"] == "1"]
    assert len(declined) == 1
    overdue = [r for r in rows.values() if r["scope"] == "reviewer" and r["overdue"] == "1"]
    assert len(overdue) == 1
    back_pain = rows[("topic", "Back pain")]
    assert (back_pain["decisions"], back_pain["open"], back_pain["overdue"]) == ("1", "1", "1")


def test_the_period_limits_the_decisions_counted(client, chief, history):
    """?days=10 leaves out the decision made 28 days ago."""
    client.force_login(chief)
    rows = {(r["scope"], r["name"]): r for r in _csv(client.get("/review/reports/turnaround.csv?days=10"))}
    assert rows[("reviewer", "Dr Amara Okafor")]["decisions"] == "0"


def test_the_page_shows_the_tables_and_links_the_csv(client, chief, history):
    """The HTML page has both tables, the overdue work and the download link."""
    client.force_login(chief)
    html = client.get("/review/reports/").content.decode()
    assert "By reviewer" in html
    assert "By topic" in html
    assert "Overdue work" in html
    assert "/review/reports/turnaround.csv?days=180" in html


@pytest.mark.parametrize("query", ["days=0", "days=abc", "days=99999"])
def test_a_bad_period_is_400(client, chief, query):
    """Nonsense periods get a clear 400."""
    client.force_login(chief)
    assert client.get(f"/review/reports/?{query}").status_code == 400
    assert client.get(f"/review/reports/turnaround.csv?{query}").status_code == 400


def test_only_those_allowed_see_the_report(client, editor, reviewer):
    """Anonymous users sign in; editors and board members without the permission get 403."""
    assert client.get("/review/reports/turnaround.csv").status_code == 302
    for user in (editor, reviewer):
        client.force_login(user)
        assert client.get("/review/reports/").status_code == 403
        assert client.get("/review/reports/turnaround.csv").status_code == 403


def test_names_that_look_like_formulas_are_quoted(client, chief, editor, audiences):
    """A reviewer's name starting with "=" is written as text, not a spreadsheet formula."""
    from tests.factories import make_board_member

    make_board_member(username="sneaky", display_name="=HYPERLINK(1)")
    review_submit(article=make_cited_article(author=editor), actor=editor)
    client.force_login(chief)
    names = [r["name"] for r in _csv(client.get("/review/reports/turnaround.csv"))]
    assert "'=HYPERLINK(1)" in names


def test_a_superuser_sees_it_too(client):
    """Superusers hold every permission."""
    client.force_login(make_user(username="boss", is_superuser=True, is_staff=True))
    assert client.get("/review/reports/").status_code == 200
