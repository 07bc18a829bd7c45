"""Synthetic approved articles for `make bench`, in the shape of issue 13: ~840 words each over
sections and three audience bodies, 15 references, 8 related questions, six topics.

Texts come from a clinical and lay vocabulary (bench/vocabulary.py) and the demo's own questions,
so a search for a symptom or a test finds some articles and not others. References come from a
shared pool (a few thousand, imported through ``reference_import``).

Batch by batch (500 articles; one process per CPU on PostgreSQL), with a running count and an ETA:

1. the content rows (articles, their controls, bodies, citations and related questions), with
   ``bulk_create``: the same rows ``article_create`` and ``article_set_related`` leave behind,
   without their reversion history (public pages never read it);
2. the published snapshots: each article's content is read back (``ArticleContent.from_article``)
   and turned into rows by ``articles.services.publishing.publication_rows``, the function the
   publishing service itself uses, then inserted with ``bulk_create``.

It writes tables directly, so it is for throwaway databases only: bench/run.py calls it on the
database it has just migrated and loaded with the demo. It needs the demo's audiences, topics,
board and ``editor`` user (``load_demo``).

    DJANGO_SETTINGS_MODULE=config.settings python -m bench.generate --articles 10000
"""

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

WORDS_PER_ARTICLE = {"professional": 350, "patient": 215, "student": 165}  # targets; ~840 words in all
REFERENCES_PER_ARTICLE = 15
RELATED_PER_ARTICLE = 8
POOL_MAX = 3000
SLUG_PREFIX = "bench-"
REFERENCE_PREFIX = "benchref"


@dataclass(frozen=True)
class Draft:
    """One generated article before it has rows: what an editor would have typed."""

    question: str
    slug: str
    topic_slug: str
    summary: str
    bodies: dict[str, str]  # audience slug -> Markdown
    reference_keys: tuple[str, ...]


class Writer:
    """Builds drafts from the vocabulary with a seeded random generator (same seed, same texts)."""

    def __init__(self, *, seed: int, pool_keys: Sequence[str], demo_questions: Sequence[str]):
        from bench import vocabulary

        self.rng = random.Random(seed)
        self.vocabulary = vocabulary
        self.pool_keys = list(pool_keys)
        self.demo_questions = list(demo_questions)
        self.topic_slugs = sorted(vocabulary.TOPICS)

    def _fill(self, pattern: str, words: dict[str, list[str]]) -> str:
        v, pick = self.vocabulary, self.rng.choice
        c, c2 = self.rng.sample(words["conditions"], 2)
        r, r2 = self.rng.sample(words["treatments"], 2)
        values = {
            "s": pick(words["symptoms"]),
            "c": c,
            "c2": c2,
            "t": pick(words["tests"]),
            "r": r,
            "r2": r2,
            "p": pick(v.PEOPLE),
            "q": pick(v.QUALIFIERS),
            "n": str(self.rng.randint(2, 40)),
        }
        values |= {k.upper(): val[:1].upper() + val[1:] for k, val in values.items() if len(k) == 1}
        values |= {"people": values["p"], "symptom": values["s"], "condition": c, "test": values["t"], "treatment": r}
        return pattern.format(**values)

    def _body(self, audience: str, words: dict[str, list[str]], keys: Sequence[str]) -> str:
        """Sections of sentences up to the audience's word target, citing each of ``keys`` at least once."""
        v = self.vocabulary
        headings = v.SECTION_HEADINGS[audience]
        target = WORDS_PER_ARTICLE[audience]
        per_section = target // len(headings)
        pending = list(keys)
        sections = []
        for number, heading in enumerate(headings):
            sentences, count = [], 0
            while count < per_section:
                sentence = self._fill(self.rng.choice(v.SENTENCES[audience]), words)
                count += len(sentence.split())
                if pending and (self.rng.random() < 0.6 or number == len(headings) - 1):
                    cluster = [pending.pop(0) for _ in range(min(len(pending), self.rng.choice((1, 1, 2))))]
                    sentence = sentence[:-1] + " [" + "; ".join(f"@{k}" for k in cluster) + "]."
                sentences.append(sentence)
            if pending and number == len(headings) - 1:
                sentences[-1] = sentences[-1][:-1] + " [" + "; ".join(f"@{k}" for k in pending) + "]."
            sections.append(f"## {heading}\n\n" + " ".join(sentences))
        return "\n\n".join(sections) + "\n"

    def draft(self, number: int) -> Draft:
        topic_slug = self.topic_slugs[number % len(self.topic_slugs)]
        words = self.vocabulary.TOPICS[topic_slug]
        if self.demo_questions and number % 6 == 5:  # a demo question, asked for a group of people
            question = (
                self.rng.choice(self.demo_questions).rstrip("?") + f" in {self.rng.choice(self.vocabulary.PEOPLE)}?"
            )
        else:
            question = self._fill(self.rng.choice(self.vocabulary.QUESTION_FORMS), words)
        keys = self.rng.sample(self.pool_keys, min(REFERENCES_PER_ARTICLE, len(self.pool_keys)))
        summary = " ".join(self._fill(self.rng.choice(self.vocabulary.SENTENCES["patient"]), words) for _ in range(2))
        bodies = {
            "professional": self._body("professional", words, keys),
            "patient": self._body("patient", words, keys[:5]),
            "student": self._body("student", words, keys[5:11]),
        }
        slug = f"{SLUG_PREFIX}{number}-" + "-".join(question.lower().rstrip("?").split()[:8])
        slug = "".join(ch for ch in slug if ch.isalnum() or ch == "-")[:190]
        return Draft(question, slug, topic_slug, summary, bodies, tuple(keys))


def reference_pool(size: int, *, seed: int) -> list[str]:
    """The citation keys of ``size`` shared references, imported once through ``reference_import``."""
    from bench import vocabulary
    from references.models import Reference
    from references.services import reference_import

    existing = list(
        Reference.objects.filter(citation_key__startswith=REFERENCE_PREFIX)
        .order_by("citation_key")
        .values_list("citation_key", flat=True)
    )
    if len(existing) >= size:
        return existing[:size]
    rng = random.Random(seed)
    genres = ["Practice Guideline", "Systematic Review", "Randomized Controlled Trial", "Journal Article", "Review"]
    journals = ["BMJ", "Lancet", "JAMA", "Ann Intern Med", "N Engl J Med", "Br J Gen Pract", "Thorax", "Gut"]
    families = ["Okafor", "Lindqvist", "Nakamura", "Moreau", "Kowalski", "Haddad", "Byrne", "Ferreira", "Iyer"]
    items = []
    for i in range(len(existing), size):
        words = vocabulary.TOPICS[rng.choice(sorted(vocabulary.TOPICS))]
        title = f"{rng.choice(words['treatments']).capitalize()} for {rng.choice(words['conditions'])}: {rng.choice(['a randomised trial', 'a systematic review', 'a cohort study', 'guideline update', 'a meta-analysis'])} ({i})"
        items.append(
            {
                "id": f"{REFERENCE_PREFIX}{i:05d}",
                "type": "article-journal",
                "genre": rng.choice(genres),
                "title": title,
                "author": [{"family": rng.choice(families), "given": rng.choice("ABCDEFGHJK")} for _ in range(3)],
                "container-title-short": rng.choice(journals),
                "issued": {"date-parts": [[rng.randint(2005, 2025)]]},
                "volume": str(rng.randint(1, 400)),
                "page": f"{rng.randint(1, 900)}-{rng.randint(901, 999)}",
                "DOI": f"10.5555/mqa-bench.{i}",
            }
        )
    reference_import(text=json.dumps(items), file_format="csljson", actor="bench")
    return list(
        Reference.objects.filter(citation_key__startswith=REFERENCE_PREFIX)
        .order_by("citation_key")
        .values_list("citation_key", flat=True)[:size]
    )


def write_content(drafts: Sequence[Draft], *, related_from: Callable[[str], list[int]]) -> list[int]:
    """Insert the content rows of ``drafts`` (one transaction); returns the new article ids."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from articles.models import Article, ArticleBody, ArticleControl, Citation, RelatedQuestion, Topic
    from articles.text import normalize_markdown, normalize_plain
    from personalization.models import Audience
    from references.models import Reference

    audiences = {a.slug: a.pk for a in Audience.objects.all()}
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    author = User.objects.get(username="editor")
    keys = {key for d in drafts for key in d.reference_keys}
    references = dict(Reference.objects.filter(citation_key__in=keys).values_list("citation_key", "pk"))
    with transaction.atomic():
        articles = Article.objects.bulk_create(
            Article(
                question=normalize_plain(d.question),
                slug=d.slug,
                topic_id=topics[d.topic_slug],
                summary=normalize_plain(d.summary),
                author=author,
            )
            for d in drafts
        )
        ArticleControl.objects.bulk_create(ArticleControl(article=a) for a in articles)
        ArticleBody.objects.bulk_create(
            ArticleBody(article=a, audience_id=audiences[slug], body=normalize_markdown(text))
            for a, d in zip(articles, drafts, strict=True)
            for slug, text in d.bodies.items()
        )
        Citation.objects.bulk_create(
            Citation(article=a, reference_id=references[key])
            for a, d in zip(articles, drafts, strict=True)
            for key in d.reference_keys
        )
        RelatedQuestion.objects.bulk_create(
            RelatedQuestion(article=a, related_id=other, order=order)
            for a, d in zip(articles, drafts, strict=True)
            for order, other in enumerate(related_from(d.topic_slug))
        )
    return [a.pk for a in articles]


def review_facts(*, days_ago: int):
    """Facts of an approval ``days_ago`` days back by the demo board's first member."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone

    from articles.services import ReviewFacts, ReviewStep
    from reviews.models import BoardMember

    member = BoardMember.objects.order_by("order", "pk").first()
    reviewers = []
    if member is not None:
        reviewers.append(
            {
                "name": member.display_name,
                "credentials": member.credentials,
                "specialty": member.specialty,
                "url": f"{reverse('reviews:advisory_board')}#{member.anchor}",
                "disclosure": "",
            }
        )
    approved_on = timezone.localdate() - timedelta(days=days_ago)
    return ReviewFacts(
        review_step=ReviewStep.APPROVED,
        submitted_at=timezone.now() - timedelta(days=days_ago + 3),
        last_reviewed=approved_on,
        next_review_due=approved_on + timedelta(days=settings.REVIEW_INTERVAL_DAYS),
        reviewers=reviewers,
    )


def publish_rows(article_ids: Sequence[int]) -> int:
    """Publish ``article_ids`` (approved) in one transaction through ``publication_rows``; returns the count."""
    from django.db import transaction

    from articles.models import Article, Publication, PublishedBody
    from articles.search import vocabulary_record
    from articles.services.publishing import publication_rows
    from articles.versioning import ArticleContent

    facts = review_facts(days_ago=30)
    articles = Article.objects.filter(pk__in=article_ids).prefetch_related("bodies", "citations", "related_links")
    rows = [
        publication_rows(
            article=a, content=ArticleContent.from_article(a), status=Publication.Status.APPROVED, facts=facts
        )
        for a in articles
    ]
    with transaction.atomic():
        for publication, _bodies in rows:  # the did-you-mean vocabulary, as publishing keeps it
            vocabulary_record(before="", after=publication.search_document)
        publications = Publication.objects.bulk_create([publication for publication, _bodies in rows])
        for publication, (_same, bodies) in zip(publications, rows, strict=True):
            for body in bodies:
                body.publication = publication
        PublishedBody.objects.bulk_create([body for _p, bodies in rows for body in bodies])
    return len(rows)


class Progress:
    """Prints "<done>/<total> <what>, <rate>/s, ETA <m:ss>" at most every few seconds."""

    def __init__(self, total: int, what: str, *, log: Callable[[str], None]):
        self.total, self.what, self.log = total, what, log
        self.start = self.last = time.monotonic()
        self.shown = -1

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if done == self.shown or (not force and now - self.last < 3 and done < self.total):
            return
        self.last, self.shown = now, done
        rate = done / (now - self.start) if now > self.start else 0.0
        eta = (self.total - done) / rate if rate else 0.0
        remaining = f"ETA {int(eta) // 60}:{int(eta) % 60:02d}" if rate else "ETA after the first batch"
        self.log(f"  {done}/{self.total} {self.what}, {rate:.0f}/s, {remaining}")

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.start


@dataclass
class Batch:
    """Articles number ``first`` to ``last - 1``, with what every batch needs from the parent."""

    first: int
    last: int
    seed: int
    pool_keys: Sequence[str]
    demo_questions: Sequence[str]
    demo_ids: Sequence[int]


def make_batch(batch: Batch, recent: dict[str, list[int]]) -> int:
    """Write and publish one batch; ``recent`` (topic slug, or "" for any -> newest article ids of
    this process) supplies related questions: the same topic first, then any, then the demo's."""
    writer = Writer(
        seed=batch.seed * 1_000_003 + batch.first, pool_keys=batch.pool_keys, demo_questions=batch.demo_questions
    )

    def related_from(topic_slug: str) -> list[int]:
        picked: list[int] = []
        for candidates in (recent.get(topic_slug, []), recent.get("", []), batch.demo_ids):
            fresh = [pk for pk in candidates if pk not in picked]
            picked += writer.rng.sample(fresh, min(len(fresh), RELATED_PER_ARTICLE - len(picked)))
        return picked

    drafts = [writer.draft(number) for number in range(batch.first, batch.last)]
    ids = write_content(drafts, related_from=related_from)
    for draft, pk in zip(drafts, ids, strict=True):
        for slug in (draft.topic_slug, ""):
            recent.setdefault(slug, []).append(pk)
            del recent[slug][: -RELATED_PER_ARTICLE * 4]
    return publish_rows(ids)


def _worker(batches: list[Batch], counter) -> None:
    """A child process: make its share of the batches, adding to ``counter`` as it goes."""
    from django.db import connections

    connections.close_all()  # never share the parent's connection
    recent: dict[str, list[int]] = {}
    for batch in batches:
        made = make_batch(batch, recent)
        with counter.get_lock():
            counter.value += made
    connections.close_all()


def generate(
    n: int, *, seed: int = 13, batch: int = 500, jobs: int | None = None, log: Callable[[str], None] = print
) -> dict:
    """Generate and publish articles in the configured (throwaway) database until it holds ``n``
    generated ones (earlier runs count), in ``jobs`` processes on PostgreSQL (one on SQLite,
    which has one writer at a time); returns what it did and how long it took."""
    from django.db import connection, connections

    from articles.models import Article, Publication
    from demo.content import load_articles

    started = time.monotonic()
    pool_size = max(REFERENCES_PER_ARTICLE, min(POOL_MAX, n // 3))
    keys = reference_pool(pool_size, seed=seed)
    log(f"  reference pool: {len(keys)} references")
    existing = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    questions = [a.question for a in load_articles()]
    demo_ids = list(
        Publication.objects.public().exclude(slug__startswith=SLUG_PREFIX).values_list("article_id", flat=True)
    )
    batches = [
        Batch(first, min(first + batch, n), seed, keys, questions, demo_ids[:RELATED_PER_ARTICLE])
        for first in range(existing, n, batch)
    ]
    jobs = 1 if connection.vendor == "sqlite" else min(jobs or os.cpu_count() or 1, max(1, len(batches)))
    progress = Progress(max(0, n - existing), "articles written and published", log=log)
    if jobs == 1:
        recent: dict[str, list[int]] = {}
        made = 0
        for one in batches:
            made += make_batch(one, recent)
            progress.update(made)
    else:
        context = multiprocessing.get_context("fork")
        counter = context.Value("i", 0)
        connections.close_all()
        workers = [context.Process(target=_worker, args=(batches[i::jobs], counter)) for i in range(jobs)]
        for worker in workers:
            worker.start()
        while any(w.is_alive() for w in workers):
            time.sleep(1)
            progress.update(counter.value)
        if any(w.exitcode != 0 for w in workers):
            raise RuntimeError("A generating process failed; see its traceback above.")
        made = counter.value
    progress.update(made, force=True)
    return {
        "articles": made,
        "references": len(keys),
        "seconds": round(time.monotonic() - started, 1),
        "jobs": jobs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=0, help="publishing processes (default: one per CPU)")
    parser.add_argument("--json", help="also write the timings to this file")
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        help="then copy each generated snapshot until there are this many of each (PostgreSQL; bench/replicate.py)",
    )
    args = parser.parse_args(argv)
    if args.copies < 1:
        parser.error("--copies must be 1 or more")
    import django

    django.setup()
    result = generate(
        args.articles, seed=args.seed, batch=args.batch, jobs=args.jobs or None, log=lambda s: print(s, flush=True)
    )
    if args.copies > 1:
        from bench.replicate import replicate

        started = time.monotonic()
        result["copied"] = replicate(args.copies, prefix=SLUG_PREFIX, log=lambda s: print(s, flush=True))
        result["copy_seconds"] = round(time.monotonic() - started, 1)
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does on a live site after bulk writes (a server may run with it off, as
        # this machine's does): fresh planner statistics, without which the planner misjudges how many
        # rows match and may not use the search indexes; dead rows gone, the visibility map set (index-only
        # scans) and the GIN indexes' pending lists merged. Quick when there is nothing to do.
        print("Vacuuming and analysing the database...", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    print(json.dumps(result), flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(result, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
