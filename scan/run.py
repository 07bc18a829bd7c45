"""`make scan`: wapiti against a production-like local server; fails on findings above "low".

The server is what production runs: gunicorn, DEBUG off, HTTPS (a throwaway self-signed
certificate, so secure cookies, HSTS and the HTTPS redirect are all on), WhiteNoise with
collected static files, the demo content (no demo logins: DEBUG is off), on PostgreSQL when
SCAN_DATABASE_URL names one (a throwaway database, created and dropped here), else SQLite.
wapiti runs from its own virtualenv (.venv-scan) so its dependencies never meet ours.
"""

import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
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


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    openssl = shutil.which("openssl") or "/usr/bin/openssl"
    command = [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
    command += ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - fixed arguments
    return cert, key


def wait_until_up(url: str, seconds: int = 60) -> None:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # our own throwaway certificate
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, context=context, timeout=5) as response:  # noqa: S310 - our own server
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
    base = f"https://127.0.0.1:{port}/"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(work)),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    say(f"Preparing a production-like server ({'PostgreSQL' if database_url.startswith('postgres') else 'SQLite'})")
    run(PY, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    run(PY, "manage.py", "load_demo", env=env, stdout=subprocess.DEVNULL)
    run(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
    cert, key = certificate(work)
    log = (work / "gunicorn.log").open("w")
    gunicorn = [ROOT / ".venv" / "bin" / "gunicorn", "config.wsgi:application", "--workers", "2", "--threads", "4"]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--certfile", cert, "--keyfile", key, "--access-logfile", "-"]
    server = subprocess.Popen(  # noqa: S603
        gunicorn,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(base + "healthz")
        REPORT.parent.mkdir(exist_ok=True)
        say(f"Scanning {base} with wapiti (at most {MAX_SCAN_SECONDS} s)")
        started = time.monotonic()
        wapiti = [WAPITI, "-u", base, "--scope", "folder", "--flush-session", "-m", MODULES, "--verify-ssl", "0"]
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
    say(f"Requests: {len(requests)}, of which refused with 403 (CSRF and permissions): {refused}")
    for reason, count in Counter(re.findall(r"Forbidden \(([^)]*)\)", "\n".join(access))).most_common(3):
        say(f"  {count} x {reason}")
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
