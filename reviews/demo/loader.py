"""Load the demo content through the real services, so revisions, audit rows and snapshots are genuine."""

import importlib
import pkgutil
from datetime import timedelta
from types import ModuleType

import reversion
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleBody, Citation, EditorialPolicy, Publication, RelatedQuestion, Topic
from personalization.models import Audience
from references.models import Reference
from reviews.models import BoardMember, ReviewDecision
from reviews.services import review_decide, review_start, review_submit

from . import articles as article_package
from .shared_references import SHARED_REFERENCES
from .site import AUDIENCES, BOARD, EDITORIAL_POLICY, TOPICS

# One approved article is shown as overdue for re-review, to demonstrate the honest notice.
OVERDUE_SLUG = "chronic-cough-adults"


def article_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{article_package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(article_package.__path__)
    ]


class DemoLoader:
    def __init__(self, *, log=print):
        self.log = log
        self.debug = settings.DEBUG

    def run(self) -> dict:
        with transaction.atomic():
            self.load_audiences()
            self.load_topics()
            self.load_policy()
            users = self.load_users()
            self.load_board(users)
            modules = article_modules()
            self.load_references(modules)
            created = self.load_articles(modules, author=users["editor"])
        counts = {"articles": 0, "skipped": 0}
        for i, (module, article) in enumerate(created, 1):
            self.log(f"  [{i}/{len(created)}] {module.ARTICLE['state']:<17} {article.slug}")
            self.run_workflow(module.ARTICLE, article, users)
            counts["articles"] += 1
        counts["skipped"] = len(modules) - len(created)
        return counts

    def load_audiences(self) -> None:
        for data in AUDIENCES:
            Audience.objects.update_or_create(
                slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
            )

    def load_topics(self) -> None:
        for order, data in enumerate(TOPICS):
            Topic.objects.update_or_create(
                slug=data["slug"], defaults={"name": data["name"], "description": data["description"], "order": order}
            )

    def load_policy(self) -> None:
        if not EditorialPolicy.objects.exists():
            EditorialPolicy.objects.create(title="Editorial policy", body=EDITORIAL_POLICY)

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

    def load_users(self) -> dict[str, User]:
        users = {"editor": self._user("editor", groups=("Editors",), staff=True, name="Eliza Editor")}
        for member in BOARD:
            users[member["username"]] = self._user(
                member["username"], groups=("Advisory board",), name=member["display_name"].removeprefix("Dr ")
            )
        if self.debug:
            users["chief"] = self._user("chief", groups=("Chief editors",), superuser=True, name="Chidi Chief")
        return users

    def load_board(self, users: dict[str, User]) -> None:
        for order, data in enumerate(BOARD):
            BoardMember.objects.update_or_create(
                user=users[data["username"]],
                defaults={k: data[k] for k in ("display_name", "credentials", "specialty", "bio")}
                | {"order": order, "active": True},
            )

    def load_references(self, modules: list[ModuleType]) -> None:
        """Create each demo reference once; existing keys are left as the editors may have changed them."""
        definitions = {}
        for data in [*SHARED_REFERENCES, *(ref for module in modules for ref in module.REFERENCES)]:
            definitions.setdefault(data["key"].lower(), data)
        existing = set(Reference.objects.filter(citation_key__in=definitions).values_list("citation_key", flat=True))
        for key, data in definitions.items():
            if key in existing:
                continue
            Reference.objects.create(
                citation_key=key,
                authors="\n".join(data["authors"]),
                **{
                    f: data[f]
                    for f in ("type", "title", "source", "year", "volume", "issue", "pages", "doi", "pmid", "url")
                },
            )

    def load_articles(self, modules: list[ModuleType], *, author: User) -> list[tuple[ModuleType, Article]]:
        audiences = {a.slug: a for a in Audience.objects.all()}
        topics = {t.slug: t for t in Topic.objects.all()}
        created = []
        for module in modules:
            data = module.ARTICLE
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            with reversion.create_revision():
                reversion.set_user(author)
                reversion.set_comment("Demo content")
                article = Article.objects.create(
                    question=data["question"],
                    slug=data["slug"],
                    topic=topics[data["topic"]],
                    summary=data["summary"],
                    author=author,
                )
                for slug, body in data["bodies"].items():
                    ArticleBody.objects.create(article=article, audience=audiences[slug], body=body.strip() + "\n")
                for key in data["references"]:
                    Citation.objects.create(article=article, reference=Reference.objects.get(citation_key=key.lower()))
            created.append((module, article))
        by_slug = {
            a.slug: a for a in Article.objects.filter(slug__in={s for m, _a in created for s in m.ARTICLE["related"]})
        }
        for module, article in created:
            with reversion.create_revision():
                reversion.set_user(author)
                reversion.set_comment("Related questions")
                for order, slug in enumerate(module.ARTICLE["related"]):
                    if slug in by_slug and by_slug[slug] != article:
                        RelatedQuestion.objects.create(article=article, related=by_slug[slug], order=order)
                reversion.add_to_revision(article)
        return created

    def run_workflow(self, data: dict, article: Article, users: dict[str, User]) -> None:
        state = data["state"]
        if state == "draft":
            return
        request = review_submit(article=article, actor=users["editor"], comment="Ready for medical review.")
        if state == "submitted":
            return
        reviewer = users["reviewer1"] if article.topic.slug != "heart-and-circulation" else users["reviewer2"]
        review_start(review_request=request, actor=reviewer)
        if state == "under_review":
            return
        if state == "changes_requested":
            review_decide(
                review_request=request,
                reviewer=reviewer,
                outcome=ReviewDecision.Outcome.REQUEST_CHANGES,
                comment=data["review_comment"],
            )
            return
        approvers = [reviewer, *(u for k, u in users.items() if k.startswith("reviewer") and u != reviewer)]
        for approver in approvers[: settings.REVIEW_APPROVALS_REQUIRED]:
            request.refresh_from_db()
            review_decide(
                review_request=request,
                reviewer=approver,
                outcome=ReviewDecision.Outcome.APPROVE,
                comment=data["review_comment"],
            )
        if article.slug == OVERDUE_SLUG:
            today = timezone.localdate()
            Publication.objects.filter(article=article).update(
                last_reviewed=today - timedelta(days=400), next_review_due=today - timedelta(days=35)
            )
