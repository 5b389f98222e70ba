"""Residents answering a consultation at the same time, over real HTTP: a load generator.

A throwaway site (SQLite file, media, file cache and collected static files in one temporary
folder) is served by gunicorn as in production (`gunicorn --pythonpath site config.wsgi`, threaded
workers, the production settings with the HTTPS redirect off and the spam limits raised), and
clients, each with its own cookies, walk the whole journey: step 1, every step the server leads
them to, "Check your answers", send, receipt.

Used by tests/test_consultation_concurrency.py and by `manage.py benchmark` (the "consultation
submissions" measurement, explained in docs/benchmark.md).

Answers are read off each step's own form, never from a list of the questions, so this keeps
working when editors change the questions: the first submit button pressed, the first option of
every radio group and checkbox list, distinct places 1..n for a ranking, "PH1 5PH" in a postcode field, an address in an email
field, a number in a numeric field, a sentence in a text field, the honeypot left empty. A field
the server sends back with an error gets its next candidate value. Redirects are followed as the
server gives them, so a step that a condition skips is skipped here too.

Nothing here touches Django's database connection: the server runs in its own processes and the
rows are counted with the sqlite3 module.
"""

import contextlib
import os
import re
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

BASE_DIR = Path(__file__).resolve().parents[1]
DEMO_CONSULTATION_URL = "/consultations/proposed-vision-and-principles/"  # created open by load_demo
HONEYPOT_FIELD = "website"  # consultations.journey.HONEYPOT_FIELD, without importing Django here
TIMEOUT = 60  # seconds for one HTTP request
MAX_PAGES = 30  # steps in one journey, before giving up
MAX_ATTEMPTS = 6  # tries at one step whose answers come back with errors
RECEIVED_RE = re.compile(r"/received/([^/?#]+)/")
SHOWN_REFERENCE_RE = re.compile(r'class="pk_reference"[^>]*>\s*([^<\s]+)\s*<')
# Variables a developer's shell or .env might set that would take the server off the throwaway site.
SCRUBBED = ("DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME")


class JourneyError(Exception):
    """A resident could not finish: the message says at which request and why."""


class PortTaken(Exception):
    """Another process took the free port before gunicorn could bind it."""


# --- The throwaway site -------------------------------------------------------------------------
@dataclass
class Site:
    """Where a throwaway site keeps everything, and the environment its processes run with."""

    workdir: Path
    env: dict

    @property
    def database(self):
        return Path(self.env["SQLITE_PATH"])


def make_site(workdir, media_root=None, responses_per_10_minutes=1_000_000):
    """The environment of a production-like site living in `workdir` (nothing is created yet).

    The per-client rate limit is raised (every client comes from 127.0.0.1) and the minimum fill
    time is 0; everything else is as in production, except that the site answers plain HTTP.
    """
    workdir = Path(workdir)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(dict.fromkeys(SCRUBBED, ""))
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SQLITE_PATH": str(workdir / "db.sqlite3"),
            "CACHE_DIR": str(workdir / "cache"),
            "MEDIA_ROOT": str(media_root or workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "STATIC_URL": "/static/",
            "MEDIA_URL": "/media/",
            "LOG_LEVEL": "WARNING",
            "PKOFFER_MIN_FILL_SECONDS": "0",
            "PKOFFER_RESPONSES_PER_10_MINUTES": str(responses_per_10_minutes),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return Site(workdir, env)


def manage(site, *args, background=False):
    """Runs `manage.py` with the site's environment; raises with its output if it fails."""
    command = [sys.executable, "manage.py", *args]
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=site.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return process if background else finish(process)


def finish(process, timeout=300):
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        raise RuntimeError(f"{' '.join(process.args[1:])} took more than {timeout} s:\n{output[-3000:]}") from None
    if process.returncode:
        raise RuntimeError(f"{' '.join(process.args[1:])} failed ({process.returncode}):\n{output[-3000:]}")
    return output


def prepare_static(site):
    """Starts collectstatic in the background (production serves hashed, compressed files)."""
    return manage(site, "collectstatic", "--noinput", background=True)


def prepare_site(site, migrate=True, demo=True):
    """Migrates the database and loads the demo content, collecting the static files meanwhile.

    `migrate=False` for a copy of a migrated database, `demo=False` if the demo content is in it
    already (see copy_database). load_demo takes 5–15 s on 2 cores, migrating a new file 10–20 s.
    """
    site.workdir.mkdir(parents=True, exist_ok=True)
    static = prepare_static(site)
    steps = [
        step
        for step, wanted in (("c('migrate', interactive=False, verbosity=0)", migrate), ("c('load_demo')", demo))
        if wanted
    ]
    try:
        if steps:  # in one process (each Django start-up costs a second or two)
            code = "from django.core.management import call_command as c; " + "; ".join(steps)
            manage(site, "shell", "--no-startup", "--command", code)
    except BaseException:
        static.kill()
        static.communicate()
        raise
    finish(static)
    return site


def copy_database(connection, path):
    """Copies an open SQLite database (a sqlite3 connection, even an in-memory one) to a file.

    The test suite and the benchmark start from their own migrated database this way.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(path)
    try:
        connection.backup(target)
    finally:
        target.close()


# --- The server ---------------------------------------------------------------------------------
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the site on 127.0.0.1, with threaded workers; a context manager.

    Started in its own process group, so that stopping it never leaves a worker behind.
    """

    def __init__(self, site, workers=2, threads=16, options=()):
        self.site, self.workers, self.threads, self.options = site, workers, threads, list(options)
        self.process = None
        self.url = None
        self.log = site.workdir / "gunicorn.log"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, wait=60, attempts=3):
        """Starts gunicorn on a free port and waits until it answers; tries another port if the
        chosen one was taken in the meantime."""
        for attempt in range(attempts):
            try:
                return self.start_once(wait)
            except PortTaken:
                if attempt == attempts - 1:
                    raise
        return self

    def start_once(self, wait):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--pythonpath",
            "site",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
            *self.options,  # any other gunicorn option, e.g. ["--config", "gunicorn.conf.py"]
            "config.wsgi",
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=self.site.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log_tail()
                if "Address already in use" in log:
                    raise PortTaken(port)
                raise RuntimeError(f"gunicorn stopped ({self.process.returncode}):\n{log}")
            try:
                if requests.get(self.url + "/", timeout=5).status_code < 500:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {wait} s:\n{self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # quick shutdown: the master stops its workers at once
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # the process group this server started in
            self.process.wait(5)

    def cpu_seconds(self):
        """CPU time (user + system) the server's processes have used so far; None where /proc cannot tell."""
        if self.process is None:
            return None
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            ticks = 0
            for process in [str(pid), *children]:
                fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime and stime, in clock ticks
        except (OSError, ValueError, IndexError):
            return None
        return ticks / os.sysconf("SC_CLK_TCK")

    def log_tail(self, chars=3000):
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


# --- Reading and filling forms ------------------------------------------------------------------
@dataclass
class Form:
    """The first POST form of a page: its action, its controls, and the names the server marked wrong."""

    action: str = ""
    controls: list = field(default_factory=list)  # (tag, attributes, options of a select)
    errors: set = field(default_factory=set)

    def has(self, name):
        return any(attrs.get("name") == name for _tag, attrs, _options in self.controls)

    def fill(self, resident=0, attempts=None):
        """[(name, value)] as a browser would send it, with valid answers (see the module docstring).

        `attempts` {field name: n}: take each field's n-th candidate value, for fields sent back with errors.
        """
        attempts = attempts or {}
        data = []
        radios, checkboxes, selects = {}, {}, {}
        pressed = False  # the first submit button is the one pressed (as Enter would)
        for tag, attrs, options in self.controls:
            name = attrs.get("name")
            default = "submit" if tag == "button" else "text"
            kind = (attrs.get("type") or default).lower() if tag in ("input", "button") else tag
            if kind in ("submit", "image"):
                if not pressed and name:
                    data.append((name, attrs.get("value", "")))
                pressed = True
                continue
            if not name or "disabled" in attrs or kind in ("button", "reset", "file"):
                continue
            if kind == "hidden":
                data.append((name, attrs.get("value", "")))
            elif kind == "radio":
                radios.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind == "checkbox":
                checkboxes.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind == "select":
                selects[name] = [value for value in options if value != ""]
            elif name == HONEYPOT_FIELD or attrs.get("tabindex") == "-1":
                data.append((name, ""))  # the honeypot: hidden from people, left empty
            else:
                candidates = text_candidates(kind, attrs, resident)
                value = candidates[attempts.get(name, 0) % len(candidates)]
                limit = attrs.get("maxlength", "")
                data.append((name, value[: int(limit)] if limit.isdigit() else value))
        for group in (radios, checkboxes):
            for name, values in group.items():
                data.append((name, values[attempts.get(name, 0) % len(values)]))
        # Selects named question__option are one ranking: the k-th gets the k-th place, so places differ.
        positions = Counter()
        for name, values in selects.items():
            if not values:
                continue
            question = name.split("__")[0]
            shift = max(attempts.get(other, 0) for other in selects if other.split("__")[0] == question)
            data.append((name, values[(positions[question] + shift) % len(values)]))
            positions[question] += 1
        return data


def text_candidates(kind, attrs, resident):
    """Values to try, in order, for a text field: what kind of field it is shows in its attributes."""
    autocomplete = (attrs.get("autocomplete") or "").lower()
    if kind == "email" or autocomplete == "email":
        return [f"resident{resident}@example.org"]
    if autocomplete == "postal-code":
        return ["PH1 5PH", "PH2 8NG", "KY13 8AA"]
    if kind == "number" or (attrs.get("inputmode") or "").lower() in ("numeric", "decimal"):
        bounds = [attrs[a] for a in ("min", "max") if (attrs.get(a) or "").lstrip("-").isdigit()]
        return bounds + ["1", "2", "5", "10", "0", "100", "1000"]
    if kind == "textarea":
        return [f"Load test answer from resident {resident}: more buses in rural areas, please.", "Thank you."]
    return [f"Resident {resident}", "Yes"]


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.form = None  # the first POST form
        self.in_form = False
        self.select = None
        self.option = None  # an <option> without a value attribute: its text is the value
        self.errors = set()

    def handle_starttag(self, tag, attrs):
        a = {name: value if value is not None else "" for name, value in attrs}
        if a.get("id", "").startswith("error-"):  # the templates' error messages: id="error-<field name>"
            self.errors.add(a["id"][len("error-") :])
        if tag == "form" and self.form is None and a.get("method", "get").lower() == "post":
            self.form, self.in_form = Form(action=a.get("action", "")), True
        elif not self.in_form:
            return
        elif tag in ("input", "textarea", "button"):
            self.form.controls.append((tag, a, None))
        elif tag == "select":
            self.select = []
            self.form.controls.append((tag, a, self.select))
        elif tag == "option" and self.select is not None:
            if "value" in a:
                self.select.append(a["value"])
            else:
                self.option = []

    def handle_data(self, data):
        if self.option is not None:
            self.option.append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            self.select.append("".join(self.option).strip())
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def read_form(html):
    parser = FormParser()
    parser.feed(html)
    parser.close()
    if parser.form is not None:
        parser.form.errors = parser.errors
    return parser.form


# --- Residents ----------------------------------------------------------------------------------
@dataclass
class Journey:
    """What one resident saw: every status code, the reference, how long the final POST took."""

    resident: int
    statuses: list = field(default_factory=list)
    token: str | None = None
    reference: str | None = None  # from the redirect after sending
    shown_reference: str | None = None  # as the receipt page shows it
    submit_seconds: float | None = None
    started: float | None = None
    submitted: float | None = None  # when the final POST's answer came back (perf_counter)
    finished: float | None = None
    error: str | None = None
    check_url: str | None = None
    send_data: list | None = None  # the final POST's form data, for replaying it
    cookies: dict | None = None


class Resident:
    """One browser: its own cookies and connection; walks the journey from step 1 to the receipt."""

    def __init__(self, base_url, number=0, cookies=None):
        self.base_url = base_url
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "pkoffer-loadtest"
        # A browser sends its page's origin with every form POST; the first step is checked on it
        # (consultations/csrf.py).
        scheme, netloc = urlsplit(base_url)[:2]
        self.http.headers["Origin"] = f"{scheme}://{netloc}"
        for name, value in (cookies or {}).items():
            self.http.cookies.set(name, value, domain="127.0.0.1", path="/")
        self.journey = Journey(number)

    def close(self):
        self.http.close()

    def reconnect(self):
        """Drops the kept-alive connection after a wait: the server closes idle ones after 2 s
        (gunicorn's keepalive), and a request sent on a connection the server has just closed fails
        with a reset that a browser would retry on a new connection. Cookies are kept."""
        self.http.close()

    def request(self, method, url, **kwargs):
        try:
            response = self.http.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            raise JourneyError(f"{method} {urlsplit(url).path}: {exc}") from exc
        self.journey.statuses.append(response.status_code)
        # The production settings mark the session and CSRF cookies Secure; this server on 127.0.0.1
        # has no TLS in front of it, so the cookies are kept as a browser keeps them for localhost.
        for cookie in self.http.cookies:
            cookie.secure = False
        if response.status_code >= 500:
            raise JourneyError(f"{method} {urlsplit(url).path} answered {response.status_code}")
        return response

    def get(self, url):
        """GET, following redirects one by one (every status is recorded)."""
        for _ in range(10):
            response = self.request("GET", url)
            if not response.is_redirect:
                if response.status_code != 200:
                    raise JourneyError(f"GET {urlsplit(url).path} answered {response.status_code}")
                return response
            url = urljoin(url, response.headers["Location"])
        raise JourneyError(f"too many redirects from {urlsplit(url).path}")

    def walk_to_check(self, consultation_url):
        """Answers every step the server leads to; returns at "Check your answers" (its form has a token)."""
        self.journey.started = time.perf_counter()
        page = self.get(urljoin(self.base_url, consultation_url + "step/1/"))
        for _ in range(MAX_PAGES):
            form = read_form(page.text)
            if form is None:
                raise JourneyError(f"no form at {urlsplit(page.url).path}")
            if form.has("token"):
                self.journey.check_url = urljoin(page.url, form.action)
                self.journey.send_data = form.fill(self.journey.resident)
                self.journey.token = dict(self.journey.send_data)["token"]
                self.journey.cookies = self.http.cookies.get_dict()
                return
            page = self.answer_step(page.url, form)
        raise JourneyError(f"more than {MAX_PAGES} steps")

    def answer_step(self, url, form):
        attempts = Counter()
        for _ in range(MAX_ATTEMPTS):
            response = self.request("POST", urljoin(url, form.action), data=form.fill(self.journey.resident, attempts))
            if response.is_redirect:
                return self.get(urljoin(url, response.headers["Location"]))
            if response.status_code != 200:
                raise JourneyError(f"POST {urlsplit(url).path} answered {response.status_code}")
            form = read_form(response.text)
            if form is None or not form.errors:
                raise JourneyError(f"POST {urlsplit(url).path} came back without a redirect or an error")
            attempts.update(form.errors)
        raise JourneyError(f"no valid answers found for {urlsplit(url).path}: errors on {sorted(form.errors)}")

    def send(self):
        """The final POST ("Send response"), timed; returns the receipt's URL."""
        journey = self.journey
        start = time.perf_counter()
        response = self.request("POST", journey.check_url, data=journey.send_data)
        journey.submitted = time.perf_counter()
        journey.submit_seconds = journey.submitted - start
        location = response.headers.get("Location", "")
        match = RECEIVED_RE.search(location) if response.is_redirect else None
        if match is None:
            raise JourneyError(f"sending answered {response.status_code} {location}".strip())
        journey.reference = match.group(1)
        return urljoin(journey.check_url, location)

    def read_receipt(self, url):
        """The receipt page, and the reference it shows."""
        receipt = self.get(url)
        shown = SHOWN_REFERENCE_RE.search(receipt.text)
        self.journey.shown_reference = shown.group(1) if shown else None
        self.journey.cookies = self.http.cookies.get_dict()
        self.journey.finished = time.perf_counter()


def replay(base_url, journey, times=5):
    """Sends a journey's final POST `times` times at once from the same browser (same cookies, same
    token): a double click, or "back" and send again. Returns the Location of each answer."""
    barrier = threading.Barrier(times)
    answers = [None] * times

    def send(n):
        resident = Resident(base_url, cookies=journey.cookies)
        try:
            barrier.wait(TIMEOUT)
            response = resident.request("POST", journey.check_url, data=journey.send_data)
            answers[n] = (response.status_code, response.headers.get("Location"))
        except (JourneyError, threading.BrokenBarrierError) as exc:
            answers[n] = (None, str(exc))
        finally:
            resident.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


# --- A crowd of residents -----------------------------------------------------------------------
@dataclass
class Crowd:
    """Every journey of a run, and the timing of each round's burst of final POSTs."""

    residents: int
    journeys: list = field(default_factory=list)
    bursts: list = field(default_factory=list)  # seconds from a round's release to its last answer
    burst_server_cpu: list = field(default_factory=list)  # CPU seconds the server used in each burst
    burst_client_cpu: list = field(default_factory=list)  # ... and this process (the clients)
    wall_seconds: float = 0.0

    @property
    def received(self):
        return [j for j in self.journeys if j.reference]

    @property
    def errors(self):
        return [f"resident {j.resident}: {j.error}" for j in self.journeys if j.error]

    @property
    def server_errors(self):
        return sum(1 for j in self.journeys for status in j.statuses if status >= 500)

    @property
    def submits_per_second(self):
        total = sum(self.bursts)
        return len([j for j in self.journeys if j.submit_seconds is not None]) / total if total else 0.0

    @property
    def journeys_per_second(self):
        return len(self.received) / self.wall_seconds if self.wall_seconds else 0.0

    def submit_percentile(self, p):
        times = sorted(j.submit_seconds for j in self.journeys if j.submit_seconds is not None)
        if not times:
            return 0.0
        if len(times) == 1:
            return times[0]
        return statistics.quantiles(times, n=100, method="inclusive")[p - 1]


def run_crowd(base_url, consultation_url=DEMO_CONSULTATION_URL, residents=32, rounds=1, seconds=None, server_cpu=None):
    """`residents` threads, each a new resident for every journey, walk the journey `rounds` times.

    In each round every resident answers the steps, then all wait at a barrier and send their
    responses at the same moment, so the final POSTs really overlap; the receipts are read once
    every answer is back, so that a round's burst (release to last answer) is the final POSTs alone.
    `server_cpu`, a function such as Server.cpu_seconds, is read at both ends of each burst. With `seconds`, no new round
    starts after that time (the round under way finishes). A resident that fails breaks the barrier:
    the others stop too, and every error is in `Crowd.errors`.
    """
    crowd = Crowd(residents)
    lock = threading.Lock()
    state = {"release": None, "stop": False, "sent": []}
    deadline = time.perf_counter() + seconds if seconds else None

    def released():  # run by one thread once all have arrived, before any is let through
        state["cpu"] = (server_cpu() if server_cpu else None, time.process_time())
        state["release"] = time.perf_counter()
        state["stop"] = deadline is not None and state["release"] >= deadline

    def all_sent():
        server, client = state["cpu"]
        if server is not None:
            crowd.burst_server_cpu.append(server_cpu() - server)
        crowd.burst_client_cpu.append(time.process_time() - client)

    ready = threading.Barrier(residents, action=released)  # all at "Check your answers"
    sent = threading.Barrier(residents, action=all_sent)  # all answers to the final POSTs are back

    def resident_loop(number):
        for round_number in range(rounds):
            resident = Resident(base_url, number + round_number * residents)
            with lock:
                crowd.journeys.append(resident.journey)
            try:
                resident.walk_to_check(consultation_url)
                ready.wait(TIMEOUT * 2)
                resident.reconnect()
                receipt_url = resident.send()
                with lock:
                    state["sent"].append((round_number, state["release"], resident.journey.submitted))
                sent.wait(TIMEOUT * 2)  # the receipts wait, so that a burst is the final POSTs alone
                resident.reconnect()
                resident.read_receipt(receipt_url)
            except threading.BrokenBarrierError:
                resident.journey.error = "stopped: another resident failed"
                return
            except JourneyError as exc:
                resident.journey.error = str(exc)
                ready.abort()
                sent.abort()
                return
            finally:
                resident.close()
            if state["stop"]:
                return

    start = time.perf_counter()
    threads = [threading.Thread(target=resident_loop, args=(n,), name=f"resident-{n}") for n in range(residents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    crowd.wall_seconds = time.perf_counter() - start
    by_round = {}
    for round_number, release, submitted in state["sent"]:
        by_round[round_number] = (release, max(submitted, by_round.get(round_number, (0, 0))[1]))
    crowd.bursts = [last - release for release, last in by_round.values()]
    return crowd


# --- Anonymous readers ---------------------------------------------------------------------------
@dataclass
class Readers:
    """What `run_readers` saw: one latency per answered request, statuses, X-Cache values."""

    clients: int
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # X-Cache value (HIT, MISS, none) -> count
    errors: list = field(default_factory=list)

    @property
    def requests_per_second(self):
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p):
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def run_readers(base_url, paths, clients=16, seconds=10.0, max_requests=100_000):
    """`clients` threads, each an anonymous reader on one kept-alive connection and without cookies,
    GET the `paths` in turn (each starting at a different one) until `seconds` have passed or
    `max_requests` have been sent in all. Bounded either way: it stops by itself."""
    import http.client

    host, port = urlsplit(base_url).hostname, urlsplit(base_url).port
    readers = Readers(clients)
    lock = threading.Lock()
    counter = iter(range(max_requests))
    deadline = time.perf_counter() + seconds

    def reader(number):
        connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        index = number
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if next(counter, None) is None:
                        return
                path = paths[index % len(paths)]
                index += 1
                started = time.perf_counter()
                try:
                    connection.request(
                        "GET", path, headers={"Accept-Encoding": "identity", "User-Agent": "pkoffer-readers"}
                    )
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    connection.close()
                    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
                    with lock:
                        readers.errors.append(f"GET {path}: {exc}")
                    continue
                took = time.perf_counter() - started
                with lock:
                    readers.latencies.append(took)
                    readers.statuses[response.status] = readers.statuses.get(response.status, 0) + 1
                    state = response.getheader("X-Cache") or "none"
                    readers.cache[state] = readers.cache.get(state, 0) + 1
                    if response.status >= 500:
                        readers.errors.append(f"GET {path} answered {response.status}")
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(n,), name=f"reader-{n}") for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    readers.seconds = time.perf_counter() - started
    return readers


# --- Counting what was stored -------------------------------------------------------------------
def stored_responses(database, consultation_url=DEMO_CONSULTATION_URL, language="en"):
    """{reference: idempotency key} of every response stored for the consultation at that URL
    (responses in every language are stored against the one in the default language)."""
    slug = consultation_url.rstrip("/").rsplit("/", 1)[-1]
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as db:
        rows = db.execute(
            """
            SELECT r.reference, r.idempotency_key FROM consultations_response r
            WHERE r.consultation_id = (
                SELECT p.id FROM wagtailcore_page p
                JOIN consultations_consultationpage c ON c.page_ptr_id = p.id
                JOIN wagtailcore_locale l ON l.id = p.locale_id
                WHERE p.slug = ? ORDER BY l.language_code = ? DESC, p.id LIMIT 1
            )
            """,
            (slug, language),
        ).fetchall()
    return dict(rows)
