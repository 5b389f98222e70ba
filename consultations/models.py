"""Consultations: the hub, consultation pages with editor-built questions, and responses.

Issue 5 is under way: this is the data model (stable answer keys, status from dates, one dataset
across languages). The step-by-step answering journey, receipts and the staff views come next.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock, DocumentLinkBlock
from home.models import BasePage

from .blocks import ResultsChartBlock, SectionBlock


class ConsultationIndexPage(BasePage):
    """The consultations hub: open, forthcoming and closed consultations."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1
    template = "consultations/consultation_index_page.html"

    class Meta:
        verbose_name = _("consultations hub")

    def get_context(self, request, *args, **kwargs):
        from home.restrictions import public

        context = super().get_context(request, *args, **kwargs)
        consultations = list(public(ConsultationPage.objects.live().child_of(self)).order_by("-opens_at"))
        now = timezone.now()
        context["open"] = [c for c in consultations if c.status_at(now) == ConsultationPage.OPEN]
        context["forthcoming"] = [c for c in consultations if c.status_at(now) == ConsultationPage.FORTHCOMING]
        context["closed"] = [c for c in consultations if c.status_at(now) == ConsultationPage.CLOSED]
        context["outcomes"] = ConsultationOutcomePage.live_outcomes(context["closed"], self.locale_id)
        for consultation in context["closed"]:
            consultation.outcome = context["outcomes"].get(consultation.pk)
        return context


class ConsultationPage(RoutablePageMixin, BasePage):
    """One consultation: what is proposed and why, and the questions residents answer."""

    FORTHCOMING, OPEN, CLOSED = "forthcoming", "open", "closed"
    STATUS_LABELS = {FORTHCOMING: _("Forthcoming"), OPEN: _("Open"), CLOSED: _("Closed")}

    opens_at = models.DateTimeField(_("opens"), help_text=_("UK time."))
    closes_at = models.DateTimeField(_("closes"), help_text=_("UK time."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("what is proposed and why"), blank=True)
    documents = StreamField([("document", DocumentLinkBlock())], verbose_name=_("supporting documents"), blank=True)
    who_can_respond = RichTextField(_("who can respond"), features=["bold", "italic", "link", "ul"], blank=True)
    how_responses_are_used = RichTextField(
        _("how responses will be used"), features=["bold", "italic", "link", "ul"], blank=True
    )
    sections = StreamField(
        [("section", SectionBlock())],
        verbose_name=_("questions"),
        blank=True,
        help_text=_("Each step is a page of the form. Questions keep their identity when you edit their wording."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months)"),
        default=12,
        help_text=_(
            "Months after closing. Then email addresses, about-you answers, postcodes and answers marked as "
            "personal are removed from the responses; the other answers stay for the record."
        ),
    )
    # {step block id: {"question": question id, "answer": option id}}, resolved from the wording in each
    # step's "show this step only if" on save, so a condition follows its question through renames.
    step_conditions = models.JSONField(default=dict, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("body"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [FieldPanel("who_can_respond"), FieldPanel("how_responses_are_used"), FieldPanel("retention_months")],
            heading=_("About responding"),
        ),
        FieldPanel("sections"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        TranslatableField("body"),
        TranslatableField("documents"),
        TranslatableField("who_can_respond"),
        TranslatableField("how_responses_are_used"),
        TranslatableField("sections"),
        SynchronizedField("step_conditions"),
        SynchronizedField("retention_months"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.ConsultationOutcomePage"]
    template = "consultations/consultation_page.html"

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing date must be after the opening date.")})
        if self.resolves_conditions():
            conditions, problems = self.resolve_step_conditions()
            if problems:
                raise ValidationError(problems)
            # Kept now, so the revision being saved already has the conditions' current wording.
            self.step_conditions = conditions

    def save(self, *args, **kwargs):
        # Make sure every question and option has its id before saving, even when the sections
        # were set from raw data (as the demo command and tests do): answers are keyed by them.
        list(self.sections)
        if self.resolves_conditions():
            self.step_conditions, _problems = self.resolve_step_conditions()
        super().save(*args, **kwargs)

    def resolves_conditions(self):
        """Conditions are written in the source language; translations keep the source's resolved ids
        (step_conditions is synchronised by wagtail-localize)."""
        return not self.locale_id or self.locale_id == default_locale_id()

    def resolve_step_conditions(self):
        """Turn each step's "show this step only if" wording into stable ids.

        The wording is matched first (so an editor can point a condition somewhere else); failing
        that, the ids found on the last save are followed, and the wording is updated to the
        question's and option's current labels (so renaming a question never breaks a condition).
        Returns ({step id: {"question": id, "answer": id}}, [problems for the editor]).
        """
        previous = self.step_conditions or {}
        earlier = {}  # question id -> (label, [(option id, option label)])
        conditions, problems = {}, []
        for number, section in enumerate(self.sections, start=1):
            condition = section.value["show_if"]
            wording, answer = (condition["question"] or "").strip(), (condition["answer"] or "").strip()
            if wording or answer:
                found = match_condition(earlier, wording, answer)
                old = previous.get(section.id)
                # Follow the ids only while the condition still reads as it did on the last save: an
                # editor who rewrites it must point it at a real question.
                if (
                    found is None
                    and old
                    and old.get("as_written", [wording, answer]) == [wording, answer]
                    and old["question"] in earlier
                    and old["answer"] in dict(earlier[old["question"]][1])
                ):
                    found = (old["question"], old["answer"])
                    label, options = earlier[found[0]]
                    condition["question"], condition["answer"] = label, dict(options)[found[1]]
                if found is None:
                    problems.append(
                        _(
                            "Step %(number)s, “show this step only if”: no choice question in an earlier step is "
                            "worded “%(question)s” with the option “%(answer)s”."
                        )
                        % {"number": number, "question": wording, "answer": answer}
                    )
                else:
                    conditions[section.id] = {
                        "question": found[0],
                        "answer": found[1],
                        "as_written": [condition["question"].strip(), condition["answer"].strip()],
                    }
            for question in section.value["questions"]:
                options = condition_options(question.block_type, question.value)
                if options is not None:
                    earlier[question.id] = (question.value["label"], options)
        return conditions, problems

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.status == self.CLOSED:  # "What we did with your views", once an outcome is live
            context["outcome"] = ConsultationOutcomePage.live_outcomes([self], self.locale_id).get(self.pk)
        return context

    def status_at(self, moment):
        if moment < self.opens_at:
            return self.FORTHCOMING
        if moment >= self.closes_at:
            return self.CLOSED
        return self.OPEN

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    def questions(self):
        """Every question with its stable id: [(step number, question id, block type, value)]."""
        found = []
        for step, section in enumerate(self.sections, start=1):
            for question in section.value["questions"]:
                found.append((step, question.id, question.block_type, question.value))
        return found

    @property
    def always_shown_steps(self):
        """How many steps every resident sees (steps with a condition come on top for some answers)."""
        return len(self.sections) - len(self.step_conditions or {})

    def get_source(self):
        """The consultation all translations answer into: the one in the default language."""
        default = default_locale_id()
        if self.locale_id == default:
            return self
        return ConsultationPage.objects.filter(translation_key=self.translation_key, locale_id=default).first() or self

    # --- The resident's journey (views in journey.py) -------------------------------------------

    @path("")
    def index(self, request):
        from .journey import consultation_index

        return consultation_index(self, request)

    @path("step/<int:step>/")
    def step(self, request, step):
        from .journey import step_view

        return step_view(self, request, step)

    @path("check-your-answers/")
    def check_answers(self, request):
        from .journey import check_answers_view

        return check_answers_view(self, request)

    @path("received/<str:reference>/")
    def received(self, request, reference):
        from .journey import receipt_view

        return receipt_view(self, request, reference)

    @path("save/")
    def saved_for_later(self, request):
        from .resume import saved_view

        return saved_view(self, request)

    @path("resume/")
    def resume(self, request):
        from .resume import resume_view

        return resume_view(self, request)

    @path("resume/<str:code>/")
    def resume_with_code(self, request, code):
        from .resume import resume_view

        return resume_view(self, request, code)

    @path("outcome-email/stop/<str:token>/", name="stop_outcome_email")
    def stop_outcome_email(self, request, token):
        from .outcomes import unsubscribe_view

        return unsubscribe_view(self, request, token)


def default_locale_id():
    """The default language's Locale id; read on every consultation request, so kept in the cache."""
    from django.core.cache import cache
    from wagtail.models import Locale

    return cache.get_or_set("pkoffer:default-locale-id", lambda: Locale.get_default().pk, 3600)


def locale_id_for(language_code):
    """The Locale id of a language (None if it has none), kept in the cache like default_locale_id()."""
    from django.core.cache import cache
    from wagtail.models import Locale

    def find():
        locale = Locale.objects.filter(language_code=language_code).first()
        return locale.pk if locale else 0

    return cache.get_or_set(f"pkoffer:locale-id:{language_code}", find, 3600) or None


CONDITION_QUESTION_TYPES = ("single_choice", "multiple_choice", "about_you", "likert")


def condition_options(block_type, value):
    """[(option id, label)] a step's condition can test for this question, or None."""
    from django.utils.translation import override

    from .blocks import LIKERT_SCALE

    if block_type not in CONDITION_QUESTION_TYPES:
        return None
    if block_type == "likert":
        with override("en"):
            return [(key, str(label)) for key, label in LIKERT_SCALE]
    return [(item.id, item.value) for item in value["options"].bound_blocks]


def match_condition(earlier, wording, answer):
    def norm(text):
        return " ".join(str(text).split()).casefold()

    for question_id, (label, options) in earlier.items():
        if norm(label) == norm(wording):
            for option_id, option in options:
                if norm(option) == norm(answer):
                    return question_id, option_id
    return None


def new_reference():
    """A short reference residents can read out on the phone: no 0/O, 1/I/L."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Channel(models.TextChoices):
    """How a response reached the council. Staff enter everything but "web" in the admin."""

    WEB = "web", _("Website")
    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("Phone")
    EVENT = "event", _("Event or drop-in")
    EMAIL = "email", _("Email or letter")
    TRANSLATED = "translated", _("Other language, translated by staff")


class Response(models.Model):
    """One confirmed response, stored against the source consultation whatever the language."""

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("consultation"), on_delete=models.PROTECT, related_name="responses"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    # The staff member who typed in a paper, phone, event or translated response (None for the web).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # {question id: answer}; choice answers are option ids, free text is kept as written.
    answers = models.JSONField(_("answers"), default=dict)
    # The question wording at submission time, by question id, so answers to a removed question keep
    # their last label in exports.
    labels = models.JSONField(_("question labels"), default=dict)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # Given only by respondents who asked to hear about the outcome; emailed once, when it is published.
    outcome_email = models.EmailField(_("email for the outcome"), blank=True)
    outcome_emailed_at = models.DateTimeField(_("outcome emailed"), null=True, blank=True)
    # Set when the retention command (or an erasure) removed the personal data.
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["consultation", "-submitted_at"], name="response_by_consultation")]
        permissions = [("view_respondent_email", _("Can see respondents' email addresses"))]

    def __str__(self):
        return self.reference


class SavedDraft(models.Model):
    """Answers a resident saved to come back to later ("Save and come back later").

    Found again with a resume code that is not stored here: only its HMAC (keyed with SECRET_KEY) is
    kept, so a copy of this table holds no working codes. No email address and no IP address are
    stored. Deleted when the response is sent, and by `manage.py expire_consultation_drafts` once
    expired (consultations/resume.py has the journey).
    """

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="saved_drafts"
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A digest of the idempotency token the restored journey sends with: finds the draft to delete
    # when its response arrives, from any browser it was restored in.
    token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    answers = models.JSONField(_("answers"), default=dict)
    done_steps = models.JSONField(default=list)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("saved draft")
        verbose_name_plural = _("saved drafts")

    def __str__(self):
        return f"{self.consultation_id}:{self.pk}"


@receiver(post_save, sender=Response)
def delete_sent_draft(sender, instance, created, **kwargs):
    """The response is in: the saved draft it came from (if any) is no longer needed."""
    if created and instance.idempotency_key:
        from .resume import token_digest

        # One DELETE statement: nothing refers to a SavedDraft, and QuerySet.delete() would SELECT the
        # rows first (the page cache listens to every model's post_delete), on every response sent.
        drafts = SavedDraft.objects.filter(token_hash=token_digest(instance.idempotency_key))
        drafts._raw_delete(drafts.db)


class AnswerCode(models.Model):
    """A theme staff tag free-text answers with ("Transport", "Broadband"…), defined per consultation."""

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="answer_codes"
    )
    name = models.CharField(_("code"), max_length=100)
    description = models.CharField(_("what it covers"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "name"], name="unique_code_per_consultation")]

    def __str__(self):
        return self.name


class CodedAnswer(models.Model):
    """One code on one free-text answer (a response's answer to one question)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="coded_answers")
    question_id = models.CharField(max_length=64)
    code = models.ForeignKey(AnswerCode, on_delete=models.CASCADE, related_name="coded_answers")
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    coded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coded answer")
        verbose_name_plural = _("coded answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question_id", "code"], name="unique_code_per_answer")
        ]

    def __str__(self):
        return f"{self.response_id}:{self.question_id}:{self.code_id}"


class PopulationShare(models.Model):
    """A group's share of the Perth and Kinross population, entered by staff (a snippet), set beside
    who responded so staff see who is missing while a consultation is open."""

    AREA, AGE = "area", "age"
    DIMENSIONS = [(AREA, _("Area")), (AGE, _("Age band"))]

    dimension = models.CharField(_("grouped by"), max_length=10, choices=DIMENSIONS)
    name = models.CharField(
        _("group"),
        max_length=100,
        help_text=_("An area's name, or an age band worded exactly as the option of the about-you question (“25–44”)."),
    )
    postcode_districts = models.CharField(
        _("postcode districts"),
        max_length=300,
        blank=True,
        help_text=_("Areas only: the postcode districts in the area, separated by commas (PH1, PH2)."),
    )
    share = models.DecimalField(_("share of the population (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("Where the figure comes from."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("dimension"),
        FieldPanel("name"),
        FieldPanel("postcode_districts"),
        FieldPanel("share"),
        FieldPanel("source"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("population share")
        verbose_name_plural = _("population shares")
        ordering = ["dimension", "sort_order", "name"]

    def __str__(self):
        return f"{self.get_dimension_display()}: {self.name}"

    def districts(self):
        return [d.strip().upper() for d in self.postcode_districts.split(",") if d.strip()]


class OutcomeStreamBlock(BaseStreamBlock):
    results_chart = ResultsChartBlock()


class ConsultationOutcomePage(BasePage):
    """ "We asked, you said, we did": what a closed consultation found and what changed because of it.

    A child of its consultation. Results stay embargoed until an editor publishes this page (Wagtail's
    publishing, so it can be scheduled, moderated and translated like any page).
    """

    we_asked = RichTextField(_("we asked"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    you_said = StreamField(OutcomeStreamBlock(), verbose_name=_("you said"), blank=True)
    we_did = StreamField(BaseStreamBlock(), verbose_name=_("we did"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("we_asked"),
        FieldPanel("you_said"),
        FieldPanel("we_did"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("we_asked"),
        TranslatableField("you_said"),
        TranslatableField("we_did"),
    ]
    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "consultations/consultation_outcome_page.html"

    class Meta:
        verbose_name = _("consultation outcome")
        verbose_name_plural = _("consultation outcomes")

    def get_context(self, request, *args, **kwargs):
        from .outcomes import outcome_context

        context = super().get_context(request, *args, **kwargs)
        context.update(outcome_context(self))
        return context

    def clean(self):
        from django.core.exceptions import ValidationError

        from .outcomes import parent_consultation

        super().clean()
        consultation = parent_consultation(self) if self.path else None
        if consultation is None:
            return
        own = {question_id for _step, question_id, _kind, _value in consultation.get_source().questions()}
        for block in self.you_said:
            if block.block_type == "results_chart" and block.value["question"] not in own:
                raise ValidationError(
                    {"you_said": _("A results chart can only show a question of this consultation: choose another.")}
                )

    def publish(self, revision, *args, **kwargs):
        """Refused while the consultation is open or forthcoming (the embargo on results), whatever
        publishes it: wagtail-localize, a workflow, a bulk action or code. The admin's own "Publish"
        is stopped earlier, with a message (outcomes.refuse_embargoed_outcome)."""
        from django.core.exceptions import ValidationError

        from .outcomes import embargo_problem, parent_consultation

        problem = embargo_problem(parent_consultation(self), revision.as_object().go_live_at)
        if problem:
            raise ValidationError(problem)
        return super().publish(revision, *args, **kwargs)

    @staticmethod
    def live_outcomes(consultations, locale_id):
        """{consultation id: live outcome page} for the hub, in one query (outcomes.live_outcomes)."""
        from .outcomes import live_outcomes

        return live_outcomes(consultations, locale_id)
