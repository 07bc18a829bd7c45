"""Plain factory functions for tests: keyword-only overrides, sensible defaults."""

import itertools
from datetime import timedelta

import reversion
from django.contrib.auth.models import Group, User
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleBody, Citation, Publication, RelatedQuestion, Topic
from articles.services import ReviewFacts, ReviewStep, article_lock_for_review, article_publish
from articles.versioning import ArticleContent
from personalization.models import Audience, Language
from references.models import Reference

_seq = itertools.count(1)


def make_user(*, username: str | None = None, groups: tuple[str, ...] = (), is_staff: bool = False, **extra) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        username=username or f"user{n}",
        password="pw",
        email=f"{username or f'user{n}'}@example.org",
        is_staff=is_staff,
        **extra,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_audience(
    *, slug: str = "professional", label: str | None = None, is_default: bool = False, order: int = 0, **extra
) -> Audience:
    audience, _ = Audience.objects.get_or_create(
        slug=slug,
        defaults={
            "label": label or slug.replace("-", " ").title(),
            "description": f"Description for {slug}",
            "disclaimer_title": f"About this information for {slug}",
            "disclaimer_text": f"Disclaimer text for the {slug} audience.",
            "is_default": is_default,
            "order": order,
            **extra,
        },
    )
    return audience


def make_language(*, code: str = "es", name: str = "Spanish", native_name: str = "Español") -> Language:
    """A non-default language (English, the default, is created by the migrations)."""
    config = {"es": "spanish"}.get(code, "simple")
    language, _ = Language.objects.get_or_create(
        code=code, defaults={"name": name, "native_name": native_name, "search_config": config}
    )
    return language


def make_english() -> Language:
    """The default language as the migration creates it (a flushed test database may lack it)."""
    language, _ = Language.objects.get_or_create(
        code="en",
        defaults={"name": "English", "native_name": "English", "search_config": "english", "is_default": True},
    )
    return language


def make_topic(*, name: str | None = None) -> Topic:
    n = next(_seq)
    name = name or f"Topic {n}"
    return Topic.objects.create(name=name, slug=f"topic-{n}", order=n)


def make_reference(*, key: str | None = None, **fields) -> Reference:
    n = next(_seq)
    defaults = {
        "citation_key": key or f"ref{n}",
        "type": Reference.Type.JOURNAL_ARTICLE,
        "title": f"A study of back pain number {n}",
        "authors": "Smith, Jane A\nDoe, John",
        "source": "J Example Med",
        "year": 2020,
        "volume": "12",
        "issue": "3",
        "pages": "100-110",
    }
    defaults.update(fields)
    return Reference.objects.create(**defaults)


def make_article(
    *,
    author: User | None = None,
    topic: Topic | None = None,
    question: str | None = None,
    bodies: dict[str, str] | None = None,
    references: list[Reference] = (),
    related: list[Article] = (),
) -> Article:
    """An article with bodies keyed by audience slug (audiences are created if missing)."""
    n = next(_seq)
    article = Article.objects.create(
        question=question or f"What causes symptom number {n}?",
        slug=f"question-{n}",
        topic=topic or make_topic(),
        summary=f"A short summary of question {n}.",
        author=author or make_user(),
    )
    if bodies is None:
        bodies = {"professional": "Professional answer."}
    for slug, text in bodies.items():
        audience = make_audience(slug=slug, is_default=slug == "professional")
        ArticleBody.objects.create(article=article, audience=audience, body=text)
    for reference in references:
        Citation.objects.create(article=article, reference=reference)
    for order, other in enumerate(related):
        RelatedQuestion.objects.create(article=article, related=other, order=order)
    return article


def make_board_member(
    *,
    username: str | None = None,
    display_name: str | None = None,
    credentials: str = "MD",
    specialty: str = "Internal medicine",
) -> User:
    """A user in the "Advisory board" group with an active BoardMember profile, in ``specialty``."""
    from reviews.services import board_member_save

    user = make_user(username=username, groups=("Advisory board",))
    board_member_save(
        user=user,
        display_name=display_name or f"Dr {user.username.title()}",
        credentials=credentials,
        specialty=specialty,
    )
    return user


def route_topic(topic: Topic, *specialties: str, due_days: int | None = None):
    """Route ``topic``'s articles to members of ``specialties``."""
    from reviews.services import topic_routing_save

    return topic_routing_save(topic=topic, specialties=specialties, due_days=due_days)


def attestation(conflict_of_interest: str = "none") -> dict:
    """The keyword arguments of an approval that confirms the whole active checklist."""
    from reviews.models import AttestationItem

    return {
        "attestation": list(AttestationItem.objects.active().values_list("text", flat=True)),
        "conflict_of_interest": conflict_of_interest,
    }


def approval_form(review_request, *, declaration: str = "", comment: str = "") -> dict:
    """The POST of the approval's confirmation step, every checklist statement ticked."""
    from reviews.forms import checklist_signature
    from reviews.models import AttestationItem

    items = list(AttestationItem.objects.active())
    return {
        "revision": review_request.revision_id,
        "checklist": checklist_signature([item.text for item in items]),
        "items": [item.pk for item in items],
        "conflict": "declare" if declaration else "none",
        "declaration": declaration,
        "comment": comment,
    }


def make_cited_article(*, author: User | None = None, references: int = 2, **kwargs) -> Article:
    """An article whose bodies cite every attached reference, so it passes the integrity checks."""
    refs = [make_reference() for _ in range(references)]
    keys = "; ".join(f"@{r.citation_key}" for r in refs)
    bodies = kwargs.pop("bodies", None) or {
        "professional": f"## Causes\n\nMostly muscular [{keys}].",
        "patient": f"Usually harmless [@{refs[0].citation_key}].",
    }
    return make_article(author=author, bodies=bodies, references=refs, **kwargs)


def approve(
    article: Article, *, editor: User, reviewer: User, change_summary: str | None = None, substantive: bool = False
):
    """Run the real workflow to approval: submit, start review, approve (with the attestation).
    ``reviewer`` must be the one routing assigns (the only eligible member, or the least busy).
    ``change_summary`` None gives a stock one when the article is already published (it is required then)."""
    from reviews.services import review_decide, review_start, review_submit

    if change_summary is None:
        published = Publication.objects.filter(article=article, status=Publication.Status.APPROVED).exists()
        change_summary = "Revised and approved again." if published else ""
    request = review_submit(article=article, actor=editor, change_summary=change_summary, substantive=substantive)
    review_start(review_request=request, actor=reviewer)
    review_decide(review_request=request, reviewer=reviewer, outcome="approve", comment="Accurate.", **attestation())
    request.refresh_from_db()
    return request


REVIEWER = {"name": "Dr Amara Okafor", "credentials": "MD, FACP", "specialty": "Internal medicine"}


def make_publication(article: Article, *, status: str = Publication.Status.APPROVED) -> Publication:
    """Publish the article's current content as the workflow would (a pinned reversion revision).

    A shortcut for tests of the public side; the review workflow's own tests go through reviews/services.py.
    A pending snapshot is made as a submission makes it, so the article is then locked for review.
    """
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
    revision = Version.objects.get_for_object(article).select_related("revision").first().revision
    content = ArticleContent.from_revision(revision, article.pk)
    if status == Publication.Status.PENDING:
        facts = ReviewFacts(review_step=ReviewStep.SUBMITTED, submitted_at=timezone.now())
        article_lock_for_review(article=article, content=content, facts=facts)
        return Publication.objects.get(article=article)
    today = timezone.localdate()
    facts = ReviewFacts(
        review_step=ReviewStep.APPROVED,
        submitted_at=timezone.now(),
        last_reviewed=today,
        next_review_due=today + timedelta(days=365),
        reviewers=[REVIEWER],
    )
    return article_publish(article=article, content=content, facts=facts)


# An answer with a professional and a patient version whose texts tell them apart on a page.
PRO_BODY = "Professional text about lumbar radiculopathy."
PATIENT_BODY = "Patient text about sore backs."


def make_two_version_publication():
    """A published answer with both versions (the ``professional`` and ``patient`` audiences must exist)."""
    return make_publication(make_article(bodies={"professional": PRO_BODY, "patient": PATIENT_BODY}))
