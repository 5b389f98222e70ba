"""Coding free-text answers: staff define codes (themes) per consultation, read the answers to each
short or long text question, search them, tag each with codes and see how many answers have each.

Reading needs `consultations.view_response`; defining codes and tagging answers needs
`consultations.change_response` too (the "Consultation analysts" group has both). The tagging form is
a plain POST form (checkboxes) that works without JavaScript and comes back to the same page and
filters. The search is case-insensitive in every language on SQLite and PostgreSQL alike: the
answers are compared in Python (`str.casefold`), as SQLite's LIKE only folds ASCII letters.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from .admin_views import ConsultationMixin, ResponsePermissionMixin, uk_time, url
from .exports import TEXT_KINDS
from .models import AnswerCode, CodedAnswer

CHANGE_PERMISSION = "consultations.change_response"
PER_PAGE = 25
NOT_CODED = "none"


class CodingMixin(ResponsePermissionMixin, ConsultationMixin, WagtailAdminTemplateMixin):
    header_icon = "tag"

    @cached_property
    def may_code(self):
        return self.request.user.has_perm(CHANGE_PERMISSION)

    def refuse(self):
        return TemplateResponse(
            self.request,
            "consultations/admin/cannot_code.html",
            {"page_title": gettext("Codes"), "header_icon": "tag", "back_url": url("summary", self.consultation.pk)},
            status=403,
        )

    def post(self, request, *args, **kwargs):
        if not self.may_code:
            return self.refuse()
        return self.handle_post(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.consultation.title

    def codes(self):
        return AnswerCode.objects.filter(consultation=self.consultation)

    def text_questions(self):
        return [q for q in self.schema().questions if q.kind in TEXT_KINDS]

    def crumbs(self, *extra):
        return (
            self.base_breadcrumbs()
            + [
                {"url": url("responses", self.consultation.pk), "label": self.consultation.title},
                {"url": url("summary", self.consultation.pk), "label": gettext("Results")},
            ]
            + list(extra)
        )


class CodeForm(forms.ModelForm):
    class Meta:
        model = AnswerCode
        fields = ["name", "description"]

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = AnswerCode.objects.filter(consultation=self.consultation, name__iexact=name).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(
                gettext("This consultation already has a code called “%(name)s”.") % {"name": name}
            )
        return name


class CodesView(CodingMixin, TemplateView):
    """The consultation's codes, how many answers to each question have them, and a form to add one."""

    template_name = "consultations/admin/codes.html"

    def get_page_title(self):
        return gettext("Codes")

    def get_breadcrumbs_items(self):
        return self.crumbs({"url": "", "label": gettext("Codes")})

    def handle_post(self, request, *args, **kwargs):
        form = CodeForm(request.POST, consultation=self.consultation)
        if form.is_valid():
            code = form.save(commit=False)
            code.consultation = self.consultation
            code.save()
            messages.success(request, gettext("Code “%(name)s” added.") % {"name": code.name})
            return redirect(url("codes", self.consultation.pk))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = self.text_questions()
        counts = {}
        for code_id, question_id, n in (
            CodedAnswer.objects.filter(code__consultation=self.consultation)
            .values_list("code_id", "question_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[(code_id, question_id)] = n
        rows = [
            {
                "code": code,
                "counts": [counts.get((code.pk, q.id), 0) for q in questions],
                "edit_url": url("code_edit", self.consultation.pk, code.pk),
                "delete_url": url("code_delete", self.consultation.pk, code.pk),
            }
            for code in self.codes()
        ]
        context |= {
            "questions": [(q, url("free_text", self.consultation.pk, q.id)) for q in questions],
            "rows": rows,
            "may_code": self.may_code,
            "form": kwargs.get("form") or (CodeForm(consultation=self.consultation) if self.may_code else None),
        }
        return context


class CodeEditView(CodingMixin, TemplateView):
    """Rename a code or say what it covers (the answers keep it)."""

    template_name = "consultations/admin/code_form.html"

    @cached_property
    def code(self):
        return get_object_or_404(AnswerCode, consultation=self.consultation, pk=self.kwargs["code_id"])

    def get(self, request, *args, **kwargs):
        if not self.may_code:
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Edit code “%(name)s”") % {"name": self.code.name}

    def get_breadcrumbs_items(self):
        return self.crumbs(
            {"url": url("codes", self.consultation.pk), "label": gettext("Codes")}, {"url": "", "label": self.code.name}
        )

    def handle_post(self, request, *args, **kwargs):
        form = CodeForm(request.POST, instance=self.code, consultation=self.consultation)
        if form.is_valid():
            form.save()
            messages.success(request, gettext("Code “%(name)s” saved.") % {"name": form.instance.name})
            return redirect(url("codes", self.consultation.pk))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or CodeForm(instance=self.code, consultation=self.consultation)
        context["cancel_url"] = url("codes", self.consultation.pk)
        return context


class CodeDeleteView(CodeEditView):
    """Delete a code, after saying how many answers lose it."""

    template_name = "consultations/admin/code_delete.html"

    def get_page_title(self):
        return gettext("Delete code “%(name)s”") % {"name": self.code.name}

    def handle_post(self, request, *args, **kwargs):
        name = self.code.name
        self.code.delete()
        messages.success(request, gettext("Code “%(name)s” deleted.") % {"name": name})
        return redirect(url("codes", self.consultation.pk))

    def get_context_data(self, **kwargs):
        context = super(CodeEditView, self).get_context_data(**kwargs)
        context["code"] = self.code
        context["uses"] = self.code.coded_answers.count()
        context["cancel_url"] = url("codes", self.consultation.pk)
        return context


class FreeTextView(CodingMixin, TemplateView):
    """The answers to one free-text question: search, filter by code, tag with codes."""

    template_name = "consultations/admin/free_text.html"

    @cached_property
    def question(self):
        for question in self.text_questions():
            if question.id == self.kwargs["question_id"]:
                return question
        raise Http404

    def get_page_title(self):
        return self.question.label

    def get_breadcrumbs_items(self):
        return self.crumbs({"url": "", "label": self.question.label})

    @cached_property
    def header_buttons(self):
        return [HeaderButton(gettext("Codes"), url("codes", self.consultation.pk), icon_name="tag")]

    def answered(self):
        qid = self.question.id
        return self.get_responses().filter(answers__has_key=qid).exclude(**{f"answers__{qid}": ""})

    def matching_ids(self):
        """The ids of the responses whose answer the filters keep, oldest first."""
        qid = self.question.id
        responses = self.answered().order_by("submitted_at", "pk")
        code = self.request.GET.get("code", "")
        if code == NOT_CODED:
            responses = responses.exclude(
                pk__in=CodedAnswer.objects.filter(question_id=qid, response__consultation=self.consultation).values(
                    "response_id"
                )
            )
        elif code.isdigit():
            responses = responses.filter(coded_answers__question_id=qid, coded_answers__code_id=int(code))
        search = self.search
        if not search:
            return list(responses.values_list("pk", flat=True))
        needle = search.casefold()
        rows = responses.annotate(text=KeyTextTransform(qid, "answers")).values_list("pk", "text")
        return [pk for pk, text in rows.iterator(chunk_size=2000) if text and needle in str(text).casefold()]

    @cached_property
    def search(self):
        return " ".join(self.request.GET.get("q", "").split())

    def handle_post(self, request, *args, **kwargs):
        shown = [int(pk) for pk in request.POST.getlist("shown") if pk.isdigit()]
        responses = {r.pk: r for r in self.answered().filter(pk__in=shown).only("pk")}
        codes = {code.pk: code for code in self.codes()}
        existing = {}
        for response_id, code_id in CodedAnswer.objects.filter(
            response_id__in=list(responses), question_id=self.question.id
        ).values_list("response_id", "code_id"):
            existing.setdefault(response_id, set()).add(code_id)
        added = removed = 0
        for response_id, response in responses.items():
            wanted = {int(c) for c in request.POST.getlist(f"codes-{response_id}") if c.isdigit() and int(c) in codes}
            had = existing.get(response_id, set())
            new = [
                CodedAnswer(response=response, question_id=self.question.id, code=codes[c], coded_by=request.user)
                for c in sorted(wanted - had)
            ]
            CodedAnswer.objects.bulk_create(new)
            added += len(new)
            if had - wanted:
                removed += CodedAnswer.objects.filter(
                    response=response, question_id=self.question.id, code_id__in=had - wanted
                ).delete()[0]
        messages.success(
            request,
            gettext("Codes saved: %(added)s added, %(removed)s removed.") % {"added": added, "removed": removed},
        )
        back = request.POST.get("next", "")
        if not back.startswith("?") or not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
            back = ""
        return redirect(url("free_text", self.consultation.pk, self.question.id) + back)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qid = self.question.id
        codes = list(self.codes())
        ids = self.matching_ids()
        page = Paginator(ids, PER_PAGE).get_page(self.request.GET.get("p"))
        shown = {
            r.pk: r
            for r in self.get_responses()
            .filter(pk__in=list(page.object_list))
            .only("pk", "reference", "submitted_at", "answers")
        }
        given = {}
        for response_id, code_id in CodedAnswer.objects.filter(
            response_id__in=list(shown), question_id=qid
        ).values_list("response_id", "code_id"):
            given.setdefault(response_id, set()).add(code_id)
        answers = []
        for pk in page.object_list:
            response = shown.get(pk)
            if response is None:
                continue
            answers.append(
                {
                    "response": response,
                    "text": (response.answers or {}).get(qid, ""),
                    "submitted": uk_time(response.submitted_at),
                    "detail_url": url("detail", self.consultation.pk, pk),
                    "codes": [(code, code.pk in given.get(pk, set())) for code in codes],
                }
            )
        per_code = dict(
            CodedAnswer.objects.filter(response__consultation=self.consultation, question_id=qid)
            .values_list("code_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        here = query.urlencode()
        current = self.request.GET.copy()
        context |= {
            "question": self.question,
            "answers": answers,
            "page": page,
            "matching": len(ids),
            "answered": self.answered().count(),
            "codes": codes,
            "code_counts": [(code, per_code.get(code.pk, 0)) for code in codes],
            "not_coded": self.answered()
            .exclude(
                pk__in=CodedAnswer.objects.filter(question_id=qid, response__consultation=self.consultation).values(
                    "response_id"
                )
            )
            .count(),
            "search": self.search,
            "code_filter": self.request.GET.get("code", ""),
            "NOT_CODED": NOT_CODED,
            "may_code": self.may_code,
            "page_query": f"&{here}" if here else "",
            "next": f"?{current.urlencode()}" if current else "",
            "codes_url": url("codes", self.consultation.pk),
            "action": url("free_text", self.consultation.pk, qid),
            "is_filtered": bool(self.search or self.request.GET.get("code")),
        }
        return context


def coding_urlpatterns():
    return [
        path("<int:page_id>/codes/", CodesView.as_view(), name="codes"),
        path("<int:page_id>/codes/<int:code_id>/", CodeEditView.as_view(), name="code_edit"),
        path("<int:page_id>/codes/<int:code_id>/delete/", CodeDeleteView.as_view(), name="code_delete"),
        path("<int:page_id>/free-text/<str:question_id>/", FreeTextView.as_view(), name="free_text"),
    ]
