"""Two app servers sharing one database, one cache and one media store: a change made through one
(or by any other process) is seen on the other's very next request.

Two gunicorn processes (`--pythonpath site config.wsgi`, production settings) serve a throwaway
copy of the demo site on loopback. In the embedded set-up they share a SQLite file, a file cache and
a media folder; when the test run has PostgreSQL, Redis and S3 (`.ci/services run`, the second pass
of `make test`) they share a new PostgreSQL database, a Redis database and a folder of the bucket.
Changes are published by a separate `manage.py shell` process (as an editor on a third server
would) and through server 1's admin over HTTP, then read from server 2.
"""

import json
import re
import secrets
import textwrap
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from consultations import loadtest
from home import sites

EDITOR_PASSWORD = secrets.token_urlsafe(16)
H1_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def scaled_services():
    """The services of this test run the servers should share, or None for the embedded set-up."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    return database


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The throwaway site's environment, with its own PostgreSQL database, Redis database and bucket
    folder when the run has them (dropped afterwards)."""
    site = loadtest.make_site(tmp_path_factory.mktemp("two-servers"))
    site.env.update({"PKOFFER_REQUIRE_2FA": "false", "TASKS_BACKEND": "immediate", "LOG_LEVEL": "WARNING"})
    database = scaled_services()
    if database is None:
        yield site
        return
    import psycopg

    name = f"pkoffer_two_servers_{secrets.token_hex(4)}"
    server = {"host": database["HOST"], "port": database["PORT"] or 5432, "user": database["USER"]}
    admin = psycopg.connect(dbname="postgres", password=database["PASSWORD"] or None, autocommit=True, **server)
    admin.execute(f'CREATE DATABASE "{name}"')
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    site.env["DATABASE_URL"] = f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        redis = urlsplit(settings.CACHES["default"]["LOCATION"])
        site.env["REDIS_URL"] = urlunsplit(redis._replace(path="/3"))  # not the test run's own (flushed) database
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        site.env["AWS_STORAGE_BUCKET_NAME"] = settings.AWS_STORAGE_BUCKET_NAME
        site.env["AWS_LOCATION"] = f"two-servers-{secrets.token_hex(4)}"
    try:
        yield site
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def shell(site, code):
    """Runs Python in a `manage.py shell` of the site (another process, like a third server) and
    returns what it printed as JSON."""
    output = loadtest.manage(site, "shell", "--no-startup", "--command", textwrap.dedent(code))
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def servers(shared):
    """The demo site, an editor account, and two gunicorn servers on it."""
    loadtest.prepare_site(shared)
    shell(
        shared,
        f"""
        import json
        from django.contrib.auth import get_user_model
        get_user_model().objects.create_superuser("editor", "editor@example.org", {EDITOR_PASSWORD!r})
        print(json.dumps(True))
        """,
    )
    with loadtest.Server(shared, workers=1, threads=4) as one, loadtest.Server(shared, workers=1, threads=4) as two:
        yield one, two
    assert one.process.poll() is not None and two.process.poll() is not None


@pytest.fixture(scope="module")
def page(servers):
    """A live English standard page of the demo: its id, address and title."""
    return shell(
        servers[0].site,
        """
        import json
        from home.models import StandardPage
        page = StandardPage.objects.live().filter(locale__language_code="en").order_by("path").first()
        print(json.dumps({"id": page.pk, "url": page.url, "title": page.title}))
        """,
    )


def heading(server, path, host=None):
    response = requests.get(server.url + path, headers={"Host": host} if host else {}, timeout=30)
    assert response.status_code == 200, (response.status_code, server.log_tail())
    return " ".join(re.sub(r"<[^>]+>", " ", H1_RE.search(response.text).group(1)).split())


def test_both_servers_share_the_scaled_services(servers):
    expected = {"DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"} if scaled_services() else set()
    assert {name for name in ("DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME") if servers[0].site.env[name]} == (
        expected
    )


def test_a_page_published_elsewhere_is_fresh_on_both_servers(servers, page):
    one, two = servers
    for _ in range(2):  # read twice: anything either server caches is cached now
        assert heading(one, page["url"]) == page["title"]
        assert heading(two, page["url"]) == page["title"]

    shell(
        one.site,
        f"""
        import json
        from home.models import StandardPage
        page = StandardPage.objects.get(pk={page["id"]})
        page.title = "Published a moment ago"
        page.save_revision().publish()
        print(json.dumps(True))
        """,
    )

    assert heading(two, page["url"]) == "Published a moment ago"
    assert heading(one, page["url"]) == "Published a moment ago"


def test_a_new_site_is_served_at_once_by_both_servers(servers, page):
    """Settings → Sites: a host name given its own root page. Each server keeps the Sites it found
    (home/sites.py); a version in the shared cache tells every server when they change."""
    one, two = servers
    home_title = heading(two, "/", host="localhost")  # both know "localhost" as the default site now
    assert heading(one, "/", host="localhost") == home_title != page["title"]

    shell(
        one.site,
        f"""
        import json
        from wagtail.models import Page, Site
        Site.objects.create(hostname="localhost", port=80, root_page=Page.objects.get(pk={page["id"]}))
        print(json.dumps(True))
        """,
    )

    new_title = heading(two, "/", host="localhost")
    assert new_title != home_title
    assert heading(one, "/", host="localhost") == new_title
    assert heading(two, "/") == home_title  # the other host keeps its site


class Browser:
    """An editor's browser on one server, as behind the TLS-terminating proxy production expects
    (X-Forwarded-Proto: https), so the Secure cookies are kept and sent back by hand."""

    def __init__(self, server):
        self.server, self.cookies = server, {}

    def request(self, method, path, **kwargs):
        origin = self.server.url.replace("http://", "https://")
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        response = requests.request(
            method, self.server.url + path, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def form_token(self, path):
        page = self.request("GET", path)
        assert page.status_code == 200, (page.status_code, self.server.log_tail())
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_an_editor_unpublishes_through_server_one_and_server_two_stops_serving(servers, page):
    one, two = servers
    assert requests.get(two.url + page["url"], timeout=30).status_code == 200

    editor = Browser(one)
    token = editor.form_token("/admin/login/")
    signed_in = editor.request(
        "POST",
        "/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": "editor", "password": EDITOR_PASSWORD, "next": "/admin/"},
    )
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/admin/", one.log_tail()
    token = editor.form_token(f"/admin/pages/{page['id']}/unpublish/")
    done = editor.request("POST", f"/admin/pages/{page['id']}/unpublish/", data={"csrfmiddlewaretoken": token})
    assert done.status_code == 302, one.log_tail()

    assert requests.get(two.url + page["url"], timeout=30).status_code == 404
    assert requests.get(one.url + page["url"], timeout=30).status_code == 404


@pytest.mark.django_db
def test_a_site_changed_by_another_server_is_seen_at_the_next_request(client, site_tree, django_assert_num_queries):
    """What the gunicorn test shows, in one process: another server's change reaches this one only
    through the shared cache (its own Site signal handlers never run here)."""
    request = client.get("/").wsgi_request
    with django_assert_num_queries(0):
        assert sites.site_for(request).site_name != "Renamed elsewhere"
    Site.objects.filter(is_default_site=True).update(site_name="Renamed elsewhere")  # no signal here
    assert sites.site_for(request).site_name != "Renamed elsewhere"  # still this process's copy

    cache.delete(sites.VERSION_KEY)  # what saving the Site on the other server does to the shared cache

    assert sites.site_for(request).site_name == "Renamed elsewhere"
