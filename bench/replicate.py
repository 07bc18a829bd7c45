"""Copies of the generated articles, for `make bench` at 100,000 articles on a small machine.

Rendering a snapshot costs tens of milliseconds, so publishing 100,000 generated articles takes
hours on two loaded cores. ``replicate(copies)`` instead copies the snapshots ``bench.generate``
published (``copies - 1`` more of each, PostgreSQL only): the article row, its control row, its
publication and its published bodies, column for column, with a new id and ``-copy<k>`` after the
slug. Each copy is the row publishing the same content would store, except its slug; the search
vectors are copied as computed. The editors' side (bodies, citations, related questions, history)
is not copied: no public page or search reads it.

What this changes in a measurement, and what it does not: every word is ``copies`` times as
frequent, so index posting lists, matches and the capped candidate sets are those of a corpus
``copies`` times larger drawn from the same vocabulary (which is how the generator draws anyway);
ties between identical texts are broken by date and id, as for any equal ranks. The did-you-mean
vocabulary counts are left as they were (they order corrections, not results).
"""

from collections.abc import Callable

SUFFIX = "-copy"


def _copy_rows(cursor, model, *, mapping: str, id_source: str, replace: dict[str, str], where: str) -> None:
    """INSERT … SELECT every concrete column of ``model`` from rows ``where``, with ``replace`` overriding columns."""
    from django.db import connection

    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [f.column for f in model._meta.concrete_fields]
    selected = ", ".join(replace.get(column, f"src.{quote(column)}") for column in columns)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 - table and column names from the models
        f"SELECT {selected} FROM {table} src JOIN {mapping} m ON m.old = src.{id_source} WHERE {where}"
    )


def replicate(copies: int, *, prefix: str, log: Callable[[str], None] = print) -> int:
    """Make ``copies - 1`` copies of each published article whose slug starts with ``prefix``; returns
    the number of publications added. Idempotent per copy number (a copy already made is skipped)."""
    from django.db import connection, transaction

    from articles.models import Article, ArticleControl, Publication, PublishedBody

    if connection.vendor != "postgresql":
        raise RuntimeError("Copies of generated articles are made on PostgreSQL only (BENCH_DATABASE_URL).")
    added = 0
    for k in range(2, copies + 1):
        suffix = f"{SUFFIX}{k}"
        if Publication.objects.filter(slug__endswith=suffix).exists():
            log(f"  copy {k}/{copies}: already made")
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            # Dropped here too: inside an outer transaction (a test) ON COMMIT comes only at its end.
            cursor.execute("DROP TABLE IF EXISTS amap, amap_control, pmap, bmap")
            cursor.execute(
                "CREATE TEMP TABLE amap ON COMMIT DROP AS SELECT a.id AS old, "
                "nextval(pg_get_serial_sequence('articles_article', 'id')) AS new FROM articles_article a "
                "JOIN articles_publication p ON p.article_id = a.id WHERE a.slug LIKE %s AND a.slug NOT LIKE %s",
                [f"{prefix}%", f"%{SUFFIX}%"],
            )
            _copy_rows(
                cursor,
                Article,
                mapping="amap",
                id_source="id",
                replace={"id": "m.new", "slug": f"src.slug || '{suffix}'"},
                where="TRUE",
            )
            cursor.execute("CREATE TEMP TABLE amap_control ON COMMIT DROP AS SELECT old, new FROM amap")
            _copy_rows(
                cursor,
                ArticleControl,
                mapping="amap_control",
                id_source="article_id",
                replace={"article_id": "m.new"},
                where="TRUE",
            )
            cursor.execute(
                "CREATE TEMP TABLE pmap ON COMMIT DROP AS SELECT p.id AS old, "
                "nextval(pg_get_serial_sequence('articles_publication', 'id')) AS new, amap.new AS article "
                "FROM articles_publication p JOIN amap ON amap.old = p.article_id"
            )
            _copy_rows(
                cursor,
                Publication,
                mapping="pmap",
                id_source="id",
                replace={"id": "m.new", "article_id": "m.article", "slug": f"src.slug || '{suffix}'"},
                where="TRUE",
            )
            cursor.execute(
                "CREATE TEMP TABLE bmap ON COMMIT DROP AS SELECT b.id AS old, "
                "nextval(pg_get_serial_sequence('articles_publishedbody', 'id')) AS new, pmap.new AS publication "
                "FROM articles_publishedbody b JOIN pmap ON pmap.old = b.publication_id"
            )
            _copy_rows(
                cursor,
                PublishedBody,
                mapping="bmap",
                id_source="id",
                replace={"id": "m.new", "publication_id": "m.publication"},
                where="TRUE",
            )
            cursor.execute("SELECT count(*) FROM pmap")
            made = cursor.fetchone()[0]
        added += made
        log(f"  copy {k}/{copies}: {made} articles")
    return added
