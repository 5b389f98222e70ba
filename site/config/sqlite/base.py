"""Django's SQLite backend, with the threads of one process taking SQLite's write lock in turn.

SQLite lets one writer in at a time. A transaction here starts with ``BEGIN IMMEDIATE`` (the
``transaction_mode`` in settings), and a connection that finds the lock taken waits in SQLite's busy
handler, which sleeps 1, 2, 5, 10 … up to 100 ms between tries: it often sleeps on after the lock is
free. With several threads per gunicorn worker that waste adds up under a burst of submissions.

So each process keeps its own lock, taken before ``BEGIN IMMEDIATE`` and given back at the commit or
rollback: the threads of a worker queue in Python (woken the moment the lock is free) and only the
other worker processes meet in SQLite's busy handler. A thread waits for the lock no longer than the
database's ``timeout``, then gets SQLite's own "database is locked" error, as before.

Everything else is Django's backend (``ENGINE: "config.sqlite"``).
"""

import threading

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

_writer = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    holds_writer = False

    def _start_transaction_under_autocommit(self):
        if self.transaction_mode != "IMMEDIATE":
            return super()._start_transaction_under_autocommit()
        timeout = self.settings_dict["OPTIONS"].get("timeout", 5)
        if not _writer.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        self.holds_writer = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self.release_writer()
            raise

    def release_writer(self):
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
