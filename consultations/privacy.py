"""Privacy and records: personal data removed after each consultation's retention period, and a
respondent's data found, exported (subject access) or erased from the admin.

Retention (`manage.py remove_expired_personal_data`, and the `remove_expired_personal_data` task for
a scheduler): once `closes_at + retention_months` has passed, each response of the consultation loses
its email for the outcome, its answers to email and about-you questions and to short and long text
questions marked "Answers may hold personal data", and keeps only the district of its postcodes
("PH2 8NG" → "PH2", so counts by area still work). Questions an editor has since removed are found in
the page's revisions. Done in batches, each in its own transaction; a response is done once
(`personal_data_removed_at`).

Subject access and erasure need `consultations.view_respondent_email` and `delete_response` (the
"Consultation records officers" group). Both are written to Wagtail's audit log against the
consultation page, with the response's reference but never the email address or the answers.
"""

import calendar
import csv
import io
import re
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter, log

from home.chrome import LANGUAGE_NAMES

from .exports import UK, ResponseSchema, neutralise, revision_sections
from .forms import POSTCODE_RE
from .models import ConsultationPage, Response, default_locale_id

PERSONAL_KINDS = ("email", "about_you")  # always personal
MAYBE_PERSONAL_KINDS = ("short_text", "long_text")  # personal when the editor ticked "personal"
RESPONDENT_PERMISSIONS = ("consultations.view_respondent_email", "consultations.delete_response")
SUBJECT_ACCESS, ERASE = "consultations.subject_access", "consultations.erase"
OUTWARD_CODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


# --- Retention ---------------------------------------------------------------------------------------


def months_later(moment, months):
    """The same day and time `months` later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def retention_ends(consultation):
    return months_later(consultation.closes_at, consultation.retention_months)


def _raw_questions(consultation):
    """(question id, block type, value dict) of every question in the page's revisions, newest first."""
    for raw in revision_sections(consultation):
        for section in raw or []:
            for question in (section.get("value") or {}).get("questions") or []:
                if isinstance(question, dict) and question.get("id"):
                    yield question["id"], question.get("type"), question.get("value") or {}


def questions_by_kind(consultation):
    """{question id: (block type, value)}: the live page's questions, then removed ones from its
    revisions (the newest revision that had them)."""
    found = {question_id: (kind, value) for _step, question_id, kind, value in consultation.questions()}
    for question_id, kind, value in _raw_questions(consultation):
        found.setdefault(question_id, (kind, value))
    return found


@dataclass
class PersonalQuestions:
    remove: set  # answers removed
    postcodes: set  # answers reduced to their district


def personal_questions(consultation):
    remove, postcodes = set(), set()
    for question_id, (kind, value) in questions_by_kind(consultation).items():
        if kind in PERSONAL_KINDS or (kind in MAYBE_PERSONAL_KINDS and value.get("personal")):
            remove.add(question_id)
        elif kind == "postcode":
            postcodes.add(question_id)
    return PersonalQuestions(remove, postcodes)


def postcode_district(postcode):
    """ "PH2 8NG" → "PH2"; an outward code stays; anything else is no postcode: None (removed)."""
    text = re.sub(r"\s+", "", str(postcode).upper())
    match = POSTCODE_RE.match(text)
    if match:
        return match.group(1)
    return text if OUTWARD_CODE_RE.match(text) else None


@dataclass
class RetentionReport:
    consultation: ConsultationPage
    responses: int = 0
    emails: int = 0  # emails for the outcome removed
    answers: int = 0  # personal answers removed
    postcodes: int = 0  # postcodes reduced to their district

    def add(self, other):
        self.responses += other.responses
        self.emails += other.emails
        self.answers += other.answers
        self.postcodes += other.postcodes


def scrub(response, personal, report):
    """Remove the personal data from one response (in memory), counting in `report`."""
    answers = dict(response.answers or {})
    for question_id in personal.remove & answers.keys():
        if answers.pop(question_id) not in (None, "", [], {}):
            report.answers += 1
    for question_id in personal.postcodes & answers.keys():
        district = postcode_district(answers[question_id])
        if district is None:
            del answers[question_id]
            report.answers += 1
        elif district != answers[question_id]:
            answers[question_id] = district
            report.postcodes += 1
    if response.outcome_email:
        report.emails += 1
    response.answers = answers
    response.outcome_email = ""
    report.responses += 1


def expired_consultations(now):
    """Consultations past their retention period with responses still holding personal data."""
    candidates = (
        ConsultationPage.objects.filter(closes_at__lt=now, responses__personal_data_removed_at__isnull=True)
        .distinct()
        .order_by("closes_at", "pk")
    )
    return [consultation for consultation in candidates if retention_ends(consultation) <= now]


def remove_expired_personal_data(now=None, dry_run=False, batch_size=500):
    """Remove the personal data of every consultation past its retention period. Returns a
    RetentionReport per consultation. With dry_run, counts what would go and changes nothing.

    Each batch of responses is read, cleaned and written in one transaction: a crash leaves every
    batch either done or untouched, and the next run carries on with the responses not yet done."""
    now = now or timezone.now()
    reports = []
    for consultation in expired_consultations(now):
        personal = personal_questions(consultation)
        report = RetentionReport(consultation)
        pending = Response.objects.filter(consultation=consultation, personal_data_removed_at__isnull=True)
        ids = list(pending.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            with transaction.atomic():
                batch = list(
                    Response.objects.select_for_update()
                    .filter(pk__in=ids[start : start + batch_size], personal_data_removed_at__isnull=True)
                    .only("pk", "answers", "outcome_email")
                )
                batch_report = RetentionReport(consultation)
                for response in batch:
                    scrub(response, personal, batch_report)
                    response.personal_data_removed_at = now
                if not dry_run:
                    Response.objects.bulk_update(batch, ["answers", "outcome_email", "personal_data_removed_at"])
            report.add(batch_report)
        reports.append(report)
    return reports


def report_lines(reports, dry_run=False):
    """What the command prints: a line per consultation, then the total."""
    verb = "Would remove" if dry_run else "Removed"
    lines = []
    total = RetentionReport(None)
    for report in reports:
        consultation = report.consultation
        lines.append(
            f"{consultation.title} (#{consultation.pk}, closed {consultation.closes_at.astimezone(UK):%Y-%m-%d}, "
            f"kept {consultation.retention_months} months): {verb.lower()} personal data from "
            f"{report.responses} responses: {report.emails} emails for the outcome, {report.answers} personal "
            f"answers, {report.postcodes} postcodes reduced to their district."
        )
        total.add(report)
    lines.append(
        f"{verb} personal data from {total.responses} responses in {len(reports)} consultations: "
        f"{total.emails} emails for the outcome, {total.answers} personal answers, "
        f"{total.postcodes} postcodes reduced to their district."
    )
    return lines


# --- Finding a respondent's data ------------------------------------------------------------------------


def normalise_reference(text):
    return re.sub(r"\s+", "", text or "").upper()


def find_responses(query):
    """Responses whose reference is `query` (case and spaces ignored), or whose email for the
    outcome or answer to an email question is `query` (case ignored). Newest first."""
    query = (query or "").strip()
    if not query:
        return Response.objects.none()
    condition = Q(reference__iexact=normalise_reference(query))
    if "@" in query:
        condition |= Q(outcome_email__iexact=query)
        for consultation in ConsultationPage.objects.filter(locale_id=default_locale_id()):
            for question_id, (kind, _value) in questions_by_kind(consultation).items():
                if kind == "email":
                    condition |= Q(consultation=consultation, **{f"answers__{question_id}__iexact": query})
    return Response.objects.filter(condition).select_related("consultation").order_by("-submitted_at", "-pk")


def respondent_rows(response):
    """[(field, value)] of one response, readable: the facts, the email for the outcome, then every
    answered question with its label in the consultation's language."""
    consultation = response.consultation
    with translation.override(consultation.locale.language_code):
        schema = ResponseSchema(consultation, Response.objects.filter(pk=response.pk))
    rows = [
        (gettext("Reference"), response.reference),
        (gettext("Consultation"), consultation.title),
        (gettext("Submitted at (UK time)"), response.submitted_at.astimezone(UK).isoformat(timespec="seconds")),
        (gettext("Language"), str(LANGUAGE_NAMES.get(response.language, response.language))),
        (gettext("Channel"), str(response.get_channel_display())),
        (gettext("Email for the outcome"), response.outcome_email),
    ]
    answers = response.answers or {}
    for question in schema.questions:
        lines = schema.answer_lines(question, answers.get(question.id))
        if lines:
            rows.append((question.label, "\n".join(lines)))
    return rows


def respondent_csv(response):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([gettext("Question"), gettext("Answer")])
    for field, value in respondent_rows(response):
        writer.writerow([neutralise(field), neutralise(value)])
    return "\ufeff" + buffer.getvalue()


# --- Admin views ---------------------------------------------------------------------------------------

NAMESPACE = "respondent_data"


def may_handle_respondent_data(user):
    return user.has_perms(RESPONDENT_PERMISSIONS)


def respondent_url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


class RespondentPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_handle_respondent_data(request.user):
            return TemplateResponse(
                request,
                "consultations/admin/respondent_forbidden.html",
                {"page_title": gettext("Respondent data"), "header_icon": "user"},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)


class RespondentSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Reference number or email address"),
        max_length=254,
        help_text=gettext_lazy("The reference exactly as on the receipt (spaces and case do not matter)."),
    )


class RespondentSearchView(RespondentPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/respondent_search.html"
    header_icon = "user"
    page_title = gettext_lazy("Respondent data")

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": "", "label": gettext("Respondent data")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RespondentSearchForm(self.request.GET or None)
        results = None
        if form.is_valid():
            results = [
                {
                    "response": response,
                    "submitted": timezone.localtime(response.submitted_at, UK),
                    "channel": response.get_channel_display(),
                    "language": LANGUAGE_NAMES.get(response.language, response.language),
                    "download_url": respondent_url("download", response.pk),
                    "erase_url": respondent_url("erase", response.pk),
                }
                for response in find_responses(form.cleaned_data["q"])[:100]
            ]
        return context | {"form": form, "results": results}


class RespondentDownloadView(RespondentPermissionMixin, TemplateView):
    """A POST (so a link preview or prefetch never writes an audit entry): the response as a CSV."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk):
        response = get_object_or_404(Response.objects.select_related("consultation"), pk=pk)
        content = respondent_csv(response)
        log(instance=response.consultation, action=SUBJECT_ACCESS, user=request.user, data=log_data(response))
        download = HttpResponse(content, content_type="text/csv; charset=utf-8")
        download["Content-Disposition"] = f'attachment; filename="respondent-data-{response.reference}.csv"'
        add_never_cache_headers(download)
        return download


class RespondentEraseView(RespondentPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/respondent_erase.html"
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        if may_handle_respondent_data(request.user):
            self.response = get_object_or_404(Response.objects.select_related("consultation"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Erase response %(reference)s") % {"reference": self.response.reference}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": respondent_url("search"), "label": gettext("Respondent data")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | {
            "response": self.response,
            "submitted": timezone.localtime(self.response.submitted_at, UK),
            "channel": self.response.get_channel_display(),
            "cancel_url": respondent_url("search") + f"?q={self.response.reference}",
        }

    def post(self, request, pk):
        response, reference = self.response, self.response.reference
        with transaction.atomic():
            log(instance=response.consultation, action=ERASE, user=request.user, data=log_data(response))
            response.delete()  # its coded answers go with it
        messages.success(request, gettext("Response %(reference)s has been erased.") % {"reference": reference})
        return redirect(respondent_url("search"))


def log_data(response):
    """What an audit entry keeps: the reference, never the email address or the answers."""
    return {"reference": response.reference}


class RespondentDataMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle_respondent_data(request.user)


class RespondentDataViewSet(ViewSet):
    name = NAMESPACE
    url_prefix = "respondent-data"
    icon = "user"
    menu_label = gettext_lazy("Respondent data")
    menu_name = "respondent-data"
    menu_order = 251
    add_to_admin_menu = True
    menu_item_class = RespondentDataMenuItem

    def get_urlpatterns(self):
        return [
            path("", RespondentSearchView.as_view(), name="search"),
            path("<int:pk>/download/", RespondentDownloadView.as_view(), name="download"),
            path("<int:pk>/erase/", RespondentEraseView.as_view(), name="erase"),
        ]


# --- Audit log ---------------------------------------------------------------------------------------


class SubjectAccessFormatter(LogFormatter):
    label = gettext_lazy("Respondent's data downloaded")

    def format_message(self, log_entry):
        return gettext("Respondent's data downloaded (subject access): response %(reference)s") % {
            "reference": (log_entry.data or {}).get("reference", "")
        }


class EraseFormatter(LogFormatter):
    label = gettext_lazy("Response erased")

    def format_message(self, log_entry):
        return gettext("Response %(reference)s erased at the respondent's request") % {
            "reference": (log_entry.data or {}).get("reference", "")
        }


def register_respondent_log_actions(actions):
    actions.register_action(SUBJECT_ACCESS)(SubjectAccessFormatter)
    actions.register_action(ERASE)(EraseFormatter)
