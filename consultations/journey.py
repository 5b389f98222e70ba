"""The resident's journey through a consultation: steps, check your answers, submit, receipt.

Answers between steps live in the session (never in the URL). The final submit writes the whole
response in one transaction, keyed by an idempotency token, then redirects to the receipt, so a
double click or a resubmit after "back" stores one response.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language, gettext

from home.security import client_ip

from .forms import StepForm, step_questions

SESSION_PREFIX = "consultation:"
RECEIPTS_KEY = "consultation-receipts"
HONEYPOT_FIELD = "website"  # hidden from people; bots fill it in
RATE_WINDOW = 600  # seconds


def min_fill_seconds():
    """Nobody reads and answers a consultation faster than this (PKOFFER_MIN_FILL_SECONDS)."""
    return getattr(settings, "PKOFFER_MIN_FILL_SECONDS", 5)


def rate_limit():
    """Responses one client may send in RATE_WINDOW seconds (PKOFFER_RESPONSES_PER_10_MINUTES)."""
    return getattr(settings, "PKOFFER_RESPONSES_PER_10_MINUTES", 10)


def private(response):
    """Form pages carry personal answers and a CSRF token: never stored by a cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def draft_for(consultation, request):
    source = consultation.get_source()
    key = f"{SESSION_PREFIX}{source.pk}"
    draft = request.session.get(key)
    if draft is None:
        draft = {"answers": {}, "done_steps": [], "token": secrets.token_urlsafe(24), "started": time.time()}
    return key, draft


def client_key(request, purpose):
    """This client's cache key for a count: a hash of its address, kept only in the cache."""
    client = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    return f"pkoffer:consultation-{purpose}:{client}"


def rate_limited(request):
    """True when this client has sent too many responses recently (counted in the shared cache)."""
    key = client_key(request, "rate")
    if isinstance(caches["default"], FileBasedCache):
        # The embedded file cache writes a file per add() and per incr(): one read and one write
        # instead (about 2 ms less per submission). Requests from one address that are in
        # flight at the same moment may each count once less; the limit is for people, not races.
        count = cache.get(key, 0) + 1
        cache.set(key, count, RATE_WINDOW)
        return count > rate_limit()
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > rate_limit()


def too_many(consultation, request):
    return private(
        TemplateResponse(
            request, "consultations/too_many.html", {"page": consultation, "self": consultation}, status=429
        )
    )


def save_draft(request, key, draft):
    request.session[key] = draft
    request.session.modified = True


def closed_response(consultation, request, status=403):
    return private(
        TemplateResponse(
            request, "consultations/not_open.html", {"page": consultation, "self": consultation}, status=status
        )
    )


def consultation_index(consultation, request):
    return consultation.render(request)


def step_url(consultation, step):
    return consultation.url + consultation.reverse_subpage("step", args=[step])


def check_url(consultation):
    return consultation.url + consultation.reverse_subpage("check_answers")


def answer_matches(answer, option_id):
    if isinstance(answer, list):
        return option_id in answer
    return answer == option_id


def visible_steps(consultation, answers, sections=None):
    """The step numbers this resident sees, given their answers so far.

    A step with a condition ("show this step only if question X is Y") is shown only when the answer
    matches; only answers from steps that are themselves shown count. Evaluated on the server, so
    it works the same without JavaScript.
    """
    conditions = consultation.step_conditions or {}
    shown, answered = [], set()
    for number, section in enumerate(sections if sections is not None else consultation.sections, start=1):
        condition = conditions.get(section.id)
        if condition is None or (
            condition["question"] in answered
            and answer_matches(answers.get(condition["question"]), condition["answer"])
        ):
            shown.append(number)
            answered.update(q.id for q in section.value["questions"])
        # a hidden step's answers do not count, even if the resident gave them before changing their mind
    return shown


def next_destination(consultation, shown, done_steps, after):
    """Where the journey goes next: the first shown step after `after` (or, with after=0, the
    first shown step not done), else check your answers."""
    for number in shown:
        if number > after and (after or number not in done_steps):
            return step_url(consultation, number)
    return check_url(consultation)


def visible_answers(consultation, answers, shown, sections=None):
    """Only the answers to questions of shown steps are sent."""
    keep = set()
    for number, section in enumerate(sections if sections is not None else consultation.sections, start=1):
        if number in shown:
            keep.update(q.id for q in section.value["questions"])
    return {qid: answer for qid, answer in answers.items() if qid in keep}


def step_view(consultation, request, step):
    steps = list(consultation.sections)
    if not 1 <= step <= len(steps):
        return HttpResponseRedirect(step_url(consultation, 1) if steps else consultation.url)
    if consultation.status != consultation.OPEN:
        return closed_response(consultation, request, status=403 if request.method == "POST" else 200)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    key, draft = draft_for(consultation, request)
    shown = visible_steps(consultation, draft["answers"], steps)
    if step not in shown:  # skipped by a condition on an earlier answer
        return HttpResponseRedirect(next_destination(consultation, shown, draft["done_steps"], step))
    # No skipping ahead by URL: every earlier step must have been answered first.
    first_missing = next((n for n in shown if n < step and n not in draft["done_steps"]), None)
    if first_missing is not None:
        return HttpResponseRedirect(step_url(consultation, first_missing))

    section = steps[step - 1].value
    questions = step_questions(section)
    if request.method == "POST":
        form = StepForm(questions, request.POST, stored=draft["answers"])
        if request.POST.get("action") == "save":  # "Save and come back later"
            from .resume import save_for_later

            return save_for_later(consultation, request, step, form, key, draft)
        if request.POST.get(HONEYPOT_FIELD):
            # Filled in by a bot: behave as if all went well, keep nothing.
            return HttpResponseRedirect(step_url(consultation, step))
        if form.is_valid():
            for question in questions:
                draft["answers"].pop(question.id, None)
            draft["answers"].update(form.answers())
            if step not in draft["done_steps"]:
                draft["done_steps"].append(step)
            save_draft(request, key, draft)
            shown = visible_steps(consultation, draft["answers"], steps)
            if request.GET.get("return") == "check":
                # back to the check page, unless the changed answer brought in a step not yet answered
                return HttpResponseRedirect(next_destination(consultation, shown, draft["done_steps"], 0))
            return HttpResponseRedirect(next_destination(consultation, shown, draft["done_steps"], step))
    else:
        form = StepForm(questions, stored=draft["answers"])
        if key not in request.session:
            save_draft(request, key, draft)  # starts the clock for the minimum fill time
    context = {
        "page": consultation,
        "self": consultation,
        "form": form,
        "section": section,
        "step": shown.index(step) + 1,
        "step_count": len(shown),
        "back_url": step_url(consultation, shown[shown.index(step) - 1]) if step != shown[0] else consultation.url,
        "honeypot": HONEYPOT_FIELD,
    }
    return private(TemplateResponse(request, "consultations/step.html", context))


def summary_rows(consultation, answers):
    """(step, question label, readable answer, change URL) for every question."""
    from .blocks import LIKERT_SCALE, PREFER_NOT_TO_SAY

    scale = dict(LIKERT_SCALE)
    rows = []
    sections = list(consultation.sections)
    visible = visible_steps(consultation, answers, sections)
    for step, section in enumerate(sections, start=1):
        if step not in visible:
            continue
        for q in step_questions(section.value):
            answer = answers.get(q.id)
            options = dict(q.options) if "options" in q.value else {}
            if answer in (None, "", [], {}):
                shown = []
            elif q.type in ("single_choice", "about_you"):
                shown = [options.get(answer, "") if answer != PREFER_NOT_TO_SAY else gettext("Prefer not to say")]
            elif q.type == "multiple_choice":
                shown = [options.get(a, "") for a in answer]
            elif q.type == "likert":
                shown = [str(scale.get(answer, ""))]
            elif q.type == "matrix":
                shown = [f"{label}: {scale.get(answer.get(sid), '')}" for sid, label in q.statements if sid in answer]
            elif q.type == "ranking":
                shown = [f"{n}. {options.get(oid, '')}" for n, oid in enumerate(answer, start=1)]
            else:
                shown = [str(answer)]
            rows.append(
                {"label": q.label, "answer": shown, "change_url": step_url(consultation, step) + "?return=check"}
            )
    return rows


def check_answers_view(consultation, request):
    steps = list(consultation.sections)
    if consultation.status != consultation.OPEN:
        return closed_response(consultation, request, status=403 if request.method == "POST" else 200)
    key, draft = draft_for(consultation, request)
    shown = visible_steps(consultation, draft["answers"], steps)
    missing = next((n for n in shown if n not in draft["done_steps"]), None)
    if request.method == "POST":
        source = consultation.get_source()
        token = request.POST.get("token", "")
        from .models import Response

        # A token that is not this browser's journey in progress: a double click or a replayed submit
        # after the first was stored (the first one counts). The journey's own token needs no look-up:
        # two at once both insert and the unique key stops the second (the IntegrityError below).
        if token and token != draft["token"]:
            existing = Response.objects.filter(idempotency_key=token, consultation=source).first()
            if existing is not None:
                return HttpResponseRedirect(receipt_url(consultation, existing.reference, request))
        if missing is not None or token != draft["token"]:
            return HttpResponseRedirect(step_url(consultation, missing or 1))
        from .outcomes import OutcomeEmailForm

        email_form = OutcomeEmailForm(request.POST)
        if not email_form.is_valid():  # nothing stored: the page again, with the error and what was typed
            return check_answers_page(consultation, request, draft, shown, email_form)
        if time.time() - draft.get("started", 0) < min_fill_seconds() or rate_limited(request):
            return too_many(consultation, request)
        labels = {}
        for section in source.sections:
            for q in step_questions(section.value):
                labels[q.id] = q.label
        answers = visible_answers(consultation, draft["answers"], shown, steps)
        try:
            # One write transaction: the response, the sent draft's removal (a post_save signal) and
            # the session without the answers and with the receipt, so a database that takes one
            # writer at a time (SQLite) is locked once per submission, not twice.
            with transaction.atomic():
                response = Response.objects.create(
                    consultation=source,
                    language=get_language(),
                    answers=answers,
                    labels=labels,
                    idempotency_key=token,
                    outcome_email=email_form.cleaned_data["outcome_email"],
                )
                request.session.pop(key, None)
                url = receipt_url(consultation, response.reference, request)
                save_session_now(request)
        except IntegrityError:
            response = Response.objects.get(idempotency_key=token)
            request.session.pop(key, None)
            url = receipt_url(consultation, response.reference, request)
        return HttpResponseRedirect(url)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    if missing is not None:
        return HttpResponseRedirect(step_url(consultation, missing))
    from .outcomes import OutcomeEmailForm

    return check_answers_page(consultation, request, draft, shown, OutcomeEmailForm())


def check_answers_page(consultation, request, draft, shown, email_form):
    context = {
        "page": consultation,
        "self": consultation,
        "rows": summary_rows(consultation, draft["answers"]),
        "token": draft["token"],
        "back_url": step_url(consultation, shown[-1]),
        "form": email_form,
    }
    return private(TemplateResponse(request, "consultations/check_answers.html", context))


def save_session_now(request):
    """Write a database-backed session inside the caller's transaction, so that SessionMiddleware
    has nothing left to write afterwards. Other session engines are left to the middleware."""
    session = request.session
    if session.modified and session.session_key and hasattr(session, "create_model_instance"):
        session.save()
        session.modified = False


def receipt_url(consultation, reference, request):
    receipts = request.session.get(RECEIPTS_KEY, [])
    if reference not in receipts:
        request.session[RECEIPTS_KEY] = [*receipts, reference][-20:]
    return consultation.url + consultation.reverse_subpage("received", args=[reference])


def receipt_view(consultation, request, reference):
    from django.http import Http404

    from .models import Response

    # Only the browser that sent the response sees its answers again.
    if reference not in request.session.get(RECEIPTS_KEY, []):
        raise Http404
    response = Response.objects.filter(reference=reference, consultation=consultation.get_source()).first()
    if response is None:
        raise Http404
    context = {
        "page": consultation,
        "self": consultation,
        "response": response,
        "rows": summary_rows(consultation, response.answers),
    }
    return private(TemplateResponse(request, "consultations/receipt.html", context))
