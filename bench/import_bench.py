"""How fast a big reference file imports, and how fast the result formats in AMA style.

``run(n)`` generates an n-entry RIS file in memory (Zotero-like entries: several authors,
some with non-ASCII names, PubMed publication types, DOIs and PMIDs, clashing keys),
times ``reference_import`` on it with ``time.perf_counter``, then times AMA formatting of
the new references, and finally deletes them again. It needs a Django-configured process
with a migrated database; ``bench/run.py`` (``make bench``) calls it that way.

Run on its own, it uses ``config.test_settings`` and a throwaway database: a temporary
SQLite file, or, when ``DATABASE_URL`` is set, a ``test_`` database created next to that
one and dropped afterwards (so your own data is never touched)::

    .venv/bin/python bench/import_bench.py [N]
"""

import json
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

FAMILIES = ["Smith", "Chou", "Müller", "Østergaard", "Nowak", "Šimić", "Núñez", "Tanaka", "Okafor", "Rossi", "Ng"]
GIVEN = ["Jane A.", "Roger", "Jürgen", "Lars", "Łukasz", "Ana", "José María", "Hiroshi", "Chinedu", "Giulia"]
WORDS = ["exercise", "imaging", "opioids", "physiotherapy", "surgery", "yoga", "acupuncture", "massage", "education"]
TYPES = ["Journal Article", "Randomized Controlled Trial", "Systematic Review", "Review", "Practice Guideline"]
JOURNALS = [("Annals of Internal Medicine", "Ann Intern Med"), ("The Lancet", "Lancet"), ("BMJ", "BMJ")]


def make_ris(n: int, *, token: str, seed: int = 5000) -> str:
    """An n-entry RIS export; DOIs and PMIDs carry ``token`` so that they are new to any library."""
    rng = random.Random(seed)
    pmid_base = 900_000_000 + int(token, 16) % 90_000_000
    entries = []
    for i in range(n):
        authors = [
            f"AU  - {rng.choice(FAMILIES)}, {rng.choice(GIVEN)}"
            for _ in range(20 if i % 500 == 0 else rng.randint(1, 8))
        ]
        journal, abbreviation = rng.choice(JOURNALS)
        first_page = rng.randint(1, 900)
        lines = [
            "TY  - JOUR",
            f"TI  - {rng.choice(WORDS).capitalize()} for chronic low back pain: benchmark study {i}",
            *authors,
            f"T2  - {journal}",
            f"J2  - {abbreviation}",
            f"PY  - {rng.randint(1990, 2025)}",
            f"VL  - {rng.randint(1, 400)}",
            f"IS  - {rng.randint(1, 12)}",
            f"SP  - {first_page}",
            f"EP  - {first_page + rng.randint(1, 20)}",
            f"M3  - {rng.choice(TYPES)}",
        ]
        if i % 10:  # one entry in ten has no identifiers at all
            lines += [f"DO  - 10.5555/bench.{token}.{i}", f"AN  - {pmid_base + i}"]
        entries.append("\r\n".join([*lines, "ER  - ", ""]))
    return "\r\n".join(entries)


def run(n: int = 5000) -> dict:
    """Time importing and formatting n references in the configured database; leaves it as it was."""
    from django.db import connection

    from references.formatting import format_references
    from references.models import Reference
    from references.services import reference_import

    token = secrets.token_hex(4)
    text = make_ris(n, token=token)
    before = Reference.objects.count()

    start = time.perf_counter()
    result = reference_import(text=text)
    seconds = time.perf_counter() - start

    start = time.perf_counter()
    format_references(result.created)
    format_seconds = time.perf_counter() - start

    Reference.objects.filter(pk__in=[reference.pk for reference in result.created]).delete()
    if Reference.objects.count() != before:
        raise RuntimeError("The benchmark's references were not all removed.")
    return {
        "entries": n,
        "created": len(result.created),
        "seconds": round(seconds, 3),
        "per_second": round(n / seconds, 1) if seconds else None,
        "format_seconds": round(format_seconds, 3),
        "formatted_per_second": round(len(result.created) / format_seconds, 1) if format_seconds else None,
        "file_bytes": len(text.encode()),
        "database": connection.vendor,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    with tempfile.TemporaryDirectory(prefix="import-bench-") as workdir:
        own_database = "DATABASE_URL" not in os.environ
        if own_database:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"

        import django
        from django.core.management import call_command
        from django.db import connection

        django.setup()
        original_name = connection.settings_dict["NAME"]
        if own_database:
            call_command("migrate", verbosity=0)
        else:
            test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
            print(f"Using the throwaway database {test_name}.", file=sys.stderr)
        try:
            print(json.dumps(run(n), indent=2))
        finally:
            if not own_database:
                connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
