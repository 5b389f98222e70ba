"""/healthz for load balancers and monitoring: is the database answering, is the cache answering."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_GET
def healthz(request):
    """200 {"status": "ok", ...} when every check passes; 503 naming each failed check otherwise."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = "ok" if check() else "failed"
        except Exception as error:  # noqa: BLE001 - any failure of a dependency is a failed check
            logger.warning("health check %s failed: %s", name, type(error).__name__)
            results[name] = "failed"
    failed = [name for name, result in results.items() if result != "ok"]
    body = {"status": "failed" if failed else "ok", "checks": results}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


class HealthCheckMiddleware:
    """Answers /healthz before anything else runs: no host check (load balancers probe by address),
    no HTTPS redirect, no session, no page cache, no Site lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
