"""Settings from the environment: production passes check --deploy; a missing secret stops start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    """DEBUG off with a real secret: `manage.py check --deploy` reports no warnings."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "k" * 20 + "-Zq8#vR2!pL0@xW5$mN7^bT1&cY4*hJ6",
        "DJANGO_ALLOWED_HOSTS": "answers.example.org",
    }
    result = _run(
        "import sys; from django.core.management import execute_from_command_line as m; m(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    """Without DJANGO_SECRET_KEY and with DEBUG off, Django refuses to start and says why."""
    result = _run("import django; django.setup()", {"DJANGO_SETTINGS_MODULE": "config.settings"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_a_secret_and_uses_sqlite():
    """DJANGO_DEBUG=1 (make run) needs no secret and defaults to the SQLite file in the project."""
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)",
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3 True" in result.stdout


@pytest.mark.parametrize(
    ("url", "engine"), [("postgres://u@db:5432/x", "postgresql"), ("sqlite:////tmp/x.db", "sqlite3")]
)
def test_database_url_selects_the_database(url, engine):
    """DATABASE_URL chooses the backend."""
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])",
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", "DATABASE_URL": url},
    )
    assert result.stdout.strip().endswith(engine), result.stderr


def test_redis_url_switches_the_cache():
    """REDIS_URL selects Django's Redis cache backend."""
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])",
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/0"},
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_app_server_refuses_to_start_without_a_secret():
    """gunicorn's entry point (config.wsgi) stops with the clear message; it never falls back to DEBUG."""
    result = _run("import config.wsgi", {})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_manage_py_with_debug_explicitly_off_still_requires_the_secret():
    """Only an environment with no production settings at all gets manage.py's development default."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), "DJANGO_DEBUG": "0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_manage_py_without_settings_runs_in_development_mode():
    """A bare `manage.py check` works for a developer and says it chose DEBUG."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "running with DJANGO_DEBUG=1" in result.stderr


def test_tasks_run_on_the_database_by_default():
    """The embedded default queue is django-tasks-db, with its app installed."""
    result = _run(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TASKS['default']['BACKEND'], 'django_tasks_db' in s.INSTALLED_APPS)",
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1"},
    )
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend True", result.stderr


def test_tasks_backend_rq_moves_the_queue_to_redis():
    """DJANGO_TASKS_BACKEND=rq configures django-tasks-rq on REDIS_URL (read without loading the optional apps)."""
    env = {"DJANGO_DEBUG": "1", "DJANGO_TASKS_BACKEND": "rq", "REDIS_URL": "redis://cache:6379/0"}
    result = _run(
        "import config.settings as s; print(s.TASKS['default']['BACKEND'], s.RQ_QUEUES['default']['URL'], "
        "'django_tasks_rq' in s.INSTALLED_APPS)",
        env,
    )
    assert result.stdout.strip() == "django_tasks_rq.RQBackend redis://cache:6379/0 True", result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_TASKS_BACKEND": "rq"}, "DJANGO_TASKS_BACKEND=rq needs REDIS_URL"),
        ({"DJANGO_TASKS_BACKEND": "celery"}, "DJANGO_TASKS_BACKEND must be “database” or “rq”"),
    ],
)
def test_a_wrong_tasks_backend_stops_start_up_with_a_clear_message(env, message):
    """A queue setting that cannot work is refused at start-up, saying what to set."""
    result = _run("import config.settings", {"DJANGO_DEBUG": "1", **env})
    assert result.returncode != 0
    assert message in result.stderr
