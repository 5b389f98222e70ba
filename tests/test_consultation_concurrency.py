"""32 residents sending their responses at the same moment lose none: a real server, real HTTP.

gunicorn serves a throwaway copy of the site (production settings, threaded workers, a temporary
SQLite file in WAL mode, migrated, with the demo content and its open "vision" consultation); 32
threads, each a browser with its own cookies, walk the whole journey from step 1, wait for each
other at "Check your answers", and send at the same moment. The load generator is
consultations/loadtest.py, shared with `manage.py benchmark`.

The throwaway database starts as a copy of the test database pytest-django has migrated (which
saves migrating another one: about 10 s); the rows are counted with sqlite3 in the server's file.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from consultations import loadtest

RESIDENTS = 32

# Makes pytest-django create the test database even when this module runs alone (it sets up only the
# databases some test asks for), so that the fixture below copies the test database, never var/.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def server(tmp_path_factory, django_db_setup, django_db_blocker):
    """gunicorn on a copy of the (migrated, still empty) test database with the demo content loaded."""
    site = loadtest.make_site(tmp_path_factory.mktemp("concurrency"))
    copied = False
    # With DATABASE_URL set, or a test database made without migrations, the file is migrated from scratch.
    if connection.vendor == "sqlite" and str(connection.settings_dict["NAME"]) != str(settings.SQLITE_PATH):
        with django_db_blocker.unblock():
            if MigrationRecorder(connection).applied_migrations():
                connection.ensure_connection()
                loadtest.copy_database(connection.connection, site.database)
                copied = True
    loadtest.prepare_site(site, migrate=not copied)
    with loadtest.Server(site, workers=2, threads=16) as running:
        yield running
    assert running.process.poll() is not None, "gunicorn is still running"


def stored(server):
    return loadtest.stored_responses(server.site.database)


def test_32_residents_sending_at_once_lose_none(server):
    before = stored(server)
    crowd = loadtest.run_crowd(server.url, loadtest.DEMO_CONSULTATION_URL, residents=RESIDENTS, rounds=1)

    assert crowd.errors == [], server.log_tail()
    assert crowd.server_errors == 0
    assert len(crowd.journeys) == RESIDENTS
    # The 32 final POSTs really overlapped: all were sent after the last resident reached the barrier.
    assert len(crowd.bursts) == 1
    references = [journey.reference for journey in crowd.journeys]
    assert all(references)
    assert len(set(references)) == RESIDENTS
    # Each browser's receipt shows its own reference, not a neighbour's.
    assert [journey.shown_reference for journey in crowd.journeys] == references

    after = stored(server)
    new = {reference: token for reference, token in after.items() if reference not in before}
    assert len(after) - len(before) == RESIDENTS
    assert set(new) == set(references)
    assert {new[journey.reference] for journey in crowd.journeys} == {journey.token for journey in crowd.journeys}


def test_a_sent_response_replayed_five_times_at_once_is_stored_once(server):
    resident = loadtest.Resident(server.url)
    resident.walk_to_check(loadtest.DEMO_CONSULTATION_URL)
    resident.read_receipt(resident.send())
    resident.close()
    journey = resident.journey

    answers = loadtest.replay(server.url, journey, times=5)

    receipt = f"/received/{journey.reference}/"
    assert all(status == 302 and location.endswith(receipt) for status, location in answers), answers
    tokens = list(stored(server).values())
    assert tokens.count(journey.token) == 1


def test_a_response_sent_six_times_at_once_before_any_answer_is_stored_once(server):
    """A double (or sextuple) click: the same browser and token, none of them stored yet."""
    resident = loadtest.Resident(server.url)
    resident.walk_to_check(loadtest.DEMO_CONSULTATION_URL)
    resident.close()
    journey = resident.journey
    before = stored(server)

    answers = loadtest.replay(server.url, journey, times=6)

    assert all(status == 302 and "/received/" in location for status, location in answers), answers
    assert len({location for _status, location in answers}) == 1
    after = stored(server)
    assert len(after) - len(before) == 1
    assert list(after.values()).count(journey.token) == 1
