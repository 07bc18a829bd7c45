"""The hostile-input suite: a short sample on every run, the whole corpus with ``-m hostile_full``.

Tests take ``hostile_batch``, a list of corpus values. By default that is one batch, ``SAMPLE``;
the whole corpus is one batch per family, marked ``hostile_full`` and deselected unless the marker
is asked for (``pytest -m hostile_full tests/security``, ``make hostile-full``) or ``HOSTILE_FULL=1`` is set.
"""

import os
from urllib.parse import quote, urlencode

import pytest

from tests import factories

from .corpus import CORPUS, SAMPLE, Hostile

FULL_MARKER = "hostile_full"


def pytest_configure(config):
    config.addinivalue_line("markers", f"{FULL_MARKER}: the whole hostile-input corpus (CI runs it as its own step)")


def _families() -> dict[str, list[Hostile]]:
    families: dict[str, list[Hostile]] = {}
    for hostile in CORPUS:
        families.setdefault(hostile.family, []).append(hostile)
    return families


def pytest_generate_tests(metafunc):
    if "hostile_batch" not in metafunc.fixturenames:
        return
    params = [pytest.param(SAMPLE, id="sample")]
    params += [
        pytest.param(values, id=f"full-{family}", marks=pytest.mark.hostile_full)
        for family, values in _families().items()
    ]
    metafunc.parametrize("hostile_batch", params)


def pytest_collection_modifyitems(config, items):
    wanted = os.environ.get("HOSTILE_FULL") == "1" or FULL_MARKER in (config.option.markexpr or "")
    if wanted:
        return
    deselected = [item for item in items if item.get_closest_marker(FULL_MARKER)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(FULL_MARKER)]


# Sending values as a browser would


def query(**params: str | bytes) -> str:
    return urlencode(params)


def path_segment(value: str | bytes) -> str:
    return quote(value, safe="")


def form_body(data: dict) -> str:
    """application/x-www-form-urlencoded, with bytes sent as they are (invalid UTF-8 included)."""
    pairs = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))
    return urlencode(pairs)


def post_form(client, url: str, data: dict, **extra):
    return client.post(url, form_body(data), content_type="application/x-www-form-urlencoded", **extra)


def problem(response, hostile: Hostile, where: str) -> str | None:
    """Why this answer is unacceptable: a 5xx, or the value reflected unescaped into HTML."""
    if response.status_code >= 500:
        return f"{where}: {response.status_code} for {hostile.id}"
    content_type = response.get("Content-Type", "")
    marker = hostile.reflection_marker
    is_html = "html" in content_type and not getattr(response, "streaming", False)
    if marker and is_html and marker in response.content.decode("utf-8", "replace"):
        return f"{where}: {hostile.id} reflected unescaped"
    return None


class Findings(list):
    """Problems gathered over a batch, so one run reports every failing value and place."""

    def check(self, response, hostile: Hostile, where: str) -> None:
        found = problem(response, hostile, where)
        if found:
            self.append(found)

    def assert_none(self) -> None:
        assert not self, f"{len(self)} problems:\n" + "\n".join(self[:50])


@pytest.fixture
def findings() -> Findings:
    return Findings()


# The site every value is driven through


@pytest.fixture
def hostile_site(db):
    """Audiences, a topic, an approved and a submitted article, references, a reader question, people."""
    from articles.models import EditorialPolicy, ReaderQuestion
    from reviews.services import review_submit

    professional = factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    factories.make_audience(slug="patient", label="Patient or caregiver", order=1)
    topic = factories.make_topic(name="Back pain")
    editor = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    reviewer = factories.make_board_member(username="reviewer1", display_name="Dr Amara Okafor", credentials="MD")
    approved = factories.make_cited_article(author=editor, topic=topic, question="Why does my back hurt?")
    factories.approve(approved, editor=editor, reviewer=reviewer)
    pending = factories.make_cited_article(author=editor, topic=topic, question="Is my neck pain serious?")
    review_request = review_submit(article=pending, actor=editor)
    draft = factories.make_cited_article(author=editor, topic=topic, question="When should I worry about a cough?")
    EditorialPolicy.objects.create(title="Editorial policy", body="We review every answer.")
    ReaderQuestion.objects.create(question="Can I run with knee pain?", article=approved, audience=professional)
    return {
        "editor": editor,
        "reviewer": reviewer,
        "topic": topic,
        "approved": approved,
        "pending": pending,
        "draft": draft,
        "reference": draft.citations.first().reference,  # saving hostile bodies may drop it from the draft
        "review_request": review_request,
    }
