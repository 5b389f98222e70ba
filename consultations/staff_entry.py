"""Staff enter responses that reached the council another way: a paper form, a phone call, an event,
an email or letter, or an answer in another language translated by staff.

One admin page holds every step's questions, built from the same form classes and validation as the
public form (forms.StepForm, one prefix per step), plus how the response arrived. A step whose "show
this step only if" condition is not met by the entered answers is not required and its answers are
not stored, as on the website (journey.visible_steps / visible_answers). The response is stored
against the source consultation, with the staff member who entered it. It works on a closed
consultation too: paper forms posted before the closing date arrive late.

Needs `consultations.add_response` (and `view_response`): the "Consultation analysts" group.
"""

import datetime
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_views import ConsultationMixin, ResponsePermissionMixin, channel_label, url
from .exports import UK
from .forms import StepForm, step_questions
from .journey import visible_answers, visible_steps
from .models import Channel, Response

ADD_PERMISSION = "consultations.add_response"
STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.WEB]


def uk_today():
    return timezone.localdate(timezone=UK)


class EntryDetailsForm(forms.Form):
    """How the response reached the council; the answers are in the step forms."""

    channel = forms.ChoiceField(
        label=gettext_lazy("How the response reached us"), choices=STAFF_CHANNELS, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language the respondent used"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    received = forms.DateField(
        label=gettext_lazy("Date received"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The date on the postmark, the call or the event; not in the future."),
    )
    outcome_email = forms.EmailField(
        label=gettext_lazy("Email for the outcome"),
        required=False,
        max_length=254,
        help_text=gettext_lazy("Only if the respondent asked to hear about the outcome."),
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def clean_received(self):
        received = self.cleaned_data["received"]
        if received > uk_today():
            raise ValidationError(gettext("The date received cannot be in the future."))
        if received < self.consultation.opens_at.astimezone(UK).date():
            raise ValidationError(gettext("The date received cannot be before the consultation opened."))
        return received


def field_errors(form):
    """(element id, message) of a form's field errors, for the error summary's links."""
    return [
        (f"id_{form.add_prefix(name)}", error)
        for name, error_list in form.errors.items()
        if name != NON_FIELD_ERRORS
        for error in error_list
    ]


class EnterResponseView(ResponsePermissionMixin, ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/enter_response.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(ADD_PERMISSION):
            return TemplateResponse(
                request,
                "consultations/admin/forbidden.html",
                {"page_title": gettext("Enter a response"), "header_icon": "form"},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Enter a response")

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return self.base_breadcrumbs() + [
            {"url": url("responses", self.consultation.pk), "label": self.consultation.title},
            {"url": "", "label": gettext("Enter a response")},
        ]

    @cached_property
    def sections(self):
        return list(self.consultation.sections)

    def build_forms(self, data=None):
        details = EntryDetailsForm(
            data,
            consultation=self.consultation,
            initial={"language": self.source_language, "received": uk_today(), "token": secrets.token_urlsafe(24)},
        )
        steps = [
            StepForm(step_questions(section.value), data, prefix=f"step{number}")
            for number, section in enumerate(self.sections, start=1)
        ]
        return details, steps

    def get(self, request, *args, **kwargs):
        details, steps = self.build_forms()
        return self.render_to_response(self.get_context_data(details=details, steps=steps, shown=None))

    def post(self, request, *args, **kwargs):
        details, steps = self.build_forms(request.POST)
        answers = {}
        for form in steps:
            form.is_valid()  # cleans it: the valid answers count for the conditions below
            answers.update(form.answers())
        shown = visible_steps(self.consultation, answers, self.sections)
        for number, form in enumerate(steps, start=1):
            if number not in shown:
                form.errors.clear()  # a hidden step asks nothing: its answers are not stored
        stored = visible_answers(self.consultation, answers, shown, self.sections)
        if details.is_valid() and not stored:
            details.add_error(None, gettext("Enter at least one answer."))
        if not details.is_valid() or not all(form.is_valid() for form in steps):
            messages.error(request, gettext("The response could not be saved. Correct the errors below."))
            return self.render_to_response(self.get_context_data(details=details, steps=steps, shown=shown))

        response = self.store(details.cleaned_data, stored)
        messages.success(
            request,
            gettext("Response %(reference)s entered (%(channel)s).")
            % {"reference": response.reference, "channel": channel_label(response.channel)},
            buttons=[
                messages.button(url("detail", self.consultation.pk, response.pk), gettext("View response")),
                messages.button(url("enter", self.consultation.pk), gettext("Enter another")),
            ],
        )
        return redirect(url("responses", self.consultation.pk))

    def store(self, details, answers):
        """One response, once: sending the same form twice (a double click) stores it once."""
        key = f"staff:{details['token']}"[:64]
        existing = Response.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing
        labels = {q.id: q.label for section in self.sections for q in step_questions(section.value)}
        received = details["received"]
        if received == uk_today():
            submitted_at = timezone.now()
        else:  # midday, so the date reads the same in every time zone the admin is used in
            submitted_at = datetime.datetime.combine(received, datetime.time(12), tzinfo=UK)
        try:
            with transaction.atomic():
                return Response.objects.create(
                    consultation=self.consultation,
                    language=details["language"],
                    channel=details["channel"],
                    entered_by=self.request.user,
                    submitted_at=submitted_at,
                    answers=answers,
                    labels=labels,
                    outcome_email=details["outcome_email"],
                    idempotency_key=key,
                )
        except IntegrityError:
            return Response.objects.get(idempotency_key=key)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = kwargs["shown"]
        conditions = self.consultation.step_conditions or {}
        errors = field_errors(kwargs["details"])
        step_rows = []
        for number, (section, form) in enumerate(zip(self.sections, kwargs["steps"], strict=True), start=1):
            condition = section.value["show_if"] if section.id in conditions else None
            errors += field_errors(form)
            step_rows.append(
                {
                    "number": number,
                    "title": section.value["title"],
                    "condition": condition,
                    "skipped": shown is not None and number not in shown,
                    "form": form,
                }
            )
        context |= {
            "consultation": self.consultation,
            "details": kwargs["details"],
            "step_rows": step_rows,
            "error_items": errors,
            "non_field_errors": kwargs["details"].non_field_errors(),
            "action_url": url("enter", self.consultation.pk),
            "responses_url": url("responses", self.consultation.pk),
            "is_closed": self.consultation.status == self.consultation.CLOSED,
        }
        return context
