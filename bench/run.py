"""`make bench`: how fast the public pages and search are at 10,000 (or 100,000) articles, next
to a bare Django view; how fast a reference import is.

The script migrates a throwaway database, loads the demo, generates synthetic articles of
issue 13's shape (bench/generate.py: ~840 words, 15 references, 8 related questions, three
audiences; 10,000 by default, ``--articles 100000`` for the large run), serves the site with
gunicorn on 127.0.0.1 (DEBUG off, production middleware and static files storage), and measures
in one run, interleaved round by round:

- ``baseline``: a view returning a fixed 10 KB response through the full middleware stack
  (bench/urls.py; the production URLconf has no such route);
- ``home``: ``/``;
- ``article cached``: the same five article pages, requested again and again after a warm-up;
- ``article uncached``: article pages (every generated article in every audience's version)
  each requested once only in the run, so no page cache can answer them;
- ``search page 1 cached`` / ``uncached``: ``/search/`` page 1 over a fixed set of reader queries
  (SEARCH_QUERIES), as the page cache serves them again, and with a parameter no page reads
  (``UNCACHED_PARAMETER``), which the page cache neither answers nor stores: the search itself.

It prints a Markdown table: requests per second and p50/p99 latency of each target, and each as
a ratio to the baseline, plus the absolute search latencies. Before measuring it asks one cached
page twice and says whether the second answer looks like it came from a page cache (``Age``,
``X-Cache``, a public ``Cache-Control``), so the "cached" row means what it says. With
``REDIS_URL`` set (say ``redis://127.0.0.1:6379/6``) the site's cache is that Redis database;
the script empties it before measuring, so give it a database of its own.

The load generator is wrk when it is installed (``apt-get install wrk``; one thread, written
in C, so it leaves the two cores of a small machine to gunicorn), else the Python client below
(threads; it takes a visible share of the CPU itself, which flatters slow pages against the
baseline). ``--client`` chooses. Absolute numbers depend on the machine and on the load
generator sharing it, so compare them within one run only. Afterwards it times importing a
5,000-entry reference file (``bench.import_bench.run``) against its 10-second budget.

It is a measurement, not a test: it exits 0 whatever the figures are, and 1 only when the site
does not start, more than 0.1% of requests fail, or a benchmark crashes.

The database is a throwaway SQLite file in a temporary directory. To benchmark PostgreSQL, set
``BENCH_DATABASE_URL``: it must be a throwaway database too, because the script loads demo
content, synthetic articles and references into it. A second run on the same database tops the
generated articles up to ``--articles`` instead of starting again (so a 100,000 run after a
10,000 one generates 90,000). ``DATABASE_URL`` is deliberately not used, so a developer's own
database is never written to. ``collectstatic`` writes to ``staticfiles/`` (gitignored).

Usage: ``make bench BENCH_ARGS="--articles 100000"`` or ``.venv/bin/python bench/run.py --help``.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
BASELINE_BYTES = 10240  # bench/urls.py
MAX_FAILURE_RATE = 0.001
IMPORT_ENTRIES = 5000
IMPORT_BUDGET_SECONDS = 10.0
CACHED_PAGES = 5
WRK_DEFAULT_SECONDS = 5.0
# What readers type: symptoms in lay words, conditions, tests, medicines, phrases, typos.
SEARCH_QUERIES = (
    "back pain",
    "pain between the shoulder blades",
    "shoulder blades",
    "heartburn",
    "hartburn",
    "chest pian",
    "heart attack",
    "migraine",
    "atrial fibrillation",
    "shortness of breath",
    "cough",
    "asthma inhaler",
    "ibuprofen kidney",
    "paracetamol",
    "gallstones",
    "shingles",
    '"low back pain"',
    "headache",
    "blood pressure",
    "spirometry",
    "proton pump inhibitors",
    "sciatica",
    "coeliac disease",
    "older adults",
)

# Run in a child process (cwd BASE_DIR) with DJANGO_SETTINGS_MODULE=config.settings: the public
# articles (generated first, in order) and the audiences' slugs (default first), as JSON.
UNCACHED_PARAMETER = "bench-uncached"
FIND_ARTICLES = """
import json, django
django.setup()
from articles.models import Publication
from personalization.models import Audience
public = Publication.objects.public().order_by("article_id")
generated = list(public.filter(slug__startswith="bench-").values_list("slug", flat=True))
others = list(public.exclude(slug__startswith="bench-").values_list("slug", flat=True))
audiences = list(Audience.objects.order_by("-is_default", "order", "pk").values_list("slug", "is_default"))
print(json.dumps({"generated": generated, "others": others, "audiences": audiences}))
"""
CLEAR_CACHE = """
import django
django.setup()
from django.core.cache import caches
from django.conf import settings
for alias in settings.CACHES:
    caches[alias].clear()
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


WRK_SCRIPT = """
-- bench/run.py: cycle through the paths in $BENCH_WRK_PATHS; write counts and a percentile grid to $BENCH_WRK_OUT.
local paths, i = {}, 0
init = function(args)
  for line in io.lines(os.getenv("BENCH_WRK_PATHS")) do paths[#paths + 1] = line end
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_WRK_OUT"), "w")
  local e = summary.errors
  out:write(string.format("%d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout))
  for n = 1, 999 do out:write(string.format("%d\\n", latency:percentile(n / 10))) end
  out:write(string.format("%d\\n", latency.max))
  out:close()
end
"""


class BenchError(Exception):
    """The benchmark could not run or its requests failed; the message says why."""


@dataclass
class Samples:
    """The latencies (seconds) of one target over all measured bursts, each with a weight: 1 per
    request from the Python client, a share of a burst's requests per wrk percentile."""

    latencies: list[tuple[float, float]] = field(default_factory=list)
    ok: int = 0
    failures: int = 0
    elapsed: float = 0.0
    first_error: str = ""
    repeated: bool = False  # a "fresh" target ran out of never-requested paths in some burst

    @property
    def requests(self) -> int:
        return self.ok + self.failures


@dataclass
class Target:
    """One row of the table: the paths it cycles through; ``fresh`` paths are never requested twice."""

    label: str
    paths: list[str]
    fresh: bool = False


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--requests", type=int, default=500, help="requests per target per round, Python client (default 500)"
    )
    size.add_argument(
        "--duration", type=float, help=f"seconds per target per round (wrk's only mode; default {WRK_DEFAULT_SECONDS})"
    )
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles (default 10000; 0: demo only)")
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        help="copies of each generated snapshot (PostgreSQL): --articles 10000 --copies 10 is 100,000 articles",
    )
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds, after one warm-up round (default 5)")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto", help="load generator")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--keep-db", action="store_true", help="keep the temporary directory and its database")
    parser.add_argument("--save", action="store_true", help="also write the results to bench/results/<time>.json")
    args = parser.parse_args(argv)
    if min(args.requests, args.rounds, args.concurrency, args.workers) < 1 or (args.duration or 1) <= 0:
        parser.error("--requests, --duration, --rounds, --concurrency and --workers must be positive")
    if args.articles < 0:
        parser.error("--articles must be 0 or more")
    if args.copies < 1:
        parser.error("--copies must be 1 or more")
    if args.client == "auto":
        args.client = "wrk" if shutil.which("wrk") else "python"
    elif args.client == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), use --client python")
    if args.client == "wrk" and args.duration is None:
        args.duration = WRK_DEFAULT_SECONDS
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
    result = run_python(env, "manage.py", *args, timeout=900)
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def prepare_database(env: dict[str, str], articles: int, workdir: Path, copies: int = 1) -> dict[str, Any]:
    """Migrate, load the demo content, generate the articles, collect static files; return the
    generator's timings and the public slugs and audiences (FIND_ARTICLES)."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")  # DEBUG off: demo content without demo logins
    manage(env, "collectstatic", "--noinput")
    timings = workdir / "generate.json"
    print(f"Generating articles until there are {articles} (bench/generate.py)...", file=sys.stderr)
    command = ["-m", "bench.generate", "--articles", str(articles), "--copies", str(copies), "--json", str(timings)]
    generated = subprocess.run(  # its progress goes straight to the terminal
        [sys.executable, *command],
        cwd=BASE_DIR,
        env=env,
        stdout=sys.stderr,
        check=False,
    )
    if generated.returncode != 0:
        raise BenchError("Generating the articles failed (see above).")
    found = run_python(env, "-c", FIND_ARTICLES)
    if found.returncode != 0:
        raise BenchError(f"Listing the articles failed:\n{found.stderr}")
    listing = json.loads(found.stdout.strip().splitlines()[-1])
    if not listing["generated"] and not listing["others"]:
        raise BenchError("No public article to benchmark.")
    return listing | {"timings": json.loads(timings.read_text())}


def build_targets(listing: dict[str, Any]) -> list[Target]:
    """The table's rows. Uncached pages: every public article in every audience's version, shuffled
    the same way every run; `measure` gives each burst its own slice."""
    slugs = listing["generated"] or listing["others"]
    cached = [f"/questions/{slug}/" for slug in slugs[:CACHED_PAGES]]
    fresh = []
    for slug in slugs[CACHED_PAGES:] or slugs:
        for audience, is_default in listing["audiences"]:
            query = "" if is_default else "?" + urllib.parse.urlencode({"audience": audience})
            fresh.append(f"/questions/{slug}/{query}")
    random.Random(13).shuffle(fresh)
    searches = [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in SEARCH_QUERIES]
    # A query parameter no page reads: the page cache neither answers nor stores such a URL, so every
    # request runs the search (synonyms, matching, ranking, snippets) and renders the page.
    uncached_searches = [f"{path}&{UNCACHED_PARAMETER}=1" for path in searches]
    return [
        Target("baseline", ["/bench/baseline/"]),
        Target("home", ["/"]),
        Target("article cached", cached),
        Target("article uncached", fresh, fresh=True),
        Target("search page 1 cached", searches),
        Target("search page 1 uncached", uncached_searches),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
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


def cache_verdict(headers: dict[str, str]) -> str:
    """What a second answer's headers say about a page cache in front of the view."""
    signs = []
    if "age" in headers:
        signs.append(f"Age: {headers['age']}")
    for name in ("x-cache", "x-cache-status"):
        if name in headers:
            signs.append(f"{name}: {headers[name]}")
    control = headers.get("cache-control", "")
    if any(word in control for word in ("public", "s-maxage")) or re.search(r"max-age=[1-9]", control):
        signs.append(f"Cache-Control: {control}")
    return "; ".join(signs)


class PathSource:
    """Hands the client threads their paths in order: cycling, or (fresh) each at most once."""

    def __init__(self, paths: list[str], fresh: bool):
        self.paths, self.fresh, self.next, self.lock = paths, fresh, 0, threading.Lock()
        self.repeated = False

    def take(self) -> str:
        with self.lock:
            index, self.next = self.next, self.next + 1
        if index >= len(self.paths):
            self.repeated = self.repeated or self.fresh
        return self.paths[index % len(self.paths)]


def client(
    port: int, source: PathSource, quota: int | None, deadline: float | None, into: Samples, lock: threading.Lock
) -> None:
    """One client thread: GET the source's paths until its quota or the deadline.

    The connection is reused while the server keeps it open; gunicorn's sync workers close it after every
    response, so each request then includes a (loopback) TCP connect, for the baseline as for the pages.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[tuple[float, float]] = []
    failures, error, sent = 0, "", 0
    while (quota is None or sent < quota) and (deadline is None or time.perf_counter() < deadline):
        sent += 1
        path = source.take()
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
            latencies.append((time.perf_counter() - start, 1.0))
        else:
            failures += 1
            error = error or f"HTTP {status} for {path}"
    conn.close()
    with lock:
        into.latencies += latencies
        into.ok += len(latencies)
        into.failures += failures
        into.first_error = into.first_error or error


def python_burst(
    port: int, paths: list[str], fresh: bool, args: argparse.Namespace, into: Samples, requests: int | None
) -> None:
    """`args.concurrency` threads on one target, for a fixed number of requests or a fixed duration."""
    total = requests or args.requests
    deadline = time.perf_counter() + args.duration if args.duration and requests is None else None
    quotas = [
        None if deadline else total // args.concurrency + (i < total % args.concurrency)
        for i in range(args.concurrency)
    ]
    source, lock = PathSource(paths, fresh), threading.Lock()
    threads = [threading.Thread(target=client, args=(port, source, q, deadline, into, lock)) for q in quotas]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    into.elapsed += time.perf_counter() - start
    into.repeated = into.repeated or source.repeated


def wrk_burst(
    port: int, paths: list[str], fresh: bool, args: argparse.Namespace, into: Samples, seconds: float, workdir: Path
) -> None:
    """One wrk thread with `args.concurrency` connections on one target for `seconds`."""
    script, listing, out = workdir / "bench.lua", workdir / "paths.txt", workdir / "wrk.out"
    if not script.exists():
        script.write_text(WRK_SCRIPT)
    listing.write_text("\n".join(paths) + "\n")
    out.unlink(missing_ok=True)
    command = ["wrk", "-t1", f"-c{args.concurrency}", f"-d{seconds:g}s", "--timeout", "30s", "-s", str(script)]
    env = os.environ | {"BENCH_WRK_PATHS": str(listing), "BENCH_WRK_OUT": str(out)}
    result = subprocess.run(
        [*command, f"http://127.0.0.1:{port}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 60,
    )
    if result.returncode != 0 or not out.exists():
        raise BenchError(f"wrk failed:\n{result.stdout}{result.stderr}")
    first, *grid = out.read_text().split("\n")
    completed, duration_us, connect, read, write, status, timeout = (int(v) for v in first.split())
    ok = completed - status
    values = [int(v) / 1_000_000 for v in grid if v.strip()][:999]
    into.latencies += [(value, ok / len(values)) for value in values] if ok and values else []
    into.ok += ok
    into.failures += status + connect + read + write + timeout
    into.elapsed += duration_us / 1_000_000
    if status and not into.first_error:
        into.first_error = f"{status} answers were not 2xx/3xx"
    into.repeated = into.repeated or (fresh and completed > len(paths))


def measure(port: int, targets: list[Target], args: argparse.Namespace, workdir: Path) -> dict[str, Samples]:
    """One warm-up burst per target, then `args.rounds` rounds, each target once per round, in an
    order that rotates from round to round. A fresh target gets a new slice of its paths per burst."""
    for target in targets:
        status, body, _headers = get(port, target.paths[0])
        if status != 200:
            raise BenchError(f"{target.label} ({target.paths[0]}) answered {status}, not 200; is the page broken?")
        if target.label == "baseline" and len(body) != BASELINE_BYTES:
            raise BenchError(f"The baseline answered {len(body)} bytes, not {BASELINE_BYTES}.")
    slices = {t.label: iter(_slices(t.paths, args.rounds + 1)) if t.fresh else None for t in targets}

    def run(target: Target, into: Samples, warm_up: bool) -> None:
        paths = next(slices[target.label]) if target.fresh else target.paths
        if args.client == "wrk":
            seconds = min(2.0, args.duration) if warm_up else args.duration
            wrk_burst(port, paths, target.fresh, args, into, seconds, workdir)
        else:
            python_burst(
                port,
                paths,
                target.fresh,
                args,
                into,
                max(args.concurrency * 10, args.requests // 5) if warm_up else None,
            )

    for target in targets:
        run(target, Samples(), warm_up=True)  # discarded
    results = {target.label: Samples() for target in targets}
    for round_no in range(args.rounds):
        shift = round_no % len(targets)
        for target in targets[shift:] + targets[:shift]:
            run(target, results[target.label], warm_up=False)
        print(f"  round {round_no + 1}/{args.rounds} done", file=sys.stderr)
    return results


def _slices(paths: list[str], parts: int) -> list[list[str]]:
    size = max(1, len(paths) // parts)
    return [paths[i * size : (i + 1) * size] or paths for i in range(parts)]


def percentile(values: list[float] | list[tuple[float, float]], q: float) -> float:
    """Nearest-rank percentile of `values` (q in 0..100), plain or (value, weight) pairs; 0.0 for none."""
    if not values:
        return 0.0
    pairs = sorted(v if isinstance(v, tuple) else (v, 1.0) for v in values)
    total = sum(weight for _value, weight in pairs)
    wanted, seen = max(q / 100 * total, 1e-9), 0.0
    for value, weight in pairs:
        seen += weight
        if seen >= wanted - 1e-9:
            return value
    return pairs[-1][0]


def summarise(results: dict[str, Samples], targets: list[Target]) -> list[dict[str, Any]]:
    rows = []
    for target in targets:
        samples = results[target.label]
        rows.append(
            {
                "target": target.label,
                "paths": len(target.paths),
                "requests": samples.requests,
                "failed": samples.failures,
                "req_per_s": samples.ok / samples.elapsed if samples.elapsed else 0.0,
                "p50_ms": percentile(samples.latencies, 50) * 1000,
                "p99_ms": percentile(samples.latencies, 99) * 1000,
                "repeated": samples.repeated,
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
    ("p50 ms", "p50_ms", 1),
    ("p99 ms", "p99_ms", 1),
    ("req/s x bare", "req_per_s_ratio", 3),
    ("p50 x bare", "p50_ms_ratio", 1),
    ("p99 x bare", "p99_ms_ratio", 1),
)


def describe_machine(args: argparse.Namespace) -> str:
    database = "PostgreSQL (BENCH_DATABASE_URL)" if os.environ.get("BENCH_DATABASE_URL") else "SQLite (temporary)"
    cache = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "local memory"
    client_name = f"wrk, 1 thread, {args.concurrency} connections, {args.duration:g} s per burst"
    if args.client == "python":
        burst = f"{args.duration:g} s" if args.duration else f"{args.requests} requests"
        client_name = f"Python client, {args.concurrency} threads, {burst} per burst"
    return (
        f"{platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}; "
        f"Django {version('Django')}; gunicorn {version('gunicorn')} ({args.workers} sync workers); "
        f"load generator: {client_name}, on the same machine; database: {database}; cache: {cache}"
    )


def print_table(rows: list[dict[str, Any]], notes: list[str]) -> None:
    """The results as a Markdown table, then what they were measured on."""
    print("\n| target | " + " | ".join(header for header, _key, _decimals in COLUMNS) + " |")
    print("| --- |" + " ---: |" * len(COLUMNS))
    for row in rows:
        cells = " | ".join(f"{row[key]:.{decimals}f}" for _header, key, decimals in COLUMNS)
        print(f"| {row['target']} | {cells} |")
    print("\nRatios are target / baseline: req/s x below 1, p50 x and p99 x above 1 mean slower than the bare view.")
    for note in notes:
        print(f"- {note}")
    print("The numbers are comparable within this run only.")


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
        listing = prepare_database(env, args.articles, workdir, copies=args.copies)
        targets = build_targets(listing)
        cleared = run_python(env, "-c", CLEAR_CACHE)
        if cleared.returncode != 0:
            raise BenchError(f"Emptying the cache failed:\n{cleared.stderr}")
        port = args.port or free_port()
        print(f"Serving on http://127.0.0.1:{port} with {args.workers} gunicorn workers...", file=sys.stderr)
        server = start_server(env, port, args.workers, log)
        try:
            probe = targets[2].paths[-1]
            get(port, probe)
            cached = cache_verdict(get(port, probe)[2])
            searched = cache_verdict(get(port, targets[4].paths[0])[2])
            results = measure(port, targets, args, workdir)
        finally:
            stop_server(server)
        rows = summarise(results, targets)
        timings = listing["timings"]
        notes = [
            f"{len(listing['generated'])} generated articles ({timings['articles']} written and published in this "
            f"run, in {timings['seconds']:.0f} s with {timings['jobs']} processes"
            + (
                f"; then {timings['copied']} copies of their snapshots in {timings['copy_seconds']:.0f} s, "
                "bench/replicate.py"
                if timings.get("copied")
                else ""
            )
            + f") and {len(listing['others'])} demo ones.",
            "Page cache: "
            + (
                f"detected on a second request ({cached})."
                if cached
                else "none detected on a second "
                "request (no Age, X-Cache or public Cache-Control), so cached and uncached both render the page."
            ),
            f"Search page 1: {len(SEARCH_QUERIES)} queries, cycled"
            + (f"; a second request looks cached ({searched})." if searched else "; not cached.")
            + f" Uncached: the same URLs with ?{UNCACHED_PARAMETER}=1, which the page cache neither answers"
            " nor stores, so every request runs the search.",
        ]
        if any(row["repeated"] for row in rows):
            notes.append("Warning: the uncached pages ran out of never-requested URLs; generate more articles.")
        notes.append(describe_machine(args))
        print_table(rows, notes)
        failed = sum(samples.failures for samples in results.values())
        total = sum(samples.requests for samples in results.values())
        errors = "; ".join(f"{label}: {s.first_error}" for label, s in results.items() if s.first_error)
        if failed / max(total, 1) > MAX_FAILURE_RATE:
            raise BenchError(f"{failed} of {total} requests failed ({errors}).")
        if failed:
            print(f"Warning: {failed} of {total} requests failed ({errors}), within the 0.1% tolerance.")
        imported = run_import_bench(env, workdir)
        if args.save:
            saved = BASE_DIR / "bench" / "results" / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
            saved.parent.mkdir(exist_ok=True)
            report = {"args": vars(args), "notes": notes, "pages": rows, "import": imported}
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
