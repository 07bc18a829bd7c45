"""How fast the editors' article list stays with 100,000 articles (PostgreSQL).

Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mqa_admin_bench .venv/bin/python bench/admin_bench.py [--articles N]

Creates the database if needed, migrates, loads the demo, bulk-creates N articles and times the
admin changelist (plain, searched, filtered, sorted) through Django's test client, twice each,
reporting the second (warm) timing and the number of SQL queries. A measurement, not a test.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

URLS = [
    "/admin/articles/article/",
    "/admin/articles/article/?q=neck",
    "/admin/articles/article/?q=symptom+4242",
    "/admin/articles/article/?topic__id__exact=2",
    "/admin/articles/article/?public=approved",
    "/admin/articles/article/?public=none&q=cough",
    "/admin/articles/article/?o=5",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("Set BENCH_DATABASE_URL to a PostgreSQL database (it will be filled with test data).")
        return 2
    os.environ.update(DATABASE_URL=url, DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, ArticleControl, Topic

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    existing = Article.objects.filter(slug__startswith="bench-").count()
    if existing < args.articles:
        topics, author = list(Topic.objects.all()), User.objects.get(username="editor")
        started = time.perf_counter()
        words = ["back", "neck", "chest", "cough", "stomach"]
        articles = Article.objects.bulk_create(
            [
                Article(
                    question=f"What causes symptom {i} in {words[i % 5]} pain?",
                    slug=f"bench-{i}",
                    topic=topics[i % len(topics)],
                    summary="Bulk.",
                    author=author,
                )
                for i in range(existing, args.articles)
            ],
            batch_size=5000,
        )
        ArticleControl.objects.bulk_create([ArticleControl(article=a) for a in articles], batch_size=5000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Created {len(articles)} articles in {time.perf_counter() - started:.1f} s")
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(username="chief"))
    print(f"{'ms':>6} {'queries':>7}  changelist ({Article.objects.count()} articles)")
    for path in URLS:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get(path).status_code
            elapsed = (time.perf_counter() - started) * 1000
        print(f"{elapsed:6.0f} {len(queries):7d}  {path}" + ("" if status == 200 else f"  (HTTP {status})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
