"""Who responded, beside who lives in Perth and Kinross: responses by area (from the postcode
district of the consultation's postcode question) and by age band (from the about-you question whose
options are the age bands), each beside the population share staff enter in the "Population shares"
snippet, so staff see who is missing while the consultation is still open.

A group is flagged as under-represented when its share of the responses is below
UNDER_REPRESENTED × its share of the population (in words, not only in colour).
"""

import re
from decimal import Decimal

from django.urls import path
from django.utils.translation import gettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_views import ConsultationMixin, ResponsePermissionMixin, url
from .blocks import PREFER_NOT_TO_SAY
from .models import PopulationShare

UNDER_REPRESENTED = Decimal("0.8")
DASHES = re.compile(r"[\u2010-\u2015\u2212-]")


def band_key(text):
    """An age band's name compared loosely: case, spaces and the kind of dash do not matter."""
    return DASHES.sub("-", "".join(str(text).split())).casefold()


def postcode_district(postcode):
    """ "PH1 5PH" -> "PH1"; a postcode without its space is split before its last three characters."""
    text = "".join(str(postcode or "").split()).upper()
    if len(text) < 5:
        return text or None
    return text[:-3]


def area_question(consultation):
    for _step, question_id, kind, _value in consultation.questions():
        if kind == "postcode":
            return question_id
    return None


def age_question(consultation, bands):
    """(question id, {option id: band}) of the about-you question with the most options named like
    the age bands; (None, {}) if there is none."""
    keys = {band_key(band.name): band for band in bands}
    best = (None, {})
    for _step, question_id, kind, value in consultation.questions():
        if kind != "about_you":
            continue
        matched = {}
        for item in value["options"].bound_blocks:
            band = keys.get(band_key(item.value))
            if band is not None:
                matched[item.id] = band
        if len(matched) > len(best[1]):
            best = (question_id, matched)
    return best


def table(groups, counts, total, other_label, other_count):
    rows = []
    for group in groups:
        count = counts.get(group.pk, 0)
        share = Decimal(100 * count) / total if total else Decimal(0)
        population = Decimal(group.share)
        rows.append(
            {
                "name": group.name,
                "count": count,
                "share": share,
                "population": population,
                "difference": share - population,
                "under": bool(total) and population > 0 and share < UNDER_REPRESENTED * population,
            }
        )
    other_share = Decimal(100 * other_count) / total if total else Decimal(0)
    return rows, {"name": other_label, "count": other_count, "share": other_share}


def representativeness(consultation, responses):
    """{"total", "areas": (rows, other), "ages": (rows, other), "area_question", "age_question", "sources"}
    for the responses (one pass over their answers)."""
    shares = list(PopulationShare.objects.all())
    areas = [s for s in shares if s.dimension == PopulationShare.AREA]
    bands = [s for s in shares if s.dimension == PopulationShare.AGE]
    by_district = {district: area for area in areas for district in area.districts()}
    postcode_id = area_question(consultation)
    age_id, age_options = age_question(consultation, bands)
    area_counts, age_counts = {}, {}
    total = area_other = age_other = 0
    for answers in responses.order_by().values_list("answers", flat=True).iterator(chunk_size=2000):
        total += 1
        answers = answers or {}
        area = by_district.get(postcode_district(answers.get(postcode_id))) if postcode_id else None
        if area is None:
            area_other += 1
        else:
            area_counts[area.pk] = area_counts.get(area.pk, 0) + 1
        answer = answers.get(age_id) if age_id else None
        band = age_options.get(answer) if isinstance(answer, str) and answer != PREFER_NOT_TO_SAY else None
        if band is None:
            age_other += 1
        else:
            age_counts[band.pk] = age_counts.get(band.pk, 0) + 1
    return {
        "total": total,
        "areas": table(areas, area_counts, total, gettext("Outside Perth and Kinross / not given"), area_other),
        "ages": table(bands, age_counts, total, gettext("Prefer not to say / not given"), age_other),
        "has_postcode_question": postcode_id is not None,
        "has_age_question": age_id is not None,
        "sources": sorted({s.source for s in shares if s.source}),
    }


class RepresentativenessView(ResponsePermissionMixin, ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/representativeness.html"
    header_icon = "group"

    def get_page_title(self):
        return gettext("Representativeness")

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return self.base_breadcrumbs() + [
            {"url": url("responses", self.consultation.pk), "label": self.consultation.title},
            {"url": url("summary", self.consultation.pk), "label": gettext("Results")},
            {"url": "", "label": gettext("Representativeness")},
        ]

    def get_context_data(self, **kwargs):
        from django.urls import NoReverseMatch, reverse

        context = super().get_context_data(**kwargs)
        context |= representativeness(self.consultation, self.get_responses())
        context["threshold"] = int(UNDER_REPRESENTED * 100)
        try:
            context["shares_url"] = reverse("wagtailsnippets_consultations_populationshare:list")
        except NoReverseMatch:
            context["shares_url"] = ""
        context["may_edit_shares"] = self.request.user.has_perm("consultations.change_populationshare")
        return context


def representativeness_urlpatterns():
    return [path("<int:page_id>/representativeness/", RepresentativenessView.as_view(), name="representativeness")]
