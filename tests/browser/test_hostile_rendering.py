"""XSS payloads in every field an editor (or a reader) writes, rendered in Chromium on every page that shows it.

Part of the hostile-input suite (tests/security): the payloads are its corpus. A page fails on
any dialog, any console error or uncaught exception, or any global that injected code created.
"""

import pytest

from articles.models import EditorialPolicy, ReaderQuestion
from tests import factories
from tests.browser.conftest import login
from tests.security.corpus import XSS_PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WATCH = "window.__baselineGlobals = Object.getOwnPropertyNames(window);"
# Globals that the scripts we serve define on purpose (Django's admin sidebar); anything else is injected.
OWN_GLOBALS = [
    "__baselineGlobals",
    "initSidebarQuickFilter",
    # Django's JavaScript translation catalog (admin:jsi18n), which the article editor's script uses.
    *("django", "pluralidx", "gettext", "ngettext", "gettext_noop", "pgettext", "npgettext", "interpolate"),
    "get_format",
]
NEW_GLOBALS = f"""() => Object.getOwnPropertyNames(window).filter(
    (name) => !window.__baselineGlobals.includes(name) && !{OWN_GLOBALS!r}.includes(name))"""


def chunks(limit: int) -> list[str]:
    """Every payload, packed into strings of at most ``limit`` characters (one field each)."""
    groups, current = [], ""
    for payload in XSS_PAYLOADS:
        payload = payload[:limit]
        if current and len(current) + 1 + len(payload) > limit:
            groups.append(current)
            current = ""
        current = f"{current} {payload}".strip()
    return [*groups, current] if current else groups


def body_with_every_payload(keys: list[str]) -> str:
    cites = "; ".join(f"@{key}" for key in keys)
    return "\n\n".join([f"Cited [{cites}].", *XSS_PAYLOADS])


@pytest.fixture
def poisoned(db):
    """A site where every editor-written field holds payloads: articles, references, topic, audiences, board, policy."""
    from reviews.services import review_submit

    audience_fields = chunks(80)
    factories.make_audience(
        slug="professional",
        label=audience_fields[0],
        is_default=True,
        description=chunks(200)[0],
        disclaimer_title=chunks(120)[0],
        disclaimer_text="\n\n".join(XSS_PAYLOADS),
    )
    factories.make_audience(slug="patient", label=audience_fields[1], order=1)
    topic = factories.make_topic(name=chunks(100)[0])
    editor = factories.make_user(username="editor", groups=("Editors",), is_staff=True)
    factories.make_board_member(username="reviewer1", display_name=chunks(120)[0], credentials=chunks(80)[1])
    questions, summaries, sources = chunks(300), chunks(600), chunks(300)
    references = [
        factories.make_reference(key=f"xss{n}", title=title, authors=title, source=sources[n % len(sources)])
        for n, title in enumerate(chunks(500))
    ]
    keys = [r.citation_key for r in references]
    publications = []
    for n, question in enumerate(questions):
        article = factories.make_article(
            author=editor,
            topic=topic,
            question=question,
            bodies={"professional": body_with_every_payload(keys), "patient": body_with_every_payload(keys[:1])},
            references=references,
        )
        article.summary = summaries[n % len(summaries)]
        article.save()
        publications.append(factories.make_publication(article))
    pending = factories.make_article(
        author=editor, topic=topic, question=questions[0], bodies={"professional": body_with_every_payload(keys)}
    )
    for reference in references:
        pending.citations.create(reference=reference)
    review_request = review_submit(article=pending, actor=editor)
    EditorialPolicy.objects.create(title=chunks(200)[0], body="\n\n".join(XSS_PAYLOADS))
    for question in chunks(1000):
        ReaderQuestion.objects.create(question=question, article=pending)
    return {"publications": publications, "review_request": review_request, "article": pending, "ref": references[0]}


class Watcher:
    """Dialogs, console errors and uncaught exceptions of the page, gathered per visit."""

    def __init__(self, page):
        self.page, self.seen = page, []
        page.add_init_script(WATCH)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.seen.append(f"uncaught: {error}"))
        page.on(
            "console",
            lambda msg: self.seen.append(f"console: {msg.text} {msg.location['url']}") if msg.type == "error" else None,
        )

    def _dialog(self, dialog) -> None:
        self.seen.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def visit(self, url: str, *, clean: str | None = None) -> list[str]:
        """Load ``url``, give hover and focus handlers their chance, report what injected code did.

        ``clean``: a page that loads the same scripts without the poisoned data (the admin's own
        scripts define globals: jQuery, the editor's bundle); only globals beyond it are reported.
        """
        expected: set[str] = set()
        if clean is not None:
            self.page.goto(clean)
            expected = set(self.page.evaluate(NEW_GLOBALS))
        self.seen = []
        response = self.page.goto(url)
        assert response.status < 400, (url, response.status)
        self.page.mouse.move(300, 300)
        self.page.keyboard.press("Tab")
        self.page.wait_for_timeout(100)
        new = [name for name in self.page.evaluate(NEW_GLOBALS) if name not in expected]
        return [*self.seen, *(f"new global: {name}" for name in new)]


def test_payloads_in_every_editor_field_never_run(page, poisoned):
    """Public pages, the board's review page and the editors' admin pages: no dialog, error or new global."""
    watcher = Watcher(page)
    public = [p.get_absolute_url() for p in poisoned["publications"][:3]]
    public += [
        f"{poisoned['publications'][0].get_absolute_url()}?audience=patient",
        "/",
        f"/topics/{poisoned['publications'][0].topic.slug}/",
        "/search/?q=alert",
        "/ask/",
        "/editorial-policy/",
        "/advisory-board/",
    ]
    problems = {url: watcher.visit(url) for url in public}
    login(page, "reviewer1")
    for url in (f"/review/{poisoned['review_request'].pk}/", "/review/"):
        problems[url] = watcher.visit(url)
    page.context.clear_cookies()
    login(page, "editor")
    article, ref = poisoned["article"], poisoned["ref"]
    nothing = "?q=no-such-entry-at-all"  # the same list page, its scripts, none of the poisoned rows
    poisoned_question = ReaderQuestion.objects.first()
    plain_question = ReaderQuestion.objects.create(question="A plain question about sore knees?")
    for url, clean in [
        ("/admin/articles/article/", f"/admin/articles/article/{nothing}"),
        (f"/admin/articles/article/{article.pk}/change/", "/admin/articles/article/add/"),
        (f"/admin/articles/article/{article.pk}/history/", None),
        ("/admin/references/reference/", f"/admin/references/reference/{nothing}"),
        (f"/admin/references/reference/{ref.pk}/change/", "/admin/references/reference/add/"),
        ("/admin/articles/readerquestion/", f"/admin/articles/readerquestion/{nothing}"),
        (
            f"/admin/articles/readerquestion/{poisoned_question.pk}/change/",
            f"/admin/articles/readerquestion/{plain_question.pk}/change/",
        ),
        ("/admin/personalization/audience/", f"/admin/personalization/audience/{nothing}"),
        ("/admin/articles/topic/", f"/admin/articles/topic/{nothing}"),
        ("/admin/reviews/reviewrequest/", f"/admin/reviews/reviewrequest/{nothing}"),
        ("/admin/reviews/boardmember/", f"/admin/reviews/boardmember/{nothing}"),
    ]:
        problems[url] = watcher.visit(url, clean=clean)
    found = {url: issues for url, issues in problems.items() if issues}
    assert not found, found


def test_the_watcher_sees_what_injected_code_does(page, live_server):
    """The hooks work: a dialog, an uncaught error and a new global are all reported."""
    watcher = Watcher(page)
    assert watcher.visit("/healthz") == []
    page.evaluate("() => { window.__pwned = 1; setTimeout(() => { throw new Error('boom'); }); alert('xss'); }")
    page.wait_for_timeout(100)
    found = [*watcher.seen, *page.evaluate(NEW_GLOBALS)]
    assert "dialog: xss" in found
    assert any("boom" in item for item in found)
    assert "__pwned" in found
