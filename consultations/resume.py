"""Save and come back later: a resume code (and, on request, an emailed link) restores a draft.

The pattern of GOV.UK Forms and Citizen Space "save and return":

- "Save and come back later" on a step keeps the valid answers of that step (errors never block
  saving), stores a SavedDraft and shows a resume code, its expiry and the link to come back.
- The code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of
  four: 31^12 (about 8 × 10^17) codes, with wrong attempts limited per client, so guessing is hopeless.
  Only an HMAC of it (keyed with SECRET_KEY) is stored; the plain code is kept only in the
  resident's own session (which holds the answers anyway), so they can save again under it.
- "Email me a link" sends the link and code in the resident's language; the address is used for
  that one message and never stored.
- Restoring (the code typed at resume/, or the emailed link resume/<code>/ and its confirm button:
  a GET never restores, so mail scanners that follow links change nothing) puts the answers back in
  the session draft. A draft can be restored again until it expires or its response is sent.
- The restored journey sends with an idempotency token derived from the code, so the response is
  stored once even if the draft was restored in two browsers, and the SavedDraft is deleted when
  that response arrives (a post_save receiver in models.py).
"""

import datetime
import hashlib
import hmac
import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from . import journey

logger = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # as new_reference(): nothing to confuse
CODE_LENGTH = 12
# Per client (a hash of its address, kept only in the cache) in journey.RATE_WINDOW seconds:
WRONG_CODES_ALLOWED = 10
SAVES_ALLOWED = 30
EMAILS_ALLOWED = 5


def draft_days():
    """Days a saved draft can be restored (PKOFFER_DRAFT_DAYS)."""
    return getattr(settings, "PKOFFER_DRAFT_DAYS", 28)


# --- Codes -------------------------------------------------------------------------------------


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed):
    """What the resident typed, as a code: case, spaces and hyphens do not matter. None if it
    cannot be a code."""
    code = "".join(ch for ch in (typed or "").upper() if not ch.isspace() and ch not in "-–—")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def display_code(code):
    """ABCD EFGH JKMN: easier to read, copy and say on the phone."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def _keys():
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _mac(key, purpose, code):
    return hmac.new(key.encode(), f"pkoffer:{purpose}:{code}".encode(), hashlib.sha256).hexdigest()


def code_hash(code, key=None):
    return _mac(key or settings.SECRET_KEY, "draft-code", code)


def draft_token(code):
    """The idempotency token the journey sends with once the draft is saved or restored."""
    return _mac(settings.SECRET_KEY, "draft-token", code)


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def find_draft(consultation, code):
    """The SavedDraft for this code (expired or not), or None. Codes hashed with an old
    SECRET_KEY (in SECRET_KEY_FALLBACKS) still work after the key is rotated."""
    from .models import SavedDraft

    hashes = [code_hash(code, key) for key in _keys()]
    found = SavedDraft.objects.filter(consultation=consultation.get_source(), code_hash__in=hashes)
    return found.select_related("consultation").first()


def expired_drafts(now=None):
    """Drafts that can no longer be restored: past their expiry, or their consultation has closed."""
    from django.db.models import Q

    from .models import SavedDraft

    now = now or timezone.now()
    return SavedDraft.objects.filter(Q(expires_at__lte=now) | Q(consultation__closes_at__lte=now))


def usable_until(saved):
    """When the resident can no longer use the draft: its expiry, or the close if sooner."""
    return min(saved.expires_at, saved.consultation.closes_at)


# --- Rate limits ---------------------------------------------------------------------------------


def count(request, purpose):
    """Adds one to this client's count for `purpose` (as journey.rate_limited) and returns it."""
    key = journey.client_key(request, purpose)
    cache.add(key, 0, journey.RATE_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, journey.RATE_WINDOW)
        return 1


def counted(request, purpose):
    return cache.get(journey.client_key(request, purpose), 0)


# --- Urls --------------------------------------------------------------------------------------


def saved_url(consultation):
    return consultation.url + consultation.reverse_subpage("saved_for_later")


def resume_url(consultation):
    return consultation.url + consultation.reverse_subpage("resume")


def resume_code_url(consultation, code):
    return consultation.url + consultation.reverse_subpage("resume_with_code", args=[code])


# --- Saving --------------------------------------------------------------------------------------


def valid_answers(form, stored):
    """The stored answers updated with what is valid on this step's form (already bound).

    A question answered validly (or validly left empty) takes its new answer; a question with an
    error keeps its previous answer, except that a matrix keeps its valid statements.
    """
    form.is_valid()
    answers = dict(stored)
    new = form.answers()  # built from cleaned_data, which holds only the valid fields
    for question in form.questions:
        names = [n for n in form.fields if n == question.id or n.startswith(f"{question.id}__")]
        if not any(name in form.errors for name in names):
            answers.pop(question.id, None)
            if question.id in new:
                answers[question.id] = new[question.id]
        elif question.type == "matrix" and new.get(question.id):
            answers[question.id] = new[question.id]
    return answers


def save_for_later(consultation, request, step, form, key, draft):
    """Step view, "Save and come back later" pressed: store the draft, show its code."""
    from .models import SavedDraft

    if request.POST.get(journey.HONEYPOT_FIELD):
        return HttpResponseRedirect(journey.step_url(consultation, step))  # a bot: keep nothing
    if count(request, "save") > SAVES_ALLOWED:
        return wait(consultation, request)
    draft["answers"] = valid_answers(form, draft["answers"])
    if not form.errors and step not in draft["done_steps"]:
        draft["done_steps"].append(step)  # the whole step is valid: as if "Continue" was pressed
    source = consultation.get_source()
    now = timezone.now()
    fields = {
        "answers": draft["answers"],
        "done_steps": draft["done_steps"],
        "language": get_language(),
        "expires_at": now + datetime.timedelta(days=draft_days()),
    }
    previous = draft.get("saved") or {}
    saved = None
    if previous.get("code"):  # saved (or restored) before in this browser: same code, fresh expiry
        saved = SavedDraft.objects.filter(pk=previous.get("id"), consultation=source, expires_at__gt=now).first()
    if saved is not None:
        code = previous["code"]
        SavedDraft.objects.filter(pk=saved.pk).update(**fields)
    else:
        for _attempt in range(3):
            code = new_code()
            try:
                with transaction.atomic():
                    saved = SavedDraft.objects.create(
                        consultation=source,
                        code_hash=code_hash(code),
                        token_hash=token_digest(draft_token(code)),
                        **fields,
                    )
                break
            except IntegrityError:  # pragma: no cover - two equal codes in 31^12
                continue
    draft["token"] = draft_token(code)
    draft["saved"] = {"id": saved.pk, "code": code}
    journey.save_draft(request, key, draft)
    return HttpResponseRedirect(saved_url(consultation))


def wait(consultation, request):
    return journey.private(
        TemplateResponse(
            request, "consultations/resume_wait.html", {"page": consultation, "self": consultation}, status=429
        )
    )


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )

    def error_items(self):
        return [(f"id_{name}", error) for name in self.fields for error in self.errors.get(name, [])] + [
            ("", error) for error in self.non_field_errors()
        ]


def send_link(address, language, context):
    """Queues the message with the link, the code and the expiry, in the resident's language, once
    the current transaction commits (at once outside one). Returns a list that holds the task's
    result once it is enqueued: with the immediate backend (dev, tests) it has run by then."""
    from django_tasks import TaskResultStatus

    from .tasks import send_draft_link

    message = {
        "title": str(context["page"].title),
        "code": context["code"],
        "expires_at": context["expires_at"].isoformat(),
        "resume_url": context["resume_url"],
        "link": context["link"],
    }
    results = []

    def enqueue():
        result = send_draft_link.enqueue(address, language, message)
        results.append(result)
        if result.status == TaskResultStatus.FAILED:  # run at once, and failed: say so
            raise OSError(f"the saved draft email could not be sent ({result.errors[-1].exception_class_path})")

    transaction.on_commit(enqueue, robust=False)
    return results


def email_link(request, form, context):
    """Sends the link. Returns None when it went, else the status of the page that shows why not.

    The message is a background task enqueued on commit; the draft itself was committed by the save
    request, before this form was shown, so the message never points at a draft that is not stored.
    With the production queue "went" means "queued": the worker sends it moments later.
    """
    if count(request, "email") > EMAILS_ALLOWED:
        form.add_error(
            None, gettext("You have asked for several emails in a short time. Wait 10 minutes and try again.")
        )
        return 429
    message = {key: context[key] for key in ("page", "code", "expires_at", "resume_url", "link")}
    try:
        send_link(form.cleaned_data["email"], get_language(), message)
    except Exception:  # the mail server (or the task queue) is down: say so; the code on screen still works
        logger.exception("Could not email a saved consultation draft link")
        form.add_error(None, gettext("We could not send the email just now. Write down your code, or try again later."))
        return 503
    return None


def saved_view(consultation, request):
    """The page after saving: the code, until when it works, the link, and "Email me a link"."""
    if consultation.status != consultation.OPEN:
        return journey.closed_response(consultation, request, status=403 if request.method == "POST" else 200)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    from .models import SavedDraft

    _key, draft = journey.draft_for(consultation, request)
    info = draft.get("saved") or {}
    saved = (
        SavedDraft.objects.filter(pk=info.get("id"), consultation=consultation.get_source())
        .select_related("consultation")
        .first()
    )
    if saved is None or not info.get("code") or usable_until(saved) <= timezone.now():
        return HttpResponseRedirect(resume_url(consultation))
    code = info["code"]
    shown = journey.visible_steps(consultation, draft["answers"])
    context = {
        "page": consultation,
        "self": consultation,
        "code": display_code(code),
        "expires_at": usable_until(saved),
        "resume_url": request.build_absolute_uri(resume_url(consultation)),
        "link": request.build_absolute_uri(resume_code_url(consultation, code)),
        "continue_url": journey.next_destination(consultation, shown, draft["done_steps"], 0),
        "sent": request.GET.get("sent") == "1",
        "email_form": EmailForm(),
    }
    status = 200
    if request.method == "POST":
        form = context["email_form"] = EmailForm(request.POST)
        if form.is_valid():
            status = email_link(request, form, context)
            if status is None:
                return HttpResponseRedirect(saved_url(consultation) + "?sent=1")
    return journey.private(TemplateResponse(request, "consultations/saved.html", context, status=status))


# --- Restoring -----------------------------------------------------------------------------------


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        error_messages={"required": _("Enter your code")},
    )

    def error_items(self):
        return [(f"id_{name}", error) for name in self.fields for error in self.errors.get(name, [])] + [
            ("", error) for error in self.non_field_errors()
        ]


def resume_view(consultation, request, code_in_url=None):
    """resume/: type the code; resume/<code>/: the emailed link, restored only by its button (POST)."""
    if consultation.status != consultation.OPEN:
        return journey.closed_response(consultation, request, status=403 if request.method == "POST" else 200)
    if request.method == "GET":
        code = normalise_code(code_in_url)
        typed = display_code(code) if code else (code_in_url or "")[:40]
        return render_resume(consultation, request, ResumeForm(initial={"code": typed}), from_link=bool(code))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST.copy()
    if code_in_url and not data.get("code"):
        data["code"] = code_in_url[:40]
    form = ResumeForm(data)
    if not form.is_valid():
        return render_resume(consultation, request, form)
    if counted(request, "resume") >= WRONG_CODES_ALLOWED:
        form.add_error(None, gettext("You have entered too many wrong codes. Wait 10 minutes and try again."))
        return render_resume(consultation, request, form, status=429)
    code = normalise_code(form.cleaned_data["code"])
    if code is None:
        form.add_error(
            "code",
            gettext("Enter the code exactly as it was given to you: 12 letters and numbers, like ABCD EFGH JKMN"),
        )
        return render_resume(consultation, request, form)
    saved = find_draft(consultation, code)
    if saved is None or usable_until(saved) <= timezone.now():
        form.add_error("code", refusal(consultation, request, code, saved))
        return render_resume(consultation, request, form)

    key, draft = journey.draft_for(consultation, request)
    draft.update(
        answers=saved.answers,
        done_steps=saved.done_steps,
        token=draft_token(code),
        started=min(draft.get("started", time.time()), saved.created_at.timestamp()),
        saved={"id": saved.pk, "code": code},
    )
    journey.save_draft(request, key, draft)
    shown = journey.visible_steps(consultation, draft["answers"])
    return HttpResponseRedirect(journey.next_destination(consultation, shown, draft["done_steps"], 0))


def refusal(consultation, request, code, saved):
    """Why this code restores nothing. Every wrong or expired code counts towards the limit."""
    from .models import Response

    source = consultation.get_source()
    if saved is None and Response.objects.filter(idempotency_key=draft_token(code), consultation=source).exists():
        return gettext("The answers saved with this code have already been sent. Thank you.")
    count(request, "resume")
    if saved is not None:
        return gettext(
            "This code has expired: saved answers are kept for %(days)s days, and only while the "
            "consultation is open. You can start again."
        ) % {"days": draft_days()}
    return gettext("We could not find saved answers with this code. Check the code and try again.")


def render_resume(consultation, request, form, status=200, from_link=False):
    context = {"page": consultation, "self": consultation, "form": form, "from_link": from_link}
    return journey.private(TemplateResponse(request, "consultations/resume.html", context, status=status))
