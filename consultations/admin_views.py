"""The staff side of responses, in the Wagtail admin: consultations with their response counts, each
consultation's responses (every language pooled: they are all stored against the source), one
response, counts per option and the CSV export.

All of it needs `consultations.view_response` (superusers, the "Consultation analysts" group):
editing a consultation page does not give access to what residents answered.
"""

import tempfile

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Count, Q
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from home.chrome import LANGUAGE_NAMES

from .exports import UK, ResponseSchema, csv_rows, write_xlsx
from .models import Channel, CodedAnswer, ConsultationPage, Response
from .results import answer_filter_choices, filter_by_answer, question_results

VIEW_PERMISSION = "consultations.view_response"
NAMESPACE = "consultation_responses"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def uk_time(moment):
    return format_date(moment.astimezone(UK), "j M Y, H:i") if moment else ""


def channel_label(channel):
    """A channel's name ("Paper form"); a value no longer among the choices is shown as stored."""
    return Channel(channel).label if channel in Channel.values else channel


class ResponsePermissionMixin:
    """Only for users with `consultations.view_response`; anyone else in the admin gets a 403 page
    (Wagtail's PermissionCheckedMixin would send them to the dashboard with a message instead)."""

    permission_policy = ModelPermissionPolicy(Response)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "view"):
            return TemplateResponse(
                request,
                "consultations/admin/forbidden.html",
                {"page_title": gettext("Consultation responses"), "header_icon": "tasks"},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)


class ConsultationMixin:
    """Finds the consultation from the URL: a translation's id goes to its source's views."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(ConsultationPage, pk=kwargs["page_id"])
        self.consultation = page.get_source()
        if self.consultation.pk != page.pk:
            target = reverse(request.resolver_match.view_name, kwargs={**kwargs, "page_id": self.consultation.pk})
            return redirect(f"{target}?{request.GET.urlencode()}" if request.GET else target)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def source_language(self):
        return self.consultation.locale.language_code

    def get_responses(self):
        return Response.objects.filter(consultation=self.consultation)

    def schema(self, responses=None):
        """Questions and answers read in the consultation's own language, whatever the admin's."""
        with translation.override(self.source_language):
            return ResponseSchema(self.consultation, responses)

    def base_breadcrumbs(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": gettext("Home")},
            {"url": url("index"), "label": gettext("Consultation responses")},
        ]


class ResponseFilterSet(WagtailFilterSet):
    submitted_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date submitted"), widget=DateRangePickerWidget
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=settings.LANGUAGES,
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
    )
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Channel"), choices=[], empty_label=gettext_lazy("All"), widget=forms.RadioSelect
    )

    class Meta:
        model = Response
        fields = ["submitted_at", "language", "channel"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # The channels this consultation's responses came through (web, paper, phone…).
        channels = self.queryset.order_by("channel").values_list("channel", flat=True).distinct()
        self.filters["channel"].extra["choices"] = [(channel, channel_label(channel)) for channel in channels]


class FilteredResponsesMixin(ConsultationMixin):
    """The list's filters and reference search, also applied by the summary and the export."""

    def filtered(self, responses):
        filters = ResponseFilterSet(self.request.GET, queryset=responses, request=self.request)
        if filters.is_valid():
            responses = filters.filter_queryset(responses)
        query = self.request.GET.get("q", "").strip()
        if query:
            responses = responses.filter(reference__icontains=query)
        if self.request.GET.get("answer"):  # "answer to another question" (the results page's filter)
            responses = filter_by_answer(responses, self.consultation, self.request.GET["answer"])
        return responses

    def querystring(self):
        query = self.request.GET.copy()
        for key in ("p", "_w_filter_fragment", "ordering"):
            query.pop(key, None)
        return f"?{query.urlencode()}" if query else ""


# --- Consultations ---------------------------------------------------------------------------------


class ConsultationIndexView(ResponsePermissionMixin, BaseListingView):
    page_title = gettext_lazy("Consultation responses")
    header_icon = "tasks"
    paginate_by = 50
    verbose_name_plural = gettext_lazy("consultations")
    index_url_name = f"{NAMESPACE}:index"

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=gettext_lazy("Consultation"), get_url=lambda c: url("responses", c.pk)),
            Column("status_label", label=gettext_lazy("Status")),
            Column("opens_at", label=gettext_lazy("Opens"), accessor=lambda c: uk_time(c.opens_at)),
            Column("closes_at", label=gettext_lazy("Closes"), accessor=lambda c: uk_time(c.closes_at)),
            NumberColumn("response_count", label=gettext_lazy("Responses")),
        ]

    def get_base_queryset(self):
        return (
            ConsultationPage.objects.filter(locale=Locale.get_default())
            .annotate(response_count=Count("responses"))
            .order_by("-opens_at", "pk")
        )


# --- One consultation's responses ----------------------------------------------------------------


class ResponseIndexView(ResponsePermissionMixin, FilteredResponsesMixin, BaseListingView):
    header_icon = "tasks"
    paginate_by = 50
    filterset_class = ResponseFilterSet
    is_searchable = True
    search_fields = ["reference"]
    default_ordering = "-submitted_at"
    verbose_name_plural = gettext_lazy("responses")

    def get_page_title(self):
        return gettext("Responses")

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return self.base_breadcrumbs() + [{"url": "", "label": self.consultation.title}]

    @cached_property
    def columns(self):
        page_id = self.consultation.pk
        return [
            TitleColumn("reference", label=gettext_lazy("Reference"), get_url=lambda r: url("detail", page_id, r.pk)),
            Column(
                "submitted_at",
                label=gettext_lazy("Submitted (UK time)"),
                accessor=lambda r: uk_time(r.submitted_at),
                sort_key="submitted_at",
            ),
            Column("language", label=gettext_lazy("Language"), accessor=lambda r: LANGUAGE_NAMES.get(r.language)),
            Column("channel", label=gettext_lazy("Channel"), accessor=lambda r: channel_label(r.channel)),
        ]

    def get_base_queryset(self):
        return self.get_responses().only("pk", "reference", "submitted_at", "language", "channel")

    def get_filterset_kwargs(self):
        return super().get_filterset_kwargs() | {"queryset": self.get_responses()}

    def get_index_url(self):
        return url("responses", self.consultation.pk)

    def get_index_results_url(self):
        return url("responses_results", self.consultation.pk)

    @cached_property
    def header_buttons(self):
        query = self.querystring()
        return [
            HeaderButton(gettext("Results"), url("summary", self.consultation.pk) + query, icon_name="table"),
            HeaderButton(gettext("Download CSV"), url("export", self.consultation.pk) + query, icon_name="download"),
            HeaderButton(
                gettext("Download XLSX"), url("export_xlsx", self.consultation.pk) + query, icon_name="download"
            ),
        ] + self.entry_buttons()

    def entry_buttons(self):
        """The "Enter a response" button (paper, phone, event…), for those who may add responses (staff_entry.py)."""
        if not self.request.user.has_perm("consultations.add_response"):
            return []
        return [HeaderButton(gettext("Enter a response"), url("enter", self.consultation.pk), icon_name="form")]


class ResponseDetailView(ResponsePermissionMixin, ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/response_detail.html"
    header_icon = "tasks"

    def get(self, request, *args, **kwargs):
        self.response = get_object_or_404(self.get_responses().select_related("entered_by"), pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Response %(reference)s") % {"reference": self.response.reference}

    def get_breadcrumbs_items(self):
        return self.base_breadcrumbs() + [
            {"url": url("responses", self.consultation.pk), "label": self.consultation.title},
            {"url": "", "label": self.response.reference},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.response
        schema = self.schema(Response.objects.filter(pk=response.pk))
        answers = response.answers or {}
        titles = [section.value["title"] for section in self.consultation.sections]
        may_see_email = self.request.user.has_perm("consultations.view_respondent_email")
        steps = {}
        for question in schema.questions:
            title = titles[question.step - 1] if question.step else gettext("Removed questions")
            # An answer to an email question is an email address: shown as the exports do, only with the permission.
            hidden = question.kind == "email" and not may_see_email and bool(answers.get(question.id))
            steps.setdefault((question.step or len(titles) + 1, title), []).append(
                {
                    "question": question,
                    "hidden": hidden,
                    "lines": [] if hidden else schema.answer_lines(question, answers.get(question.id)),
                    "as_list": question.kind in ("multiple_choice", "matrix")
                    or isinstance(answers.get(question.id), list | dict),
                    "ordered": question.kind == "ranking",
                }
            )
        context |= {
            "consultation": self.consultation,
            "response": response,
            "submitted": uk_time(response.submitted_at),
            "language": LANGUAGE_NAMES.get(response.language, response.language),
            "channel": channel_label(response.channel),
            "entered_by": (response.entered_by.get_full_name() or response.entered_by.get_username())
            if response.entered_by
            else "",
            "may_see_email": may_see_email,
            "steps": [(number, title, rows) for (number, title), rows in steps.items()],
            "responses_url": url("responses", self.consultation.pk),
        }
        return context


class ResultsFilterForm(forms.Form):
    """The results page's own filter: only the respondents who gave one answer to a choice question."""

    answer = forms.ChoiceField(label=gettext_lazy("Answer to another question"), required=False)

    def __init__(self, data, schema):
        super().__init__(data)
        self.fields["answer"].choices = [("", gettext("Any answer"))] + answer_filter_choices(schema)


class ResponseSummaryView(ResponsePermissionMixin, FilteredResponsesMixin, WagtailAdminTemplateMixin, TemplateView):
    """Results: counts and percentages, distributions, ranking points and rating means, with charts and
    tables, pooled across languages and channels, for the responses the filters keep."""

    template_name = "consultations/admin/response_summary.html"
    header_icon = "table"

    def get_page_title(self):
        return gettext("Results")

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return self.base_breadcrumbs() + [
            {"url": url("responses", self.consultation.pk) + self.querystring(), "label": self.consultation.title},
            {"url": "", "label": gettext("Results")},
        ]

    @cached_property
    def header_buttons(self):
        query, page_id = self.querystring(), self.consultation.pk
        return [
            HeaderButton(gettext("Download CSV"), url("export", page_id) + query, icon_name="download"),
            HeaderButton(gettext("Download XLSX"), url("export_xlsx", page_id) + query, icon_name="download"),
            HeaderButton(gettext("Codes"), url("codes", page_id), icon_name="tag"),
            HeaderButton(gettext("Representativeness"), url("representativeness", page_id), icon_name="group"),
        ]

    def get_context_data(self, **kwargs):
        from .exports import TEXT_KINDS

        context = super().get_context_data(**kwargs)
        all_responses = self.get_responses()
        responses = self.filtered(all_responses)
        schema = self.schema()
        filters = ResponseFilterSet(self.request.GET, queryset=all_responses, request=self.request)
        total = responses.count()
        by_language = dict(responses.order_by().values_list("language").annotate(n=Count("pk")))
        by_channel = dict(responses.order_by().values_list("channel").annotate(n=Count("pk")))
        # Free-text questions: how many answered each, and the codes given (one query each).
        text_questions = [q for q in schema.questions if q.kind in TEXT_KINDS]
        answered = {}
        if text_questions:
            answered = responses.aggregate(
                **{
                    f"q{n}": Count("pk", filter=Q(answers__has_key=q.id) & ~Q(**{f"answers__{q.id}": ""}))
                    for n, q in enumerate(text_questions)
                }
            )
        coded = (
            CodedAnswer.objects.filter(response__in=responses, question_id__in=[q.id for q in text_questions])
            .values_list("question_id", "code__name")
            .annotate(n=Count("pk"))
            .order_by("question_id", "-n", "code__name")
        )
        codes = {}
        for question_id, name, n in coded:
            codes.setdefault(question_id, []).append((name, n))
        context |= {
            "consultation": self.consultation,
            "total": total,
            "by_language": [(name, by_language.get(code, 0)) for code, name in settings.LANGUAGES],
            "by_channel": [
                (label, by_channel.get(value, 0)) for value, label in Channel.choices if value in by_channel
            ],
            "is_filtered": bool(self.querystring()),
            "filter_form": filters.form,
            "answer_form": ResultsFilterForm(self.request.GET or None, schema),
            "clear_url": url("summary", self.consultation.pk),
            "responses_url": url("responses", self.consultation.pk) + self.querystring(),
            "results": question_results(self.consultation, responses, language=self.source_language, schema=schema),
            "free_text": [
                {
                    "question": q,
                    "answered": answered.get(f"q{n}", 0),
                    "codes": codes.get(q.id, []),
                    "url": url("free_text", self.consultation.pk, q.id),
                }
                for n, q in enumerate(text_questions)
            ],
        }
        return context


class ResponseExportView(ResponsePermissionMixin, FilteredResponsesMixin, View):
    """The CSV (streamed) or XLSX (written to a temporary file, then sent) of the filtered responses.
    Email addresses only for users with `consultations.view_respondent_email`. Every export is
    recorded in the consultation page's history (format, filters, rows; never personal data)."""

    format = "csv"

    def get(self, request, *args, **kwargs):
        responses = self.filtered(self.get_responses())
        include_email = request.user.has_perm(EMAIL_PERMISSION)
        filename = f"responses-{self.consultation.slug}-{timezone.localdate(timezone=UK):%Y-%m-%d}.{self.format}"
        if self.format == "xlsx":
            target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, once sent; then it is deleted)
            rows = write_xlsx(self.consultation, responses, self.source_language, target, include_email)
            target.seek(0)
            response = FileResponse(
                target,
                as_attachment=True,
                filename=filename,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            rows = responses.count()
            stream = csv_rows(self.consultation, responses, self.source_language, include_email)
            response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        self.log_export(rows, include_email)
        add_never_cache_headers(response)  # residents' answers: never kept by a cache
        return response

    def log_export(self, rows, include_email):
        from wagtail.log_actions import log

        filters = {
            key: value for key, value in self.request.GET.items() if key in EXPORT_FILTER_KEYS and value and key != "q"
        }
        if self.request.GET.get("q", "").strip():
            filters["reference search"] = True  # whether one was used, not what was searched for
        log(
            instance=self.consultation,
            action="consultations.export",
            user=self.request.user,
            data={"format": self.format, "filters": filters, "rows": rows, "with_email": include_email},
        )


EMAIL_PERMISSION = "consultations.view_respondent_email"
EXPORT_FILTER_KEYS = ("language", "channel", "submitted_at_after", "submitted_at_before", "answer", "q")


# --- The viewset -----------------------------------------------------------------------------------


class ResponsesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


class ConsultationResponsesViewSet(ViewSet):
    name = NAMESPACE
    url_prefix = "consultation-responses"
    icon = "tasks"
    menu_label = gettext_lazy("Consultation responses")
    menu_name = "consultation-responses"
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = ResponsesMenuItem

    def get_urlpatterns(self):
        from .coding import coding_urlpatterns
        from .representativeness import representativeness_urlpatterns
        from .staff_entry import EnterResponseView

        return [
            path("", ConsultationIndexView.as_view(), name="index"),
            path("<int:page_id>/", ResponseIndexView.as_view(), name="responses"),
            path("<int:page_id>/results/", ResponseIndexView.as_view(results_only=True), name="responses_results"),
            path("<int:page_id>/summary/", ResponseSummaryView.as_view(), name="summary"),
            path("<int:page_id>/export/", ResponseExportView.as_view(), name="export"),
            path("<int:page_id>/export/xlsx/", ResponseExportView.as_view(format="xlsx"), name="export_xlsx"),
            *coding_urlpatterns(),
            *representativeness_urlpatterns(),
            path("<int:page_id>/<int:pk>/", ResponseDetailView.as_view(), name="detail"),
            path("<int:page_id>/enter/", EnterResponseView.as_view(), name="enter"),
        ]
