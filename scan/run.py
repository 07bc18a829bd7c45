"""`make scan`: wapiti against a production-like local server; fails on findings above "low".

The server is what production runs: gunicorn, DEBUG off, behind a TLS-terminating proxy
(DJANGO_BEHIND_PROXY=1; wapiti sends the proxy's "X-Forwarded-Proto: https", so the HTTPS
redirect and HSTS are on), WhiteNoise with collected static files, the demo content (no demo
logins: DEBUG is off), on PostgreSQL when SCAN_DATABASE_URL names one (a throwaway database,
created and dropped here), else SQLite. One deviation: cookies are not marked Secure, because
wapiti speaks plain HTTP to the app server and would otherwise never send the CSRF cookie back,
and so never get past a form.
wapiti runs from its own virtualenv (.venv-scan) so its dependencies never meet ours.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
WAPITI = ROOT / ".venv-scan" / "bin" / "wapiti"
REPORT = ROOT / "scan" / "results" / "wapiti.json"
LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
FAIL_ABOVE = 1  # low
MAX_SCAN_SECONDS = int(os.environ.get("SCAN_MAX_SECONDS", "300"))
# Wapiti's default modules, less those that need a server of wapiti's on the internet (none here).
MODULES = "common,-ssrf"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run(*args, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_database(url: str, statement: str) -> None:
    """Run CREATE/DROP DATABASE on the server of ``url``, connected to its "postgres" database."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(statement)


def wait_until_up(url: str, *, headers: dict, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own server
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {seconds} s")


def findings(report: dict) -> list[tuple[int, str, dict]]:
    """(level, category, entry) for every vulnerability and anomaly wapiti reported."""
    found = []
    for section in ("vulnerabilities", "anomalies"):
        for category, entries in (report.get(section) or {}).items():
            found.extend((int(entry.get("level", 0)), category, entry) for entry in entries)
    return found


def summarise(found: list[tuple[int, str, dict]]) -> int:
    """Print every finding; the number above "low"."""
    if not found:
        say("wapiti: no vulnerabilities and no anomalies.")
    for level, category, entry in sorted(found, key=lambda f: -f[0]):
        where = f"{entry.get('method', '')} {entry.get('path', '')}".strip()
        parameter = f" [{entry['parameter']}]" if entry.get("parameter") else ""
        say(f"  {LEVELS.get(level, level):8} {category}: {where}{parameter}: {entry.get('info', '')[:160]}")
    return sum(1 for level, _, _ in found if level > FAIL_ABOVE)


def main() -> int:
    if not WAPITI.exists():
        raise SystemExit("wapiti is not installed: run `make scan` (it creates .venv-scan)")
    database_url = os.environ.get("SCAN_DATABASE_URL", "")
    work = Path(tempfile.mkdtemp(prefix="mqa-scan-"))
    if database_url.startswith("postgres"):
        name = urlsplit(database_url).path.lstrip("/")
        admin_database(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        admin_database(database_url, f'CREATE DATABASE "{name}"')
    else:
        database_url = f"sqlite:///{work / 'scan.sqlite3'}"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(work)),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    say(f"Preparing a production-like server ({'PostgreSQL' if database_url.startswith('postgres') else 'SQLite'})")
    run(PY, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    run(PY, "manage.py", "load_demo", env=env, stdout=subprocess.DEVNULL)
    run(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
    log = (work / "gunicorn.log").open("w")
    gunicorn = [ROOT / ".venv" / "bin" / "gunicorn", "config.wsgi:application", "--workers", "2", "--threads", "4"]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--access-logfile", "-"]
    server = subprocess.Popen(  # noqa: S603
        gunicorn,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(base + "healthz", headers={"X-Forwarded-Proto": "https"})
        REPORT.parent.mkdir(exist_ok=True)
        say(f"Scanning {base} with wapiti (at most {MAX_SCAN_SECONDS} s)")
        started = time.monotonic()
        wapiti = [WAPITI, "-u", base, "--scope", "folder", "--flush-session", "-m", MODULES]
        # What the browser and the proxy would send: HTTPS, and a same-site Referer (Django's CSRF check
        # insists on one over HTTPS), so that wapiti's form attacks reach the views, not the CSRF refusal.
        wapiti += ["-H", "X-Forwarded-Proto: https", "-H", f"Referer: https://127.0.0.1:{port}/"]
        # A CSRF cookie from the start, as a browser would hold it, so that the form tokens wapiti
        # reads while crawling match the cookie it sends while attacking.
        wapiti += ["-C", f"csrftoken={secrets.token_hex(16)}"]
        wapiti += ["--max-scan-time", str(MAX_SCAN_SECONDS), "--max-attack-time", "60", "-x", f"{base}accounts/logout/"]
        wapiti += ["-f", "json", "-o", REPORT, "-dr", "1", "--no-bugreport"]
        subprocess.run(  # noqa: S603
            wapiti,
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL if not os.environ.get("SCAN_VERBOSE") else None,
        )
        say(f"wapiti finished in {time.monotonic() - started:.0f} s; report: {REPORT.relative_to(ROOT)}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if database_url.startswith("postgres"):
            admin_database(database_url, f'DROP DATABASE IF EXISTS "{urlsplit(database_url).path.lstrip("/")}"')
    access = (work / "gunicorn.log").read_text().splitlines()
    server_errors = [line for line in access if '" 50' in line]
    requests = [line for line in access if 'HTTP/1.1" ' in line]
    refused = sum(1 for line in requests if '" 403 ' in line)
    say(f"Requests: {len(requests)}, of which refused with 403: {refused}")
    report = json.loads(REPORT.read_text())
    crawled = report.get("infos", {}).get("crawled_pages_nbr", 0)
    say(f"Pages crawled: {crawled}")
    if not crawled:
        say("FAILED: wapiti crawled nothing, so it tested nothing.")
        return 1
    above_low = summarise(findings(report))
    say(f"Server errors (5xx) during the scan: {len(server_errors)}")
    for line in server_errors[:20]:
        say(f"  {line}")
    if above_low or server_errors:
        say(f"FAILED: {above_low} findings above low, {len(server_errors)} server errors.")
        return 1
    say("Passed: no findings above low, no server errors.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
