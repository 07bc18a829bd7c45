"""The hostile-input suite: a short sample on every run, the whole corpus with ``-m hostile_full``.

Tests take ``hostile_batch``, a list of corpus values. By default that is one batch, ``SAMPLE``;
the whole corpus is batches of at most ``BATCH_SIZE`` values of one family, marked ``hostile_full``
and deselected unless the marker is asked for (``pytest -m hostile_full tests/security``,
``make hostile-full``) or ``HOSTILE_FULL=1`` is set (CI sets it).
"""

import logging
import os
from urllib.parse import quote, urlencode

import pytest
from django.test.client import ClientHandler

from tests import factories

from .corpus import CORPUS, SAMPLE, Hostile

FULL_MARKER = "hostile_full"
# Values per batch of the whole corpus: 16 batches a test, the longest (15 values through every admin
# list) well under a minute, so that two workers share them evenly; a failure names a family's slice.
BATCH_SIZE = 15


def pytest_configure(config):
    config.addinivalue_line("markers", f"{FULL_MARKER}: the whole hostile-input corpus (CI runs it, HOSTILE_FULL=1)")


def _full_wanted(config) -> bool:
    return os.environ.get("HOSTILE_FULL") == "1" or FULL_MARKER in (config.option.markexpr or "")


def _batches() -> list[tuple[str, list[Hostile]]]:
    """The corpus as (id, values): each family cut into near-equal slices of at most ``BATCH_SIZE``."""
    families: dict[str, list[Hostile]] = {}
    for hostile in CORPUS:
        families.setdefault(hostile.family, []).append(hostile)
    batches = []
    for family, values in families.items():
        count = -(-len(values) // BATCH_SIZE)
        size = -(-len(values) // count)
        for n in range(count):
            name = f"full-{family}" if count == 1 else f"full-{family}-{n + 1}"
            batches.append((name, values[n * size : (n + 1) * size]))
    return batches


def pytest_generate_tests(metafunc):
    if "hostile_batch" not in metafunc.fixturenames:
        return
    # The sample is drawn from the corpus: when the whole corpus runs, the sample would only repeat it.
    params = [] if _full_wanted(metafunc.config) else [pytest.param(SAMPLE, id="sample")]
    params += [pytest.param(values, id=name, marks=pytest.mark.hostile_full) for name, values in _batches()]
    metafunc.parametrize("hostile_batch", params)


# Relative CPU time per hostile value of each test (measured on PostgreSQL, the admin lists = 1): the
# order to run the batches in, the longest first, so that no worker is left with a long batch at the end.
_COST_PER_VALUE = {
    "test_admin_lists_filters_search_and_sorting": 1.0,
    "test_admin_forms": 0.57,
    "test_public_query_parameters_paths_cookies_and_headers": 0.21,
    "test_admin_urls_and_custom_views": 0.18,
    "test_public_forms": 0.15,
    "test_board_review_forms": 0.13,
}


# 100 KB values cost about five times the others (the admin lists' 11 took 131 s of 550).
_FAMILY_WEIGHT = {"huge": 5.0}


def _cost(item) -> float:
    batch = item.callspec.params["hostile_batch"]
    per_value = _COST_PER_VALUE.get(item.originalname, 1.0)
    return per_value * sum(_FAMILY_WEIGHT.get(hostile.family, 1.0) for hostile in batch)


def pytest_collection_modifyitems(config, items):
    if not _full_wanted(config):
        deselected = [item for item in items if item.get_closest_marker(FULL_MARKER)]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = [item for item in items if not item.get_closest_marker(FULL_MARKER)]
        return
    # Whole corpus: its batches first, longest first (xdist hands tests out in this order, one at a
    # time as workers finish), then the rest of the suite, whose short tests even out the end.
    # Every worker collects the same order (a stable sort on the collected order), as xdist requires.
    full = sorted((item for item in items if item.get_closest_marker(FULL_MARKER)), key=_cost, reverse=True)
    rest = [item for item in items if not item.get_closest_marker(FULL_MARKER)]
    items[:] = full + rest


# Sending values as a browser would


class _SignedInHandler(ClientHandler):
    """The test client's handler, with the signed-in user handed to each request as a browser's
    session would hand it. Only who is asking is given: every request still runs the whole
    middleware stack (the control-character refusal included), the URL resolver and the view."""

    def __init__(self, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_response(self, request):
        request._cached_user = self.user  # what AuthenticationMiddleware would load from the session
        return super().get_response(request)


def sign_in(client, user):
    """Send ``client``'s requests as ``user``, read once with its permissions.

    A session costs four queries a request (session, user, the user's and the group's permissions):
    a third of each admin request, and nothing to do with the hostile value, which reaches neither.
    The user is read once and its permissions cached, as ``has_perm`` caches them on the object.
    Cookies, headers and sign-in with hostile values are tested through real sessions
    (test_public_hostile.py).
    """
    user.get_all_permissions()
    client.handler = _SignedInHandler(user, enforce_csrf_checks=client.handler.enforce_csrf_checks)
    return client


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Django logs every 4xx as a warning, with its traceback formatted twice (the console handler
    and pytest's capture): a twentieth of each admin request's time. Errors (5xx) are still logged."""
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


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
    """Audiences, two topics, an approved and a submitted article, references, a reader question, people."""
    from articles.models import EditorialPolicy, ReaderQuestion
    from reviews.services import review_submit

    professional = factories.make_audience(slug="professional", label="Healthcare professional", is_default=True)
    factories.make_audience(slug="patient", label="Patient or caregiver", order=1)
    topic = factories.make_topic(name="Back pain")
    factories.make_topic(name="Knee pain")  # with two topics, the article lists show their topic filter
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
