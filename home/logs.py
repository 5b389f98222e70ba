"""Logs without personal data: one line per request (request id, method, path without its query
string, status, duration) and every other log record, as JSON lines (LOG_FORMAT=json) or text.

No IP address, email address, query string, cookie or form field is ever written: the request line
is built from a short list of fields, and messages from other loggers have email and IP addresses
masked. Optional error reporting: sentry-sdk when SENTRY_DSN is set (see `init_error_reporting`).
"""

import contextvars
import json
import logging
import re
import time
import uuid

request_id_var = contextvars.ContextVar("request_id", default="")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6 = re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b")
REQUEST_ID = re.compile(r"^[\w.-]{1,64}$")
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


def scrub(text):
    """Mask email and IP addresses in a log message."""
    text = EMAIL.sub("[email]", text)
    text = IPV4.sub("[ip]", text)
    return IPV6.sub("[ip]", text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id and the request fields."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__
            entry["traceback"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)

    converter = time.gmtime


class TextFormatter(logging.Formatter):
    """The same content as plain text, for a developer's terminal."""

    def format(self, record):
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        line = f"{self.formatTime(record, '%H:%M:%S')} {record.levelname} {record.name}: {scrub(record.getMessage())}"
        if request_id:
            line += f" [{request_id}]"
        if record.exc_info:
            line += "\n" + scrub(self.formatException(record.exc_info))
        return line


request_logger = logging.getLogger("pkoffer.request")


class RequestLogMiddleware:
    """Gives each request an id (the proxy's X-Request-ID when it is a plain token, else a new one),
    returns it in the X-Request-ID header and logs one line when the response is ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def _drop_personal_data(event, hint):
    """Sentry events keep the error and the path; never the query, body, cookies, headers or user."""
    request = event.get("request") or {}
    event["request"] = {key: request[key] for key in ("method", "url") if key in request}
    if "url" in event["request"]:
        event["request"]["url"] = event["request"]["url"].split("?", 1)[0]
    event.pop("user", None)
    return event


def init_error_reporting(dsn, environment=""):
    """Send errors to Sentry (or a compatible service such as GlitchTip) only when SENTRY_DSN is set
    and sentry-sdk is installed; otherwise nothing leaves the site. Returns True when it is on."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        logging.getLogger(__name__).warning("SENTRY_DSN is set but sentry-sdk is not installed: errors are only logged")
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=_drop_personal_data,
    )
    return True
