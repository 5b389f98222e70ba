"""The SQLite backend (site/config/sqlite/base.py): the threads of a process write in turn.

Two connections to one database file, in two threads, each in a transaction that writes: the second
waits for the first to commit (in Python, not in SQLite's busy loop), then writes too; nothing is
lost. A writer held up longer than the database's timeout gets SQLite's "database is locked".

The thread tests run outside pytest-django's per-test transaction: that transaction holds the
process's write lock for the whole test.
"""

import threading
import time

import pytest
from django.db import connections
from django.db.utils import OperationalError


def new_connection(path, timeout=5):
    """A connection of this backend to `path`, with the site's SQLite options (whatever database
    the suite itself runs on: these tests run on the PostgreSQL pass too)."""
    from config.settings.base import SQLITE_OPTIONS
    from config.sqlite.base import DatabaseWrapper
    from django.db.utils import ConnectionHandler

    alias = f"writer-{threading.get_ident()}-{time.monotonic_ns()}"
    options = {**SQLITE_OPTIONS, "timeout": timeout}
    # ConnectionHandler fills in the keys Django's defaults give every database.
    handler = ConnectionHandler({"default": {"ENGINE": "config.sqlite", "NAME": str(path), "OPTIONS": options}})
    return DatabaseWrapper(handler.settings["default"], alias=alias)


@pytest.fixture
def database(tmp_path, django_db_blocker):
    path = tmp_path / "writers.sqlite3"
    with django_db_blocker.unblock():
        setup = new_connection(path)
        with setup.cursor() as cursor:
            cursor.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, who TEXT)")
        setup.close()
        yield path


@pytest.mark.django_db
def test_the_default_database_uses_this_backend():
    if connections["default"].vendor != "sqlite":
        pytest.skip("the suite runs on another database (DATABASE_URL)")
    assert connections["default"].__class__.__module__ == "config.sqlite.base"
    assert connections["default"].transaction_mode == "IMMEDIATE"


def test_a_second_writer_waits_for_the_first_and_both_are_stored(database, django_db_blocker):
    first_in = threading.Event()
    events = []

    def write(who, hold):
        with django_db_blocker.unblock():
            connection = new_connection(database)
            try:
                connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
                events.append(f"{who} began")
                if who == "first":
                    first_in.set()
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO answer (who) VALUES (%s)", [who])
                time.sleep(hold)
                connection.commit()
                events.append(f"{who} committed")
                connection.set_autocommit(True)
            finally:
                connection.close()

    first = threading.Thread(target=write, args=("first", 0.3))
    first.start()
    assert first_in.wait(5)
    second = threading.Thread(target=write, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)
    assert events == ["first began", "first committed", "second began", "second committed"]
    with django_db_blocker.unblock():
        check = new_connection(database)
        with check.cursor() as cursor:
            cursor.execute("SELECT who FROM answer ORDER BY id")
            assert [row[0] for row in cursor.fetchall()] == ["first", "second"]
        check.close()


def test_a_writer_held_up_past_the_timeout_gets_database_is_locked(database, django_db_blocker):
    with django_db_blocker.unblock():
        holder = new_connection(database)
        holder.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        errors = []

        def wait_too_long():
            with django_db_blocker.unblock():
                waiting = new_connection(database, timeout=0.2)
                try:
                    waiting.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
                except OperationalError as error:
                    errors.append(str(error))
                finally:
                    waiting.close()

        thread = threading.Thread(target=wait_too_long)
        thread.start()
        thread.join(10)
        holder.rollback()
        holder.set_autocommit(True)
        holder.close()
    assert errors == ["database is locked"]
    # The lock was given back with the rollback: the next writer goes straight in.
    with django_db_blocker.unblock():
        after = new_connection(database, timeout=0.2)
        after.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        after.rollback()
        after.set_autocommit(True)
        after.close()


def test_writers_of_other_processes_take_the_lock_file_in_turn(database, django_db_blocker):
    """Another process holding the lock file beside the database (another open of the file, as a
    gunicorn worker has) keeps this process's writer out until it lets go."""
    import fcntl
    import os

    other = os.open(f"{database}-writer.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(other, fcntl.LOCK_EX)
    try:
        with django_db_blocker.unblock():
            waiting = new_connection(database, timeout=0.2)
            with pytest.raises(OperationalError, match="database is locked"):
                waiting.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            fcntl.flock(other, fcntl.LOCK_UN)
            waiting.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with waiting.cursor() as cursor:
                cursor.execute("INSERT INTO answer (who) VALUES ('after')")
            waiting.commit()
            waiting.set_autocommit(True)
            # Given back at the commit: the other process takes it at once.
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            waiting.close()
    finally:
        os.close(other)
