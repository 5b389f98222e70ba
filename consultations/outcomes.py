"""Reporting back ("We asked, you said, we did"): the outcome page's results, the embargo on them,
the outcome email to respondents who asked for it, and its unsubscribe link.

- Embargo: an outcome is refused publication while its consultation is open or forthcoming, and a
  go-live date before the closing date is refused too. The admin's publish (edit and create views)
  is stopped by the `before_publish_page` hook with a message; every other way of publishing
  (wagtail-localize's "Publish", workflows, bulk actions, code) goes through
  `ConsultationOutcomePage.publish()`, which raises a ValidationError.
- Emails: Wagtail's `page_published` signal queues `tasks.send_outcome_emails` after the commit.
  A respondent hears once, in the language they answered in: when the outcome in their language is
  published if one exists (draft or live), else when the source outcome is.
"""

import logging

from django import forms
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.signals import page_published

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "consultations.outcome-email.unsubscribe"
BATCH_SIZE = 100


# --- Embargo ------------------------------------------------------------------------------------
def parent_consultation(outcome):
    """The consultation an outcome page reports on (its parent), in the outcome's language; one query."""
    from .models import ConsultationPage

    return ConsultationPage.objects.filter(path=outcome.path[: -outcome.steplen]).first()


def embargo_problem(consultation, go_live_at=None, now=None):
    """Why an outcome of `consultation` may not be published (going live at `go_live_at` if given), or None."""
    if consultation is None:
        return None
    now = now or timezone.now()
    if go_live_at and go_live_at < consultation.closes_at:
        return gettext(
            "The outcome cannot go live before the consultation closes. Set the go-live date to %(closes)s or later."
        ) % {"closes": closing_text(consultation)}
    if (go_live_at or now) < consultation.closes_at:
        return gettext(
            "The outcome cannot be published while the consultation is open or forthcoming: results stay "
            "private until it closes on %(closes)s. Save a draft, or schedule it to go live after it closes."
        ) % {"closes": closing_text(consultation)}
    return None


def closing_text(consultation):
    from django.utils.formats import date_format

    return date_format(timezone.localtime(consultation.closes_at), "DATETIME_FORMAT")


@hooks.register("before_publish_page")
def refuse_embargoed_outcome(request, page):
    """The admin's "Publish" on an outcome of a consultation that has not closed: kept as a draft,
    back to the editor with the reason."""
    from .models import ConsultationOutcomePage

    if not isinstance(page, ConsultationOutcomePage):
        return None
    problem = embargo_problem(parent_consultation(page), page.go_live_at)
    if problem is None:
        return None
    if page.live and page.live_revision_id is None:
        # Wagtail's create view adds a page to be published as live before publishing it: kept a draft.
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(request, problem)
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


# --- The outcome page ---------------------------------------------------------------------------
def outcome_context(outcome):
    """What the outcome page shows besides its own fields: the consultation (in the page's language),
    the number of responses (every language and channel) and each "You said" block with its result.

    Every results chart block is drawn from one pass over the source consultation's responses."""
    from .models import Response
    from .results import question_results

    consultation = parent_consultation(outcome)
    if consultation is None:  # pragma: no cover - Wagtail keeps outcomes under a consultation
        return {"consultation": None, "you_said_blocks": [(b, None) for b in outcome.you_said]}
    if consultation.status != consultation.CLOSED:
        # A draft's preview while the consultation is open: no figures for anyone (the embargo), so
        # editors and translators see no interim results either.
        return {
            "consultation": consultation,
            "embargoed": True,
            "you_said_blocks": [(block, None) for block in outcome.you_said],
        }
    source = consultation.get_source()
    responses = Response.objects.filter(consultation=source)
    question_ids = [b.value["question"] for b in outcome.you_said if b.block_type == "results_chart"]
    results = {}
    total = None
    if question_ids:
        found = question_results(
            consultation, responses, question_ids=question_ids, language=translation.get_language()
        )
        results = {result["id"]: result for result in found}
        if found:
            total = found[0]["responses"]
    if total is None:
        total = responses.count()
    blocks = [
        (block, results.get(block.value["question"]) if block.block_type == "results_chart" else None)
        for block in outcome.you_said
    ]
    return {"consultation": consultation, "response_count": total, "you_said_blocks": blocks}


def live_outcomes(consultations, locale_id):
    """{consultation id: its live, public outcome page in the reader's language, else the source's}.

    One query, whatever the number of consultations: every live outcome in the reader's language
    and the default one, with its parent consultation's translation key."""
    from wagtail.models import Page

    from home.restrictions import private_q

    from .models import ConsultationOutcomePage, default_locale_id

    consultations = list(consultations)
    if not consultations:
        return {}
    default = default_locale_id()
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Value(ConsultationOutcomePage.steplen))
    outcomes = (
        ConsultationOutcomePage.objects.live()
        .exclude(private_q())
        .filter(locale_id__in={locale_id, default})
        .annotate(
            parent_key=Subquery(Page.objects.filter(path=parent_path).values("translation_key")[:1]),
        )
        .only("id", "title", "url_path", "path", "depth", "locale_id", "live")
    )
    by_key = {}
    for outcome in outcomes:
        by_key[(outcome.parent_key, outcome.locale_id)] = outcome
    found = {}
    for consultation in consultations:
        outcome = by_key.get((consultation.translation_key, locale_id)) or by_key.get(
            (consultation.translation_key, default)
        )
        if outcome is not None:
            found[consultation.pk] = outcome
    return found


# --- Opting in at submission --------------------------------------------------------------------
class OutcomeEmailForm(forms.Form):
    """ "Email me when the outcome is published (optional)" on "Check your answers"."""

    outcome_email = forms.EmailField(
        label=_("Email me when the outcome is published (optional)"),
        help_text=_(
            "We will only use it to send you one email when we publish what we did with the views we heard. "
            "It is deleted at the end of the consultation's retention period."
        ),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )

    def error_items(self):
        return [(f"id_{name}", error) for name in self.fields for error in self.errors.get(name, [])]


# --- The outcome email --------------------------------------------------------------------------
def unsubscribe_token(response):
    """ "<response id>-<signature>": signed with SECRET_KEY (django.core.signing), no login needed,
    and only letters, digits, "-" and "_", which Wagtail's page URLs allow."""
    return f"{response.pk}-{signing.Signer(salt=UNSUBSCRIBE_SALT).signature(str(response.pk))}"


def response_for_token(token):
    from django.utils.crypto import constant_time_compare

    from .models import Response

    pk, _dash, signature = token.partition("-")
    if not pk.isdigit() or not constant_time_compare(signing.Signer(salt=UNSUBSCRIBE_SALT).signature(pk), signature):
        return None
    return Response.objects.filter(pk=int(pk)).first()


def queue_outcome_emails(sender, instance, **kwargs):
    """`page_published` for an outcome: the emails go once the publishing transaction commits."""
    from .tasks import send_outcome_emails

    outcome_id = instance.pk
    transaction.on_commit(lambda: send_outcome_emails.enqueue(outcome_id))


def connect_signals():
    from .models import ConsultationOutcomePage

    page_published.connect(queue_outcome_emails, sender=ConsultationOutcomePage, dispatch_uid="outcome-emails")


def languages_due(outcome, source_outcome):
    """The response languages this publication emails, and the outcome to link for each language.

    Publishing the source outcome emails every language that has no translation of it (draft or
    live); publishing a translation emails its own language. Returns {language code: outcome page}.
    """
    from django.conf import settings
    from wagtail.models import Page

    translations = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=source_outcome.translation_key)
        .select_related("locale")
        .specific()
    }
    if outcome.pk == source_outcome.pk:
        return {
            code: source_outcome
            for code, _name in settings.LANGUAGES
            if code not in translations or translations[code].pk == outcome.pk
        }
    return {outcome.locale.language_code: outcome}


def source_of(outcome):
    """The outcome in the default language (the one translations are made from), or `outcome`."""
    from .models import default_locale_id

    if outcome.locale_id == default_locale_id():
        return outcome
    return (
        type(outcome).objects.filter(translation_key=outcome.translation_key, locale_id=default_locale_id()).first()
        or outcome
    )


def send_outcome_emails_now(outcome_id):
    """Emails every respondent who asked for it and is due with this publication; in batches, once
    each (outcome_emailed_at is claimed row by row before sending). Returns how many were sent.
    Addresses are never logged."""
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string

    from .models import ConsultationOutcomePage, ConsultationPage, Response

    outcome = ConsultationOutcomePage.objects.filter(pk=outcome_id).select_related("locale").first()
    if outcome is None or not outcome.live:
        return 0
    source_outcome = source_of(outcome)
    consultation = parent_consultation(source_outcome)
    if consultation is None or embargo_problem(consultation) is not None:
        return 0
    source = consultation.get_source()
    due = languages_due(outcome, source_outcome)
    # Titles and links in each language: the consultation's translation if live, else the source's.
    consultations = {
        page.locale.language_code: page
        for page in ConsultationPage.objects.live()
        .filter(translation_key=source.translation_key)
        .select_related("locale")
    }
    sent = 0
    pending = (
        Response.objects.filter(consultation=source, language__in=list(due), outcome_emailed_at__isnull=True)
        .exclude(outcome_email="")
        .order_by("pk")
    )
    last_pk = 0
    while True:
        batch = list(pending.filter(pk__gt=last_pk).only("pk", "language", "outcome_email", "reference")[:BATCH_SIZE])
        if not batch:
            break
        last_pk = batch[-1].pk
        messages_out, claimed = [], []
        for response in batch:
            # Claimed before sending: a second worker (or a republish) skips it.
            if not Response.objects.filter(pk=response.pk, outcome_emailed_at__isnull=True).update(
                outcome_emailed_at=timezone.now()
            ):
                continue
            claimed.append(response.pk)
            linked = due[response.language]
            if not linked.live:
                linked = source_outcome
            their_consultation = consultations.get(response.language) or source
            with translation.override(response.language):
                context = {
                    "title": their_consultation.title,
                    "link": linked.get_full_url(),
                    "unsubscribe": their_consultation.get_full_url()
                    + their_consultation.reverse_subpage("stop_outcome_email", args=[unsubscribe_token(response)]),
                }
                subject = gettext("What we did with your views: %(title)s") % {"title": their_consultation.title}
                body = render_to_string("consultations/outcome_email.txt", context)
            messages_out.append(EmailMessage(subject, body, None, [response.outcome_email]))
        if not messages_out:
            continue
        try:
            get_connection().send_messages(messages_out)
        except Exception as error:
            Response.objects.filter(pk__in=claimed).update(outcome_emailed_at=None)  # tried again next time
            # Neither logged nor raised with the error itself: an SMTP error can carry the addresses.
            logger.error(
                "Outcome emails for page %s: a batch of %d could not be sent (%s)",
                outcome_id,
                len(claimed),
                type(error).__name__,
            )
            raise OSError(f"outcome emails for page {outcome_id}: a batch could not be sent") from None
        sent += len(messages_out)
    logger.info("Outcome emails for page %s: %d sent", outcome_id, sent)
    return sent


# --- Unsubscribing ------------------------------------------------------------------------------
def unsubscribe_view(consultation, request, token):
    """GET asks (a mail scanner following the link changes nothing); POST removes the address."""
    from .journey import private

    response = response_for_token(token)
    if response is None or response.consultation_id != consultation.get_source().pk:
        raise Http404
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    done = False
    if request.method == "POST":
        type(response).objects.filter(pk=response.pk).update(outcome_email="")
        done = True
    context = {"page": consultation, "self": consultation, "done": done, "has_email": bool(response.outcome_email)}
    return private(TemplateResponse(request, "consultations/unsubscribe.html", context))
