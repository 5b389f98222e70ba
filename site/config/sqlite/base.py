"""Django's SQLite backend, with the threads of one process taking SQLite's write lock in turn.

SQLite lets one writer in at a time. A transaction here starts with ``BEGIN IMMEDIATE`` (the
``transaction_mode`` in settings), and a connection that finds the lock taken waits in SQLite's busy
handler, which sleeps 1, 2, 5, 10 … up to 100 ms between tries: it often sleeps on after the lock is
free. With several threads per gunicorn worker that waste adds up under a burst of submissions.

So a writer first takes two locks of ours, given back at the commit or rollback: its process's lock
(the threads of a worker queue in Python, woken the moment it is free), then a lock file beside the
database (``<database>-writer.lock``, ``flock``), which the worker processes of the machine take in
turn, trying every 0.5 to 2 ms. SQLite's busy handler is then only met by programs that do not use
this backend (the sqlite3 shell, a backup). A writer waits no longer than the database's ``timeout``,
then gets SQLite's own "database is locked" error, as before. An in-memory database (the tests')
has no lock file: its connections are all in one process.

Everything else is Django's backend (``ENGINE: "config.sqlite"``).
"""

import os
import threading
import time

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS: the process lock alone
    fcntl = None

_writer = threading.Lock()
_lock_files = {}  # database path -> this process's open lock file descriptor


def lock_file(name):
    """This process's descriptor of the database's lock file, or None for an in-memory database."""
    if fcntl is None or not name or name == ":memory:" or str(name).startswith("file:"):
        return None
    path = f"{name}-writer.lock"
    if path not in _lock_files:
        _lock_files[path] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    return _lock_files[path]


def take_file_lock(descriptor, deadline):
    delay = 0.0005
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 0.002)


class DatabaseWrapper(base.DatabaseWrapper):
    holds_writer = False
    held_file = None

    def _start_transaction_under_autocommit(self):
        if self.transaction_mode != "IMMEDIATE":
            return super()._start_transaction_under_autocommit()
        timeout = self.settings_dict["OPTIONS"].get("timeout", 5)
        deadline = time.monotonic() + timeout
        if not _writer.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        self.holds_writer = True
        try:
            descriptor = lock_file(self.settings_dict["NAME"])
            if descriptor is not None:
                if not take_file_lock(descriptor, deadline):
                    raise OperationalError("database is locked")
                self.held_file = descriptor
            super()._start_transaction_under_autocommit()
        except BaseException:
            self.release_writer()
            raise

    def release_writer(self):
        if self.held_file is not None:
            descriptor, self.held_file = self.held_file, None
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        if self.holds_writer:
            self.holds_writer = False
            _writer.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self.release_writer()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self.release_writer()

    def _close(self):
        try:
            return super()._close()
        finally:
            self.release_writer()
