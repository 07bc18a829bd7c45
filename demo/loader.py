"""Load the demo content files through the project's services, so revisions, audit rows and
snapshots are genuine and the demo proves the same paths editors and reviewers use.

Nothing here writes a table directly: audiences, topics, the policy, articles, references,
board members and every workflow step go through the owning app's services (users and groups
through Django's auth API). History is dated: each article is written, submitted and decided
on its own day in the past, with the clock moved by time-machine while the services run. The
articles in ``history.yaml`` are approved twice (an earlier version, then the file's text with a
change summary), so the public version history has something to show. The translations of
``translations.yaml`` are written with their articles, before review; one of those articles is
then revised in English only, so its translation shows as outdated.
"""

import json
from collections.abc import Callable
from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from articles.exchange import ArticleFile
from articles.models import Article, EditorialPolicy, Topic
from articles.services import (
    article_create,
    article_revise,
    article_set_related,
    article_translation_save,
    editorial_policy_save,
    search_synonym_ensure,
    topic_save,
)
from personalization.models import Audience
from personalization.services import audience_save, language_save
from references.models import Reference
from references.services import reference_import
from reviews.models import Assignment, AttestationItem, ReviewDecision
from reviews.services import (
    board_member_save,
    review_decide,
    review_start,
    review_submit,
    topic_routing_save,
)

from .content import (
    DemoRevision,
    DemoSite,
    load_articles,
    load_history,
    load_site,
    load_synonyms,
    load_translations,
    references_text,
    without_sections,
)

# One approved article was last reviewed more than a year ago, to show the honest overdue notice.
OVERDUE_SLUG = "chronic-cough-adults"
OVERDUE_DAYS_AGO = 400
# The others are written over the last few months, one every 9 days, newest last.
NEWEST_DAYS_AGO = 6
SPACING_DAYS = 9


class DemoLoader:
    def __init__(self, *, log: Callable[[str], None] = print):
        self.log = log
        self.debug = settings.DEBUG

    def run(self) -> dict:
        site, articles = load_site(), load_articles()
        with transaction.atomic():
            audiences = self.load_audiences(site)
            topics = self.load_topics(site)
            users = self.load_users(site)
            self.load_policy(site, users["editor"])
            self.load_board(site, users)
            self.load_references()
            self.load_synonyms()
            languages = {"es": language_save(code="es", name="Spanish", native_name="Español", search_config="spanish")}
        history, translations = load_history(), load_translations()
        existing = set(Article.objects.filter(slug__in=[a.slug for a in articles]).values_list("slug", flat=True))
        new = [a for a in articles if a.slug not in existing]
        created = {}
        for i, data in enumerate(new, 1):
            self.log(f"  [{i}/{len(new)}] {data.state:<17} {data.slug}")
            with time_machine.travel(self._written_on(data, articles)), transaction.atomic():
                created[data.slug] = self.write(data, audiences, topics, users["editor"], history.get(data.slug))
                for translated in translations.get(data.slug, []):
                    article_translation_save(
                        article=created[data.slug],
                        language=languages[translated.language],
                        actor=users["editor"],
                        question=translated.question,
                        summary=translated.summary,
                        bodies={audiences[slug]: text for slug, text in translated.bodies.items()},
                        comment="Demo translation",
                    )
        self.link_related(new, created, users["editor"])
        for data in new:
            with time_machine.travel(self._written_on(data, articles) + timedelta(days=2)):
                self.run_workflow(data, created[data.slug], users)
            revision = history.get(data.slug)
            if revision is not None and data.state == "approved":
                with time_machine.travel(
                    self._written_on(data, articles) + timedelta(days=revision.revised_after_days)
                ):
                    self.revise(data, created[data.slug], revision, audiences, users)
        return {"articles": len(new), "skipped": len(articles) - len(new)}

    @staticmethod
    def _written_on(data: ArticleFile, articles: list[ArticleFile]):
        days = OVERDUE_DAYS_AGO if data.slug == OVERDUE_SLUG else NEWEST_DAYS_AGO
        if data.slug != OVERDUE_SLUG:
            days += SPACING_DAYS * (len(articles) - 1 - articles.index(data))
        return timezone.now() - timedelta(days=days)

    def load_audiences(self, site: DemoSite) -> dict[str, Audience]:
        return {
            a.slug: audience_save(
                slug=a.slug,
                label=a.label,
                description=a.description,
                disclaimer_title=a.disclaimer_title,
                disclaimer_text=a.disclaimer_text,
                target_grade=a.target_grade,
                is_default=a.is_default,
                order=a.order,
            )
            for a in site.audiences
        }

    def load_topics(self, site: DemoSite) -> dict[str, Topic]:
        """Topics, each routed to the board members of its specialties (``review_by``)."""
        topics = {}
        for order, t in enumerate(site.topics):
            topics[t.slug] = topic_save(slug=t.slug, name=t.name, description=t.description, order=order)
            topic_routing_save(topic=topics[t.slug], specialties=t.review_by)
        return topics

    def load_policy(self, site: DemoSite, editor: User) -> None:
        if not EditorialPolicy.objects.exists():
            editorial_policy_save(title=site.policy_title, body=site.policy_body, actor=editor)

    def _user(
        self, username: str, *, groups: tuple[str, ...], staff: bool = False, superuser: bool = False, name: str = ""
    ) -> User:
        first, _sep, last = name.partition(" ")
        user, _created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.first_name, user.last_name = first, last
        user.is_staff, user.is_superuser = staff or superuser, superuser
        # Demo logins exist only in development: elsewhere these users own demo content but have
        # no usable password, so nobody can sign in as them.
        if self.debug:
            user.set_password(settings.DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    def load_users(self, site: DemoSite) -> dict[str, User]:
        users = {"editor": self._user("editor", groups=("Editors",), staff=True, name="Eliza Editor")}
        for member in site.board:
            users[member.username] = self._user(
                member.username, groups=("Advisory board",), name=member.display_name.removeprefix("Dr ")
            )
        if self.debug:
            users["chief"] = self._user("chief", groups=("Chief editors",), superuser=True, name="Chidi Chief")
        return users

    def load_board(self, site: DemoSite, users: dict[str, User]) -> None:
        for order, m in enumerate(site.board):
            board_member_save(
                user=users[m.username],
                display_name=m.display_name,
                credentials=m.credentials,
                specialty=m.specialty,
                bio=m.bio,
                order=order,
            )

    def load_synonyms(self) -> None:
        """The search synonym groups of ``synonyms.txt`` the site lacks (editors may have added more)."""
        added = [group for terms in load_synonyms() if (group := search_synonym_ensure(terms=[t for t in terms if t]))]
        if added:
            self.log(f"  {len(added)} search synonym groups added")

    def load_references(self) -> None:
        """Import the demo's CSL-JSON file through the importer, skipping keys the library already has
        (an editor may have changed them since)."""
        items = json.loads(references_text())
        existing = set(Reference.objects.values_list("citation_key", flat=True))
        new = [item for item in items if item["id"].lower() not in existing]
        if new:
            result = reference_import(text=json.dumps(new), file_format="csljson", actor="load_demo")
            self.log(f"  {len(result.created)} references imported")

    def write(
        self, data: ArticleFile, audiences: dict, topics: dict, editor: User, revision: DemoRevision | None = None
    ) -> Article:
        """Create the article from its file, or, when ``history.yaml`` lists an earlier version, as that version."""
        bodies = dict(data.bodies)
        for slug, headings in (revision.without_sections if revision else {}).items():
            bodies[slug] = without_sections(bodies[slug], headings)
        return article_create(
            actor=editor,
            question=data.question,
            slug=data.slug,
            topic=topics[data.topic],
            summary=data.summary,
            bodies={audiences[slug]: body for slug, body in bodies.items()},
            comment="Demo content",
        )

    def link_related(self, new: list[ArticleFile], created: dict[str, Article], editor: User) -> None:
        wanted = {slug for data in new for slug in data.related}
        by_slug = {a.slug: a for a in Article.objects.filter(slug__in=wanted)}
        for data in new:
            related = [by_slug[slug] for slug in data.related if slug in by_slug]
            if related:
                article_set_related(article=created[data.slug], actor=editor, related=related)

    def run_workflow(self, data: ArticleFile, article: Article, users: dict[str, User]) -> None:
        """Submit, then let the reviewers routing assigned start and decide, as the board would."""
        if data.state == "draft":
            return
        review_request = review_submit(article=article, actor=users["editor"], comment="Ready for medical review.")
        if data.state == "submitted":
            return
        self.review(review_request, state=data.state, comment=data.review_comment)

    def revise(
        self, data: ArticleFile, article: Article, revision: DemoRevision, audiences: dict, users: dict[str, User]
    ) -> None:
        """Bring an article approved in its earlier version up to its file's text, and have that
        approved too, with the change summary readers see in the version history."""
        article_revise(
            article=article,
            actor=users["editor"],
            bodies={audiences[slug]: data.bodies[slug] for slug in revision.without_sections},
            comment="Demo revision",
        )
        review_request = review_submit(
            article=article,
            actor=users["editor"],
            comment="Revised for review.",
            change_summary=revision.change_summary,
            substantive=revision.substantive,
        )
        self.review(review_request, state="approved", comment="The added advice is accurate and clearly worded.")

    def review(self, review_request, *, state: str, comment: str) -> None:
        """Let the reviewers routing assigned start and decide, as the board would, up to ``state``."""
        reviewers = [
            a.reviewer for a in Assignment.objects.active().filter(request=review_request).select_related("reviewer")
        ]
        with time_machine.travel(timezone.now() + timedelta(days=1)):
            review_start(review_request=review_request, actor=reviewers[0])
        if state == "under_review":
            return
        outcome = (
            ReviewDecision.Outcome.REQUEST_CHANGES if state == "changes_requested" else ReviewDecision.Outcome.APPROVE
        )
        attestation = {}
        if outcome == ReviewDecision.Outcome.APPROVE:
            checklist = list(AttestationItem.objects.active().values_list("text", flat=True))
            attestation = {"attestation": checklist, "conflict_of_interest": "none"}
        with time_machine.travel(timezone.now() + timedelta(days=3)):
            for reviewer in reviewers[: 1 if outcome != ReviewDecision.Outcome.APPROVE else len(reviewers)]:
                review_request.refresh_from_db()
                review_decide(
                    review_request=review_request,
                    reviewer=reviewer,
                    outcome=outcome,
                    comment=comment,
                    **attestation,
                )
