"""Performance figures for each page type, measured in one process on a throwaway database.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python manage.py benchmark   (or: make bench)

For each page type (CASES below) it reports: the warm render time through Django's test client
(middleware included; median of --runs requests after --warmup), that time as a multiple of a bare
Wagtail page, SQL queries of one warm request, the HTML size raw and gzipped, and a first-load
transfer estimate (HTML + CSS + JS + favicon + above-the-fold images, compressed). It then multiplies
the content by ten (child pages, body blocks, navigation links, search hits) and measures again,
to show that the number of queries does not grow with the content. docs/benchmark.md explains
every column and the targets.

Before that, "consultation submissions": gunicorn serves a file copy of the database and 32
residents walk the whole consultation journey over HTTP at the same time, round after round, all
sending their responses at the same moment (consultations/loadtest.py, shared with the
concurrency test). It reports submissions per second, journeys per second, the final POST's p50
and p95, and responses lost (receipts without a stored row). --skip-submissions leaves it out.

The development database (var/db.sqlite3) is never touched: the command creates a fresh test
database (in memory under the test settings), migrates it, loads the demo content with
`load_demo`, and destroys it at the end. Media files go to a temporary folder, and the cache is a
private in-memory one. The exit code is 0 even when a target is missed, unless --strict is given.
"""

import gc
import gzip
import io
import logging
import mimetypes
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings, setup_databases, teardown_databases

KIB = 1024
SCALE = 10  # the "10x content" run
BARE_TEMPLATE = "benchmark/bare_page.html"

# Targets (docs/benchmark.md): warm queries, first-load transfer per kind of page, render vs bare page;
# consultation responses sent at once by 32 residents, per second, and none lost.
MAX_QUERIES = 10
MIN_SUBMISSIONS_PER_SECOND = 200
TRANSFER_BUDGET_KIB = {"home": 150, "text": 60}
MAX_RENDER_RATIO = 3.0

# Above the fold: images not marked loading="lazy", plus a lazy image in <main> preceded by less
# than this much text (it would be on the first screen of a phone anyway).
FOLD_TEXT_CHARS = 300
# The image width a browser picks from a srcset: a 375 px wide phone at 2x, or the 44rem column.
PREFERRED_IMAGE_WIDTH = 800


# --- Page types ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One page type: a label, which transfer budget applies ("home" or "text"), and its URL.

    `locate` is called once the demo content is in the database and returns the URL to request.
    """

    label: str
    budget: str
    locate: Callable[[], str]
    status: int = 200


def page_of(model_label, slug=None, language=None):
    """The URL of the first live page of a model in the default language (or the one with `slug`).

    With `language`, the URL of that page's translation in that language instead.
    """

    def locate():
        model = apps.get_model(model_label)
        pages = model.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
        if slug:
            pages = pages.filter(slug=slug)
        page = pages.order_by("path").first()
        if page is not None and language:
            page = page.get_translations().live().filter(locale__language_code=language).first()
        if page is None:
            wanted = " ".join(filter(None, [model_label, slug, language]))
            raise CommandError(f"No live page for {wanted} in the demo content.")
        return page.url

    return locate


def fixed(url):
    return lambda: url


# Later page types add one line each, for example:
CASES = [
    Case("Home page", "home", page_of("home.HomePage")),
    Case("Standard page", "text", page_of("home.StandardPage", slug="what-you-told-us")),
    Case("Standard page, nested", "text", page_of("home.StandardPage", slug="five-key-areas")),
    Case("Standard page + CTA", "text", page_of("home.StandardPage", slug="our-vision")),
    Case("Standard + CTA, Polish", "text", page_of("home.StandardPage", slug="our-vision", language="pl")),
    Case("News and stories", "text", page_of("stories.StoryIndexPage")),
    Case("Stories, filtered", "text", fixed("/news-and-stories/?theme=environment&year=2020")),
    Case("Vision update", "text", page_of("stories.VisionUpdatePage")),
    Case("Blog post", "text", page_of("stories.BlogPostPage")),
    Case("Video", "text", page_of("stories.VideoPage")),
    Case("Podcast episode", "text", page_of("stories.PodcastEpisodePage")),
    Case("Community story", "text", page_of("stories.CommunityStoryPage")),
    Case("Stories feed", "text", fixed("/news-and-stories/feed/")),
    Case("Consultations hub", "text", page_of("consultations.ConsultationIndexPage")),
    Case("Consultation page", "text", page_of("consultations.ConsultationPage", slug="proposed-vision-and-principles")),
    Case("Consultation step 1", "text", fixed("/consultations/proposed-vision-and-principles/step/1/")),
    Case("Consultation outcome", "text", page_of("consultations.ConsultationOutcomePage")),
    Case("Consultation outcome, Polish", "text", page_of("consultations.ConsultationOutcomePage", language="pl")),
    Case("Search results", "text", fixed("/search/?q=offer")),
    Case("404 page", "text", fixed("/no-such-page/"), status=404),
]


# --- Measuring ----------------------------------------------------------------------------------
@dataclass
class Result:
    label: str
    scale: int
    url: str
    budget: str | None
    status: int
    median_ms: float
    queries: int
    sql: list = field(default_factory=list)
    html_bytes: int = 0
    html_gzip_bytes: int = 0
    transfer_bytes: int = 0
    transfer_parts: dict = field(default_factory=dict)
    ratio: float | None = None


def short_sql(sql, width=230):
    """A query on one line without its column list: enough to see which table and filter it is."""
    sql = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", " ".join(sql.split()), count=1)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def gzipped_size(data, level=9):
    return len(gzip.compress(data, compresslevel=level, mtime=0))


class AssetParser(HTMLParser):
    """Collects what a browser fetches on first load: stylesheets, scripts, icons and images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets, self.scripts, self.icons = [], [], []
        self.images = []  # (url, lazy, text characters of <main> before it)
        self.in_main = 0
        self.main_text = 0
        self.in_picture = False
        self.picture_sources = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main += 1
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                self.stylesheets.append(a["href"])
            elif "icon" in rel:
                self.icons.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "picture":
            self.in_picture, self.picture_sources = True, []
        elif tag == "source" and self.in_picture and a.get("srcset"):
            self.picture_sources.append(a["srcset"])
        elif tag == "img":
            # In a <picture>, a modern browser takes the first <source> (AVIF here) and ignores img src.
            srcset = self.picture_sources[0] if self.in_picture and self.picture_sources else a.get("srcset")
            url = pick_from_srcset(srcset) if srcset else a.get("src")
            if url:
                lazy = (a.get("loading") or "").lower() == "lazy"
                self.images.append((url, lazy, self.main_text if self.in_main else None))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag == "picture":
            self.in_picture = False

    def handle_data(self, data):
        if self.in_main:
            self.main_text += len(data.strip())

    def first_load_images(self):
        return [
            url for url, lazy, before in self.images if not lazy or (before is not None and before < FOLD_TEXT_CHARS)
        ]


def pick_from_srcset(srcset):
    candidates = []
    for part in srcset.split(","):
        bits = part.strip().split()
        if not bits:
            continue
        width = int(bits[1][:-1]) if len(bits) > 1 and bits[1].endswith("w") else 0
        candidates.append((width, bits[0]))
    if not candidates:
        return None
    wide_enough = sorted(c for c in candidates if c[0] >= PREFERRED_IMAGE_WIDTH)
    return (wide_enough[0] if wide_enough else max(candidates))[1]


def read_asset(url):
    """The bytes of a static or media file, found the way the site serves it; None if elsewhere."""
    path = unquote(urlsplit(url).path)
    if urlsplit(url).netloc:
        return None
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        if found:
            with open(found, "rb") as fh:
                return fh.read()
    elif path.startswith(settings.MEDIA_URL):
        name = path[len(settings.MEDIA_URL) :]
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as fh:
                return fh.read()
    return None


def compressed_asset_size(url, data):
    """Text assets are served compressed (gzip -9, as WhiteNoise does); images as they are."""
    kind = mimetypes.guess_type(urlsplit(url).path)[0] or ""
    if kind.startswith("text/") or kind in ("image/svg+xml", "application/javascript", "text/javascript"):
        return gzipped_size(data)
    return len(data)


def transfer_estimate(html):
    """First-load bytes: gzipped HTML (level 6, a typical proxy), CSS, JS, favicon, first-screen images."""
    parser = AssetParser()
    parser.feed(html.decode("utf-8"))
    parts = {"html": gzipped_size(html, level=6), "css": 0, "js": 0, "icons": 0, "images": 0}
    missing = []
    seen = set()
    for kind, urls in (
        ("css", parser.stylesheets),
        ("js", parser.scripts),
        ("icons", parser.icons),
        ("images", parser.first_load_images()),
    ):
        for url in urls:
            if url in seen:
                continue
            seen.add(url)
            data = read_asset(url)
            if data is None:
                missing.append(url)
                continue
            parts[kind] += compressed_asset_size(url, data)
    return sum(parts.values()), parts, missing


class Bench:
    """Requests pages through one test client and measures them (see the module docstring)."""

    def __init__(self, runs, warmup):
        self.client = Client()
        self.runs, self.warmup = runs, warmup

    def get(self, label, url, status):
        response = self.client.get(url)
        if response.status_code != status:
            raise CommandError(f"{label}: GET {url} answered {response.status_code}, expected {status}.")
        return response

    def timed(self, url):
        start = time.perf_counter()
        self.client.get(url)
        return time.perf_counter() - start

    def measure(self, label, url, status=200, budget=None, scale=1, baseline_url=None):
        """Warm up, count the queries of one warm request, then time `runs` requests.

        With `baseline_url` (the bare page), each timed request of the page is paired with one of
        the baseline, so that both see the same machine load; the ratio compares their medians.
        """
        # Each page as a first-time reader sees it: no session cookie left by an earlier case (a
        # consultation step starts a session, and a reader who has one costs one more query).
        self.client.cookies.clear()
        for _ in range(self.warmup):
            self.get(label, url, status)
            if baseline_url:
                self.client.get(baseline_url)
        with CaptureQueriesContext(connection) as captured:
            response = self.get(label, url, status)
        # Read them now: the next request empties the connection's query log (request_started).
        sql = [query["sql"] for query in captured.captured_queries]
        timings, baseline = [], []
        gc.collect()
        for _ in range(self.runs):
            if baseline_url:
                baseline.append(self.timed(baseline_url))
            timings.append(self.timed(url))
        html = response.content
        total, parts, missing = transfer_estimate(html)
        if missing:
            raise CommandError(f"{label}: cannot find {', '.join(missing)} (run `npm run build`?).")
        median = statistics.median(timings)
        return Result(
            label=label,
            scale=scale,
            url=url,
            budget=budget,
            status=response.status_code,
            median_ms=median * 1000,
            queries=len(sql),
            sql=sql,
            html_bytes=len(html),
            html_gzip_bytes=gzipped_size(html, level=6),
            transfer_bytes=total,
            transfer_parts=parts,
            ratio=median / statistics.median(baseline) if baseline else None,
        )


@contextmanager
def bare_page_template():
    """A plain wagtail Page (title only) rendered with a minimal template, only while measuring."""
    from wagtail.models import Page

    previous = Page.template
    Page.template = BARE_TEMPLATE  # subclasses set their own `template`; only plain Page instances see this
    try:
        yield
    finally:
        Page.template = previous


# --- Content ------------------------------------------------------------------------------------
def stream_data(stream, times=1):
    """A StreamField's raw data repeated `times` times, without block ids (new ones are made)."""
    blocks = [{"type": b["type"], "value": b["value"]} for b in stream.raw_data]
    return blocks * times


def repair_page_tree():
    """Problems treebeard finds in the page tree, fixed so the pages can be served (see docs/benchmark.md)."""
    from wagtail.models import Page

    kinds = ("bad characters", "bad step length", "orphans", "wrong depth", "wrong numchild")
    found = {kind: ids for kind, ids in zip(kinds, Page.find_problems(), strict=True) if ids}
    if found:
        Page.fix_tree()
    return found


def create_bare_page():
    from wagtail.models import Page

    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    bare = Page(title="Bare page", slug="benchmark-bare-page", locale=home.locale)
    home.add_child(instance=bare)
    return bare.url


def scale_content(factor):
    """Multiply the demo content: child pages, body blocks, home page lists, navigation and social links."""
    from home.models import HomePage, Navigation, SiteSettings, StandardPage

    originals = list(StandardPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE))
    copies = {page.pk: [page] for page in originals}
    for page in originals:
        parent = page.get_parent()
        for n in range(1, factor):
            copy = StandardPage(
                title=f"{page.title} ({n + 1})",
                slug=f"{page.slug}-{n + 1}",
                summary=page.summary,
                body=stream_data(page.body),
                locale=page.locale,
                show_in_menus=page.show_in_menus,
            )
            parent.add_child(instance=copy)
            copies[page.pk].append(copy)
    for page in StandardPage.objects.all():  # every language
        page.body = stream_data(page.body, factor)
        page.save()
    for home in HomePage.objects.all():
        home.objectives = stream_data(home.objectives, factor)
        home.principles = stream_data(home.principles, factor)
        home.body = stream_data(home.body, factor)
        home.save()
    for nav in Navigation.objects.all():
        for name in ("primary_links", "footer_links"):
            links = []
            for block in getattr(nav, name).raw_data:
                # A link to a copied page becomes links to it and its copies; any other link is repeated.
                targets = copies.get(block["value"].get("page")) or [None] * factor
                for target in targets:
                    value = {**block["value"], "page": target.pk} if target else block["value"]
                    links.append({"type": block["type"], "value": value})
            setattr(nav, name, links)
        nav.save()
    for site_settings in SiteSettings.objects.all():
        site_settings.social_links = stream_data(site_settings.social_links, factor)
        site_settings.save()
    cache.clear()
    return sum(len(c) for c in copies.values())


# --- Consultation submissions -------------------------------------------------------------------
@dataclass
class Submissions:
    database: str
    residents: int
    workers: int
    threads: int
    crowd: object  # consultations.loadtest.Crowd of the measured rounds
    warmup: object  # the untimed first round
    rows_written: int
    lost: int
    load_generator_cpu: float  # seconds of CPU this process (the 32 clients) used in the measured rounds

    @property
    def errors(self):
        return self.warmup.errors + self.crowd.errors


def database_url():
    """The benchmark's own database (the test database on the DATABASE_URL server) as a URL."""
    from urllib.parse import quote

    d = connection.settings_dict
    credentials = quote(d["USER"] or "", safe="") + (":" + quote(d["PASSWORD"], safe="") if d["PASSWORD"] else "")
    host = (d["HOST"] or "localhost") + (f":{d['PORT']}" if d["PORT"] else "")
    return f"postgres://{credentials}{'@' if credentials else ''}{host}/{quote(d['NAME'], safe='')}"


def stored_responses_here():
    """{reference: idempotency key} of the demo consultation's responses, through Django's connection."""
    from consultations.loadtest import DEMO_CONSULTATION_URL
    from consultations.models import Response

    slug = DEMO_CONSULTATION_URL.rstrip("/").rsplit("/", 1)[-1]
    return dict(
        Response.objects.filter(consultation__slug=slug, consultation__locale__language_code="en").values_list(
            "reference", "idempotency_key"
        )
    )


def sqlite_site(workdir, media):
    """A throwaway production-like site on a SQLite file: a copy of the benchmark's database (the
    demo content is in it already), or, on a database server, a new file migrated and filled."""
    from consultations import loadtest

    site = loadtest.make_site(workdir, media_root=media)
    copied = connection.vendor == "sqlite"
    if copied:
        connection.ensure_connection()
        loadtest.copy_database(connection.connection, site.database)
    return loadtest.prepare_site(site, migrate=not copied, demo=not copied)


def measure_submissions(media, residents, rounds, seconds, workers, threads, on_server=False):
    """Serve the site with gunicorn; `residents` walk the journey, round after round.

    On SQLite (`on_server=False`) the server gets a file copy of the benchmark's database (or a new
    file, see sqlite_site); with `on_server=True` it uses the benchmark's own database on the
    DATABASE_URL server. The same media folder is used, so the demo images are there.
    """
    from consultations import loadtest

    with tempfile.TemporaryDirectory(prefix="pkoffer-bench-site-") as workdir:
        if on_server:
            site = loadtest.make_site(workdir, media_root=media)
            site.env["DATABASE_URL"] = database_url()
            loadtest.prepare_site(site, migrate=False, demo=False)

            def stored():
                return stored_responses_here()
        else:
            site = sqlite_site(workdir, media)

            def stored():
                return loadtest.stored_responses(site.database)

        before = stored()
        with loadtest.Server(site, workers=workers, threads=threads) as server:
            warmup = loadtest.run_crowd(server.url, residents=residents, rounds=1)
            crowd = loadtest.Crowd(residents)
            cpu = time.process_time()
            if not warmup.errors:
                crowd = loadtest.run_crowd(
                    server.url, residents=residents, rounds=rounds, seconds=seconds, server_cpu=server.cpu_seconds
                )
            cpu = time.process_time() - cpu
        written = {reference for reference in stored() if reference not in before}
    received = {journey.reference for journey in warmup.received + crowd.received}
    return Submissions(
        database="PostgreSQL" if on_server else "SQLite file (WAL)",
        residents=residents,
        workers=workers,
        threads=threads,
        crowd=crowd,
        warmup=warmup,
        rows_written=len(written),
        lost=len(received - written),
        load_generator_cpu=cpu,
    )


@dataclass
class Throughput:
    clients: int
    workers: int
    threads: int
    paths: list
    runs: dict  # "off" / "on" (the page cache) -> consultations.loadtest.Readers


def reader_paths(limit=60):
    """The public pages of the demo, in every language (their paths), at most `limit`."""
    from wagtail.models import Page

    paths = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        if url and url.startswith("/") and url not in paths:
            paths.append(url)
    return paths[:limit]


def measure_anonymous(media, clients, seconds, workers, threads):
    """Anonymous readers against gunicorn on a copy of the database: page cache off, then on.

    Each run starts a fresh server, warms it with one pass over every path by one reader (untimed), then lets
    `clients` readers fetch the pages in turn for `seconds`."""
    from consultations import loadtest

    paths = reader_paths()
    runs = {}
    with tempfile.TemporaryDirectory(prefix="pkoffer-bench-readers-") as workdir:
        site = sqlite_site(workdir, media)
        for label, cache_seconds in (("off", "0"), ("on", "300")):
            site.env["PKOFFER_PAGE_CACHE_SECONDS"] = cache_seconds
            with loadtest.Server(site, workers=workers, threads=threads) as server:
                loadtest.run_readers(server.url, paths, clients=1, seconds=120, max_requests=len(paths))  # warm-up
                runs[label] = loadtest.run_readers(server.url, paths, clients=clients, seconds=seconds)
    return Throughput(clients=clients, workers=workers, threads=threads, paths=paths, runs=runs)


# --- The command --------------------------------------------------------------------------------
class Command(BaseCommand):
    help = "Render time, SQL queries and transfer size per page type, at 1x and 10x content, against targets."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30, help="timed requests per page (median reported)")
        parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
        parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
        parser.add_argument("--show-sql", action="store_true", help="print the SQL of each warm request")
        parser.add_argument(
            "--skip-submissions", action="store_true", help="leave out the consultation submissions measurement"
        )
        parser.add_argument(
            "--submissions-only", action="store_true", help="only the consultation submissions measurement"
        )
        parser.add_argument(
            "--skip-anonymous", action="store_true", help="leave out the anonymous readers' throughput measurement"
        )
        parser.add_argument("--anonymous-only", action="store_true", help="only the anonymous readers' throughput")
        parser.add_argument(
            "--export-only",
            action="store_true",
            help="only the CSV and XLSX exports of 10,000 and 100,000 responses (time and peak memory)",
        )
        parser.add_argument(
            "--export-sizes",
            type=lambda text: [int(n) for n in text.split(",")],
            default=[10_000, 100_000],
            help="numbers of responses for --export-only, comma-separated (default 10000,100000)",
        )
        parser.add_argument("--readers", type=int, default=16, help="concurrent anonymous readers (throughput)")
        parser.add_argument(
            "--read-seconds", type=float, default=10, help="seconds each throughput run lasts (cache off, then on)"
        )
        parser.add_argument("--residents", type=int, default=32, help="concurrent residents (submissions)")
        parser.add_argument("--rounds", type=int, default=5, help="journeys per resident (submissions)")
        parser.add_argument(
            "--max-seconds", type=float, default=30, help="no new round of journeys after this (submissions)"
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (submissions)")
        # 2 × 4 rather than 2 × 16: with fewer threads per worker a thread holding SQLite's write lock is
        # less often made to wait for the GIL (docs/benchmark.md, "What limits it").
        parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (submissions)")

    def log(self, message=""):
        self.stdout.write(message)
        self.stdout.flush()

    def handle(
        self, *args, runs, warmup, strict, show_sql, skip_submissions, submissions_only, anonymous_only, **options
    ):
        if settings.DEBUG:
            raise CommandError("Run it with the test settings: DJANGO_SETTINGS_MODULE=config.settings.test")
        if runs < 1 or warmup < 1:
            raise CommandError("--runs and --warmup must be at least 1.")
        if skip_submissions and submissions_only:
            raise CommandError("--skip-submissions and --submissions-only leave nothing to measure.")
        if anonymous_only and (submissions_only or options["skip_anonymous"]):
            raise CommandError("--anonymous-only goes with neither --submissions-only nor --skip-anonymous.")
        if anonymous_only:
            skip_submissions = True
        skip_anonymous = options["skip_anonymous"] or submissions_only
        only = submissions_only or anonymous_only
        if min(options["residents"], options["rounds"], options["workers"], options["threads"]) < 1:
            raise CommandError("--residents, --rounds, --workers and --threads must be at least 1.")
        if not finders.find("css/pkoffer.css"):
            raise CommandError("static/css/pkoffer.css is missing: run `npm run build` (or `make assets`).")
        started = time.perf_counter()
        with ExitStack() as stack:
            # Wagtail's page log lines and "Not Found" warnings would bury the table.
            logging.disable(logging.WARNING)
            stack.callback(logging.disable, logging.NOTSET)
            media = stack.enter_context(tempfile.TemporaryDirectory(prefix="pkoffer-bench-media-"))
            stack.enter_context(
                override_settings(
                    MEDIA_ROOT=media,
                    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
                )
            )
            self.log("Creating a throwaway database and loading the demo content…")
            old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())
            stack.callback(teardown_databases, old_config, verbosity=0)
            if options["export_only"]:  # consultations/export_bench.py; no demo content needed
                from consultations.export_bench import run as run_exports

                self.log("Exports: CSV and XLSX of the responses, written to temporary files…")
                run_exports(self.log, sizes=options["export_sizes"])
                self.log(f"\nWhole run: {time.perf_counter() - started:.1f} s")
                return
            call_command("load_demo", stdout=io.StringIO())
            problems = repair_page_tree()
            if problems:
                details = "; ".join(f"{kind}: page ids {ids}" for kind, ids in problems.items())
                self.log(self.style.WARNING(f"load_demo left the page tree inconsistent ({details}); repaired."))
            cache.clear()
            throughput = None
            if not skip_anonymous:
                self.log(
                    f"Anonymous readers: {options['readers']} at once for {options['read_seconds']:g} s, page cache "
                    f"off then on (gunicorn, {options['workers']} workers × {options['threads']} threads)…"
                )
                throughput = measure_anonymous(
                    media, options["readers"], options["read_seconds"], options["workers"], options["threads"]
                )
                cache.clear()
            submissions = []
            if not skip_submissions:
                servers = [False] + ([True] if connection.vendor == "postgresql" else [])
                for on_server in servers:
                    self.log(
                        f"Consultation submissions on {'PostgreSQL' if on_server else 'SQLite'}: "
                        f"{options['residents']} residents, up to {options['rounds']} rounds "
                        f"(gunicorn, {options['workers']} workers × {options['threads']} threads)…"
                    )
                    submissions.append(
                        measure_submissions(
                            media,
                            options["residents"],
                            options["rounds"],
                            options["max_seconds"],
                            options["workers"],
                            options["threads"],
                            on_server=on_server,
                        )
                    )
            results = {} if only else self.run_all(Bench(runs, warmup))
        if results:
            self.report(results, runs, warmup, show_sql)
        if throughput:
            self.report_throughput(throughput)
        for sub in submissions:
            self.report_submissions(sub)
        failures = self.check_targets(results, submissions, throughput)
        self.log(f"\nWhole run: {time.perf_counter() - started:.1f} s")
        if failures and strict:
            raise CommandError(f"{failures} target(s) missed.")

    def run_all(self, bench):
        results = {}
        bare_url = create_bare_page()
        urls = {case.label: case.locate() for case in CASES}
        with bare_page_template():
            for scale in (1, SCALE):
                if scale != 1:
                    created = scale_content(scale)
                    self.log(f"Content multiplied by {scale}: {created} standard pages; bodies, lists, links ×{scale}.")
                self.log(f"Measuring at {scale}× content…")
                results[("bare", scale)] = bench.measure("Bare Wagtail page", bare_url, scale=scale)
                for case in CASES:
                    results[(case.label, scale)] = bench.measure(
                        case.label, urls[case.label], case.status, case.budget, scale, baseline_url=bare_url
                    )
        return results

    # --- Output ---------------------------------------------------------------------------------
    def report(self, results, runs, warmup, show_sql):
        self.log("")
        self.log(
            f"Warm figures, median of {runs} requests after {warmup} warm-up, through the test client "
            f"(middleware included). Sizes in KiB (1024 bytes); 1st load = gzipped HTML + CSS + JS + icons "
            f"+ first-screen images, assets = the same without the HTML."
        )
        header = (
            f"{'Page':<22} {'Content':>7} {'HTTP':>4} {'Render ms':>9} {'× bare':>6} {'Queries':>7} "
            f"{'HTML KiB':>8} {'HTML gz':>7} {'1st load KiB':>12} {'assets KiB':>10}"
        )
        self.log(header)
        self.log("-" * len(header))
        for scale in (1, SCALE):
            rows = [results[("bare", scale)]] + [results[(case.label, scale)] for case in CASES]
            for r in rows:
                ratio = f"{r.ratio:.1f}" if r.ratio is not None else "1.0"
                assets = r.transfer_bytes - r.transfer_parts.get("html", 0)
                self.log(
                    f"{r.label:<22} {f'{scale}×':>7} {r.status:>4} {r.median_ms:>9.2f} {ratio:>6} {r.queries:>7} "
                    f"{r.html_bytes / KIB:>8.1f} {r.html_gzip_bytes / KIB:>7.1f} {r.transfer_bytes / KIB:>12.1f} "
                    f"{assets / KIB:>10.1f}"
                )
            self.log("")
        if show_sql:
            for r in results.values():
                self.log(f"SQL of {r.label} at {r.scale}× ({r.url}):")
                for n, sql in enumerate(r.sql, 1):
                    self.log(f"  {n:>2}. {short_sql(sql)}")

    def report_submissions(self, sub):
        crowd = sub.crowd
        journeys = crowd.journeys
        requests_each = statistics.mean(len(j.statuses) for j in crowd.received) if crowd.received else 0
        rounds = len(crowd.bursts)
        self.log(
            f"Consultation submissions: {sub.residents} concurrent residents over HTTP, gunicorn gthread "
            f"{sub.workers} workers × {sub.threads} threads, production settings, {sub.database}."
        )
        self.log(
            f"  journeys        {len(crowd.received)} of {len(journeys)} completed in {rounds} round(s) "
            f"of {sub.residents} (+ {len(sub.warmup.journeys)} warm-up), {requests_each:.0f} requests each"
        )
        self.log(
            f"  final submit    {crowd.submits_per_second:.1f} submissions/s "
            f"({sub.residents} sent at once per round, from the release to the last answer)"
        )
        self.log(
            f"  final POST      p50 {crowd.submit_percentile(50) * 1000:.0f} ms, p95 {crowd.submit_percentile(95) * 1000:.0f} ms"
        )
        if crowd.burst_server_cpu and crowd.received:
            burst = sum(crowd.bursts)
            server, client = sum(crowd.burst_server_cpu), sum(crowd.burst_client_cpu)
            self.log(
                f"  CPU in bursts   server {server / len(crowd.bursts) / sub.residents * 1000:.1f} ms per submission, "
                f"{server / burst:.2f} cores busy; clients {client / burst:.2f} cores (of {os.cpu_count()})"
            )
        self.log(f"  full journeys   {crowd.journeys_per_second:.1f} journeys/s ({crowd.wall_seconds:.1f} s wall time)")
        self.log(
            f"  lost            {sub.lost} (receipts {len(crowd.received) + len(sub.warmup.received)}, "
            f"rows written {sub.rows_written}); server errors (5xx): {crowd.server_errors + sub.warmup.server_errors}"
        )
        self.log(
            f"  load generator  {sub.load_generator_cpu:.1f} s CPU in this process "
            f"({sub.load_generator_cpu / crowd.wall_seconds if crowd.wall_seconds else 0:.2f} of a core)"
        )
        for error in sub.errors[:10]:
            self.log(self.style.ERROR(f"  {error}"))
        self.log("")

    def report_throughput(self, tp):
        self.log(
            f"Anonymous readers: {tp.clients} at once over HTTP (no cookies, kept-alive connections), "
            f"{len(tp.paths)} public pages in turn, gunicorn gthread {tp.workers} workers × {tp.threads} threads, "
            "production settings, SQLite file, file cache."
        )
        self.log(f"  {'page cache':<11} {'requests/s':>10} {'p50 ms':>7} {'p95 ms':>7} {'requests':>8}  X-Cache / HTTP")
        for label, run in tp.runs.items():
            caches = ", ".join(f"{k} {v}" for k, v in sorted(run.cache.items()))
            statuses = ", ".join(f"{k}: {v}" for k, v in sorted(run.statuses.items()))
            self.log(
                f"  {label:<11} {run.requests_per_second:>10.1f} {run.percentile(50) * 1000:>7.1f} "
                f"{run.percentile(95) * 1000:>7.1f} {len(run.latencies):>8}  {caches} / {statuses}"
            )
        off, on = tp.runs.get("off"), tp.runs.get("on")
        if off and on and off.requests_per_second:
            self.log(f"  the page cache serves {on.requests_per_second / off.requests_per_second:.1f}× the requests")
        for run in tp.runs.values():
            for error in run.errors[:5]:
                self.log(self.style.ERROR(f"  {error}"))
        self.log("")

    def check_targets(self, results, submissions=(), throughput=None):
        self.log("Targets")
        failures = 0

        def verdict(ok, text):
            nonlocal failures
            failures += not ok
            mark = self.style.SUCCESS("PASS") if ok else self.style.ERROR("FAIL")
            self.log(f"  {mark}  {text}")

        if throughput is not None:
            off, on = throughput.runs["off"], throughput.runs["on"]
            verdict(
                not off.errors and not on.errors,
                f"Anonymous readers: {len(off.errors) + len(on.errors)} failed requests (0)",
            )
            verdict(
                on.requests_per_second > off.requests_per_second,
                f"Anonymous readers: {on.requests_per_second:.0f} requests/s with the page cache, "
                f"{off.requests_per_second:.0f} without (more with it)",
            )
        for sub in submissions:
            crowd = sub.crowd
            where = sub.database.split()[0]
            verdict(
                crowd.submits_per_second >= MIN_SUBMISSIONS_PER_SECOND,
                f"Consultation on {where}: {crowd.submits_per_second:.0f} submissions/s from {sub.residents} "
                f"residents at once (≥ {MIN_SUBMISSIONS_PER_SECOND})",
            )
            verdict(
                sub.lost == 0 and not sub.errors and len(crowd.received) > 0,
                f"Consultation on {where}: {sub.lost} responses lost, {len(sub.errors)} journeys failed (0)",
            )
        for case in CASES if results else []:
            one, many = results[(case.label, 1)], results[(case.label, SCALE)]
            worst = max(one.queries, many.queries)
            verdict(worst <= MAX_QUERIES, f"{case.label}: {worst} queries warm (≤ {MAX_QUERIES})")
            verdict(
                many.queries <= one.queries,
                f"{case.label}: queries do not grow with content ({one.queries} at 1×, {many.queries} at {SCALE}×)",
            )
            budget = TRANSFER_BUDGET_KIB[case.budget]
            verdict(
                one.transfer_bytes <= budget * KIB,
                f"{case.label}: first load {one.transfer_bytes / KIB:.1f} KiB gzipped (≤ {budget} KiB)",
            )
            verdict(
                one.ratio <= MAX_RENDER_RATIO,
                f"{case.label}: render {one.ratio:.1f}× the bare page (≤ {MAX_RENDER_RATIO:g}×)",
            )
        summary = "all targets met" if not failures else f"{failures} target(s) missed"
        self.log(f"  {summary}")
        return failures
