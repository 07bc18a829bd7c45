"""`make bench`: how fast the public pages are, next to a bare Django view; how fast a reference import is.

The script serves the site with gunicorn on 127.0.0.1 (DEBUG off, production
middleware and static files storage), then measures requests per second and
p50/p99 latency of three targets in the same run, interleaved round by round:

- ``/bench/baseline/``: a view returning a fixed 10 KB response through the full
  middleware stack (bench/urls.py; the production URLconf has no such route);
- ``/``: the home page;
- ``/questions/left-upper-back-pain/``: an article page (or the first approved
  article if that demo article is missing).

It prints each page's figures as ratios to the baseline. Absolute numbers depend
on the machine and on the load generator sharing it, so compare them within one
run only. Afterwards it times importing a 5,000-entry reference file
(``bench.import_bench.run``) against its 10-second budget.

It is a measurement, not a test: it exits 0 whatever the figures are, and 1 only
when the site does not start, more than 0.1% of requests fail, or a benchmark
crashes.

The database is a throwaway SQLite file in a temporary directory, migrated and
loaded with the demo content. To benchmark another database (PostgreSQL, say),
set ``BENCH_DATABASE_URL``: it must be a throwaway database too, because the
script loads demo content, demo logins (with a random password) and 5,000
imported references into it. ``DATABASE_URL`` is deliberately not used, so a
developer's own database is never written to. ``collectstatic`` writes to
``staticfiles/`` (gitignored), as for production.

Usage: ``make bench BENCH_ARGS="--rounds 3"`` or ``.venv/bin/python bench/run.py --help``.
"""

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
ARTICLE_SLUG = "left-upper-back-pain"
BASELINE_BYTES = 10240  # bench/urls.py
MAX_FAILURE_RATE = 0.001
IMPORT_ENTRIES = 5000
IMPORT_BUDGET_SECONDS = 10.0

# Run in a child process (cwd BASE_DIR) with DJANGO_SETTINGS_MODULE=config.settings.
FIND_ARTICLE = f"""
import django
django.setup()
from articles.models import Publication
approved = Publication.objects.public().approved()
found = approved.filter(slug={ARTICLE_SLUG!r}).first() or approved.order_by("first_approved_at", "pk").first()
print(found.slug if found else "")
"""
IMPORT_BENCH = """
import json, sys
import django
django.setup()
try:
    from bench.import_bench import run
except ImportError as exc:
    if exc.name == "bench.import_bench":
        sys.exit(3)
    raise
with open(sys.argv[2], "w") as out:
    json.dump(run(n=int(sys.argv[1])), out, default=str)
"""
IMPORT_MISSING = 3


class BenchError(Exception):
    """The benchmark could not run or its requests failed; the message says why."""


@dataclass
class Samples:
    """Every latency (seconds) of one target, over all measured bursts."""

    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    elapsed: float = 0.0
    first_error: str = ""

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.failures


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--requests", type=int, default=500, help="requests per target per round (default 500)")
    size.add_argument("--duration", type=float, help="seconds per target per round, instead of --requests")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds, after one warm-up round (default 5)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--keep-db", action="store_true", help="keep the temporary directory and its database")
    parser.add_argument("--save", action="store_true", help="also write the results to bench/results/<time>.json")
    args = parser.parse_args(argv)
    if min(args.requests, args.rounds, args.concurrency, args.workers) < 1 or (args.duration or 1) <= 0:
        parser.error("--requests, --duration, --rounds, --concurrency and --workers must be positive")
    return args


def bench_env(workdir: Path) -> dict[str, str]:
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_ROOT_URLCONF": "bench.urls",
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }


def run_python(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def manage(env: dict[str, str], *args: str) -> None:
    result = run_python(env, "manage.py", *args)
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def prepare_database(env: dict[str, str]) -> str:
    """Migrate, load the demo content, collect static files; return the article page's path."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")  # DEBUG off: demo content without demo logins
    manage(env, "collectstatic", "--noinput")
    found = run_python(env, "-c", FIND_ARTICLE)
    slug = found.stdout.strip().splitlines()[-1] if found.returncode == 0 and found.stdout.strip() else ""
    if not slug:
        raise BenchError(f"No approved article to benchmark.\n{found.stderr}")
    return f"/questions/{slug}/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn (access log off, its default) and wait until /healthz answers 200."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--graceful-timeout", "5", "--no-control-socket"]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with status {server.returncode}.")
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise BenchError("gunicorn did not answer /healthz with 200 within 30 s.")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


def client(
    port: int, path: str, quota: int | None, deadline: float | None, into: Samples, lock: threading.Lock
) -> None:
    """One client thread: GET `path` until its quota or the deadline.

    The connection is reused while the server keeps it open; gunicorn's sync workers close it after every
    response, so each request then includes a (loopback) TCP connect, for the baseline as for the pages.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    failures, error, sent = 0, "", 0
    while (quota is None or sent < quota) and (deadline is None or time.perf_counter() < deadline):
        sent += 1
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            status, error = 0, error or repr(exc)
        if status == 200:
            latencies.append(time.perf_counter() - start)
        else:
            failures += 1
            error = error or f"HTTP {status}"
    conn.close()
    with lock:
        into.latencies += latencies
        into.failures += failures
        into.first_error = into.first_error or error


def burst(port: int, path: str, args: argparse.Namespace, into: Samples, requests: int | None = None) -> None:
    """`args.concurrency` threads on one target, for a fixed number of requests or a fixed duration."""
    total = requests or args.requests
    deadline = time.perf_counter() + args.duration if args.duration and requests is None else None
    quotas = [
        None if deadline else total // args.concurrency + (i < total % args.concurrency)
        for i in range(args.concurrency)
    ]
    lock = threading.Lock()
    threads = [threading.Thread(target=client, args=(port, path, q, deadline, into, lock)) for q in quotas]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    into.elapsed += time.perf_counter() - start


def measure(port: int, targets: dict[str, str], args: argparse.Namespace) -> dict[str, Samples]:
    for label, path in targets.items():
        status, body = get(port, path)
        if status != 200:
            raise BenchError(f"{label} ({path}) answered {status}, not 200; is the page broken?")
        if label == "baseline" and len(body) != BASELINE_BYTES:
            raise BenchError(f"The baseline answered {len(body)} bytes, not {BASELINE_BYTES}.")
    warm_up = max(args.concurrency * 10, args.requests // 5)
    for path in targets.values():
        burst(port, path, args, Samples(), requests=warm_up)  # discarded
    results = {label: Samples() for label in targets}
    labels = list(targets)
    for round_no in range(args.rounds):
        for label in labels[round_no % len(labels) :] + labels[: round_no % len(labels)]:
            burst(port, targets[label], args, results[label])
        print(f"  round {round_no + 1}/{args.rounds} done", file=sys.stderr)
    return results


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of `values` (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(q / 100 * len(ordered)))) - 1]


def summarise(results: dict[str, Samples], targets: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for label, samples in results.items():
        rows.append(
            {
                "target": label,
                "path": targets[label],
                "requests": samples.requests,
                "failed": samples.failures,
                "req_per_s": len(samples.latencies) / samples.elapsed if samples.elapsed else 0.0,
                "p50_ms": percentile(samples.latencies, 50) * 1000,
                "p99_ms": percentile(samples.latencies, 99) * 1000,
            }
        )
    base = rows[0]
    for row in rows:
        for key in ("req_per_s", "p50_ms", "p99_ms"):
            row[f"{key}_ratio"] = row[key] / base[key] if base[key] else 0.0
    return rows


COLUMNS = (  # header, key, decimals
    ("requests", "requests", 0),
    ("failed", "failed", 0),
    ("req/s", "req_per_s", 1),
    ("p50 ms", "p50_ms", 2),
    ("p99 ms", "p99_ms", 2),
    ("req/s x", "req_per_s_ratio", 2),
    ("p50 x", "p50_ms_ratio", 2),
    ("p99 x", "p99_ms_ratio", 2),
)


def describe_machine(args: argparse.Namespace) -> str:
    database = "BENCH_DATABASE_URL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite (temporary)"
    return (
        f"{platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}; "
        f"Django {version('Django')}; gunicorn {version('gunicorn')} ({args.workers} sync workers); "
        f"{args.concurrency} client threads on the same machine; database: {database}"
    )


def print_table(rows: list[dict[str, Any]], machine: str) -> None:
    print(f"\n{'target':<44}" + "".join(f" {header:>8}" for header, _key, _decimals in COLUMNS))
    for row in rows:
        cells = "".join(f" {row[key]:>8.{decimals}f}" for _header, key, decimals in COLUMNS)
        print(f"{row['target'] + ' ' + row['path']:<44}{cells}")
    print("Ratios are target / baseline: req/s x below 1, p50 x and p99 x above 1 mean slower than the bare view.")
    print(f"{machine}\nThe numbers are comparable within this run only.")


def run_import_bench(env: dict[str, str], workdir: Path) -> dict[str, Any] | None:
    """Time bench.import_bench.run(n=5000) in a child process; None when that module is not there yet."""
    out = workdir / "import.json"
    result = run_python(env, "-c", IMPORT_BENCH, str(IMPORT_ENTRIES), str(out), timeout=600)
    if result.returncode == IMPORT_MISSING:
        print("\nReference import: skipped: bench/import_bench.py not available (no run(n) function).")
        return None
    if result.returncode != 0:
        raise BenchError(f"The reference import benchmark failed:\n{result.stdout}{result.stderr}")
    data = json.loads(out.read_text())
    seconds, entries = float(data["seconds"]), int(data["entries"])
    verdict = "PASS" if seconds < IMPORT_BUDGET_SECONDS else "OVER BUDGET"
    rate = entries / seconds if seconds else float("inf")
    print(f"\nReference import: {entries} entries in {seconds:.2f} s ({rate:.0f} entries/s)", end="")
    print(f"; budget {IMPORT_BUDGET_SECONDS:.0f} s: {verdict}")
    return data | {"budget_seconds": IMPORT_BUDGET_SECONDS, "verdict": verdict}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = bench_env(workdir)
    log = workdir / "gunicorn.log"
    try:
        print("Preparing the database and static files...", file=sys.stderr)
        article = prepare_database(env)
        targets = {"baseline": "/bench/baseline/", "home": "/", "article": article}
        port = args.port or free_port()
        print(f"Serving on http://127.0.0.1:{port} with {args.workers} gunicorn workers...", file=sys.stderr)
        server = start_server(env, port, args.workers, log)
        try:
            results = measure(port, targets, args)
        finally:
            stop_server(server)
        rows = summarise(results, targets)
        machine = describe_machine(args)
        print_table(rows, machine)
        failed = sum(samples.failures for samples in results.values())
        total = sum(samples.requests for samples in results.values())
        errors = "; ".join(f"{label}: {s.first_error}" for label, s in results.items() if s.first_error)
        if failed / total > MAX_FAILURE_RATE:
            raise BenchError(f"{failed} of {total} requests failed ({errors}).")
        if failed:
            print(f"Warning: {failed} of {total} requests failed ({errors}), within the 0.1% tolerance.")
        imported = run_import_bench(env, workdir)
        if args.save:
            saved = BASE_DIR / "bench" / "results" / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
            saved.parent.mkdir(exist_ok=True)
            report = {"args": vars(args), "machine": machine, "pages": rows, "import": imported}
            saved.write_text(json.dumps(report, indent=2, default=str) + "\n")
            print(f"Results written to {saved.relative_to(BASE_DIR)}")
        return 0
    except (BenchError, OSError, subprocess.TimeoutExpired) as exc:
        print(f"\nmake bench failed: {exc}", file=sys.stderr)
        if tail(log):
            print(f"Last lines of the gunicorn log:\n{tail(log)}", file=sys.stderr)
        return 1
    finally:
        if args.keep_db:
            print(f"Kept {workdir} (database, gunicorn.log).", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
