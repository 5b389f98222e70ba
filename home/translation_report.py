"""Reports → Translation status: every English page and, per other language, whether it is
translated, out of date or missing, with links to translate, edit and sync.

wagtail-localize's own "Translations" report lists translation jobs (pages and snippets) and
whether strings wait for translation; this one starts from the English pages, so a page nobody has
started translating shows up too.

A language's version of an English page is:

- **Missing**: there is no page in that language (an alias, which only repeats the English page, counts
  as missing).
- **Out of date**, when made with wagtail-localize: the English page was published after the
  translation was last synced (TranslationSource.last_updated_at), strings wait for translation, or
  the translation is not published or was not published again since the last sync. When made
  without wagtail-localize (copied with Wagtail's "copy for translation"): the English page was
  published after the translation, or the translation is not published.
- **Translated** otherwise.

Every status is worked out in the database (annotations), so the list is one query (and one to
count it) whatever the number of pages, and filtering by language and status is a WHERE clause.
"""

import re

import django_filters
from django.conf import settings
from django.db.models import BooleanField, Case, CharField, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page
from wagtail.permissions import page_permission_policy
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .translators import may_work_in

TRANSLATED, OUT_OF_DATE, MISSING = "translated", "out-of-date", "missing"
STATUS_CHOICES = [
    (TRANSLATED, _("Translated")),
    (OUT_OF_DATE, _("Out of date")),
    (MISSING, _("Missing")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
STATUS_ICONS = {TRANSLATED: "success", OUT_OF_DATE: "warning", MISSING: "circle-xmark"}
REPORT_PERMISSIONS = ["add", "change", "publish"]  # any page permission: Editors, Moderators, translators


def prefix(language_code):
    return "t_" + re.sub(r"\W", "_", language_code) + "_"


def status_queryset(source_locale, target_locales):
    """The source language's pages (not the root), each annotated per target locale with its
    translation (`t_<code>_id`, `_live`, `_published_at`), whether wagtail-localize manages it
    (`_managed`), how many strings wait for translation (`_todo`) and the status (`_status`)."""
    source = TranslationSource.objects.filter(object_id=OuterRef("translation_key"), locale_id=source_locale.pk)
    pages = Page.objects.filter(locale_id=source_locale.pk, depth__gt=1).annotate(
        source_id=Subquery(source.values("pk")[:1]),
        synced_at=Subquery(source.values("last_updated_at")[:1]),
    )
    for locale in target_locales:
        p = prefix(locale.language_code)
        translated = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale_id=locale.pk, alias_of__isnull=True
        )
        managed = Translation.objects.filter(
            source__object_id=OuterRef("translation_key"),
            source__locale_id=source_locale.pk,
            target_locale_id=locale.pk,
            enabled=True,
        )
        untranslated = (
            StringSegment.objects.filter(
                source__object_id=OuterRef("translation_key"), source__locale_id=source_locale.pk
            )
            .filter(
                ~Exists(
                    StringTranslation.objects.filter(
                        translation_of_id=OuterRef("string_id"),
                        context_id=OuterRef("context_id"),
                        locale_id=locale.pk,
                        has_error=False,
                    )
                )
            )
            .order_by()
            .values("source_id")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        pages = pages.annotate(
            **{
                p + "id": Subquery(translated.values("pk")[:1]),
                p + "live": Subquery(translated.values("live")[:1], output_field=BooleanField()),
                p + "published_at": Subquery(translated.values("last_published_at")[:1]),
                p + "managed": Exists(managed),
                p + "todo": Coalesce(Subquery(untranslated), 0),
            }
        )
        managed_out_of_date = Q(**{p + "managed": True}) & (
            Q(last_published_at__gt=F("synced_at"))
            | Q(**{p + "todo__gt": 0})
            | Q(**{p + "live": False})
            | Q(**{p + "published_at__lt": F("synced_at")})
        )
        copy_out_of_date = Q(**{p + "managed": False}) & (
            Q(**{p + "live": False}) | Q(last_published_at__gt=F(p + "published_at"))
        )
        pages = pages.annotate(
            **{
                p + "status": Case(
                    When(**{p + "id__isnull": True}, then=Value(MISSING)),
                    When(managed_out_of_date | copy_out_of_date, then=Value(OUT_OF_DATE)),
                    default=Value(TRANSLATED),
                    output_field=CharField(),
                )
            }
        )
    return pages


def reasons(page, locale):
    """Why a version is out of date, in words, from the annotations (no query)."""
    p = prefix(locale.language_code)
    if getattr(page, p + "id") is None:
        return []
    live, published_at = getattr(page, p + "live"), getattr(page, p + "published_at")
    english_published_at, synced_at = page.last_published_at, page.synced_at
    found = []
    if getattr(page, p + "managed"):
        if english_published_at and synced_at and english_published_at > synced_at:
            found.append(_("The English page has changed since the last sync."))
        todo = getattr(page, p + "todo")
        if todo:
            found.append(
                ngettext("%(count)s string to translate.", "%(count)s strings to translate.", todo) % {"count": todo}
            )
        if not live:
            found.append(_("Not published."))
        elif published_at and synced_at and published_at < synced_at:
            found.append(_("Synced changes not published yet."))
    else:
        if not live:
            found.append(_("Not published."))
        elif english_published_at and published_at and english_published_at > published_at:
            found.append(_("The English page was published after this version."))
    return found


class StatusCell:
    def __init__(self, page, locale, user, report_url, can_submit):
        p = prefix(locale.language_code)
        self.locale = locale
        self.status = getattr(page, p + "status")
        self.label = STATUS_LABELS[self.status]
        self.icon = STATUS_ICONS[self.status]
        self.reasons = reasons(page, locale) if self.status == OUT_OF_DATE else []
        self.translate_url = self.edit_url = self.sync_url = None
        if not may_work_in(user, locale.pk):
            return
        translation_id = getattr(page, p + "id")
        if translation_id is None:
            if not can_submit:
                return
            url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            self.translate_url = f"{url}?{urlencode({'select_locale': locale.language_code})}"
            return
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[translation_id])
        english_changed = page.last_published_at and page.synced_at and page.last_published_at > page.synced_at
        if can_submit and getattr(page, p + "managed") and english_changed:
            url = reverse("wagtail_localize:update_translations", args=[page.source_id])
            self.sync_url = f"{url}?{urlencode({'next': report_url})}"


class StatusColumn(Column):
    cell_template_name = "home/admin/translation_status_cell.html"

    def __init__(self, locale):
        self.locale = locale
        super().__init__(prefix(locale.language_code) + "status", label=locale.get_display_name())

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["cell"] = instance.status_cells[self.locale.pk]
        return context


def target_language_choices():
    return [(code, name) for code, name in get_content_languages().items() if code != settings.LANGUAGE_CODE]


class TranslationStatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=target_language_choices, empty_label=_("All languages"), method="by_language"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("Any status"), method="by_status"
    )

    class Meta:
        model = Page
        fields = ["language", "status"]

    def by_language(self, queryset, name, value):
        return queryset  # chooses the columns shown, and the column the status filter looks at

    def by_status(self, queryset, name, value):
        language = self.form.cleaned_data.get("language")
        codes = [language] if language else [code for code, _name in target_language_choices()]
        names = [prefix(code) + "status" for code in codes]
        names = [name for name in names if name in queryset.query.annotations]  # a language with no Locale yet
        if not names:
            return queryset
        condition = Q()
        for name in names:
            condition |= Q(**{name: value})
        return queryset.filter(condition)


class TranslationStatusView(ReportView):
    template_name = "home/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"
    index_url_name = "pkoffer_translation_status"
    index_results_url_name = "pkoffer_translation_status_results"
    filterset_class = TranslationStatusFilterSet
    permission_policy = page_permission_policy
    any_permission_required = REPORT_PERMISSIONS
    paginate_by = 50

    @cached_property
    def source_locale(self):
        return Locale.get_default()

    @cached_property
    def target_locales(self):
        return list(Locale.objects.exclude(pk=self.source_locale.pk).order_by("language_code"))

    @cached_property
    def shown_locales(self):
        language = self.filters.form.cleaned_data.get("language") if self.filters.is_valid() else None
        return [locale for locale in self.target_locales if not language or locale.language_code == language]

    def get_queryset(self):
        return self.filter_queryset(status_queryset(self.source_locale, self.target_locales).order_by("path"))

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("English page"),
                get_url=lambda page: page.edit_url,
            ),
            Column("page_type", label=_("Type"), accessor="page_type"),
            *(StatusColumn(locale) for locale in self.shown_locales),
        ]

    def may_edit(self, page):
        """Wagtail's edit rule from the user's cached page permissions (can_edit() would also look up
        each page's workflow task: a query per row)."""
        user = self.request.user
        if user.is_superuser:
            return True
        actions = {
            perm.permission.codename
            for perm in page_permission_policy.get_cached_permissions_for_user(user)
            if page.path.startswith(perm.page.path)
        }
        return "change_page" in actions or ("add_page" in actions and page.owner_id == user.pk)

    @cached_property
    def report_url(self):
        """This report as the user sees it (filters and page), to come back to after a sync."""
        params = self.request.GET.copy()
        params.pop("_w_filter_fragment", None)
        return f"{self.index_url}?{params.urlencode()}" if params else self.index_url

    def decorate_rows(self, pages):
        user = self.request.user
        can_submit = user.has_perm("wagtail_localize.submit_translation")
        for page in pages:
            page.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk]) if self.may_edit(page) else None
            page_class = page.specific_class
            page.page_type = capfirst(page_class._meta.verbose_name) if page_class else ""
            page.status_cells = {
                locale.pk: StatusCell(page, locale, user, self.report_url, can_submit) for locale in self.shown_locales
            }
        return pages

    def get_table(self, object_list):
        # The table is built in get_context_data, before ReportView's decorate_paginated_queryset runs.
        return super().get_table(self.decorate_rows(object_list))


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, REPORT_PERMISSIONS)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("pkoffer_translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=8990,  # just before wagtail-localize's "Translations"
    )


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path("reports/translation-status/", TranslationStatusView.as_view(), name="pkoffer_translation_status"),
        path(
            "reports/translation-status/results/",
            TranslationStatusView.as_view(results_only=True),
            name="pkoffer_translation_status_results",
        ),
    ]
