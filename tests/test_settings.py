"""Settings: production fails fast, passes Django's deploy checks; SQLite is set up for concurrency."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, env_overrides=None, drop=()):
    # DJANGO_ALLOW_ASYNC_UNSAFE may be set by the browser tests in this process; never in a deployment.
    drop = (*drop, "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "pkoffer.example.org",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing, tmp_path):
    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    env.pop(missing)
    result = run_manage("check", env_overrides=env, drop=(missing,))
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr
    # One line naming the variable, at the end of the traceback.
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith(f"Set the {missing} environment variable: production refuses to start without it.")
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    # The embedded database, even when this run has DATABASE_URL (PostgreSQL) set.
    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "DATABASE_URL": ""}
    code = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA synchronous').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.transaction_mode)\n"
    )
    result = run_manage("shell", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["wal", "1", "20000", "IMMEDIATE"]  # synchronous 1 = NORMAL


def test_no_atomic_requests():
    assert not settings.DATABASES["default"].get("ATOMIC_REQUESTS", False)


def test_nothing_calls_out_to_third_parties():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)


def test_languages_are_named_in_their_own_language():
    assert settings.LANGUAGES == [("en", "English"), ("gd", "Gàidhlig"), ("pl", "Polski")]
    assert settings.WAGTAIL_I18N_ENABLED


def test_models_and_migrations_agree(tmp_path):
    # In a subprocess: makemigrations in this process disturbs the test database's serialised
    # contents that the browser tests restore between tests.
    env = {**PRODUCTION, "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    result = run_manage("makemigrations", "--check", "--dry-run", env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_uploads_are_limited():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
