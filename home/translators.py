"""Translators work in one language each: "Translators (Polish)" only in Polish, and so on.

Pages need nothing here: each translators group has Wagtail page permissions on its own language's
top-level pages only (home/groups.py), and Wagtail and wagtail-localize check those on every page
view, including the translation editor, its string API and the PO file download and upload.

Two things are not limited by language in Wagtail or wagtail-localize, and are limited here:

- **Snippet permissions are model-wide.** "Can change navigation" lets a user edit the navigation
  in every language. For members of a translators group, the snippet edit, create and delete views
  and wagtail-localize's per-translation actions (string and override edits, PO download and
  upload, machine translation, preview, stop) answer 403 outside the group's language.
- **wagtail-localize's "Translate" and "Sync" actions** only ask for `submit_translation`. The
  "Translate" form offers a translator only their own language, and "Sync translated pages" lets
  them update the source text but not publish other languages' translations ("Publish
  immediately" is left out unless they may work in every language being synced).

Someone who is also an Editor or Moderator (page permissions on the root) or a superuser is not
limited; nor is anyone outside the translators groups (Wagtail's own permissions apply).
"""

import functools

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail import hooks
from wagtail.models import GroupPagePermission, Locale, TranslatableMixin
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation, submit_translations, update_translations

from .groups import TRANSLATORS_PREFIX, translators_group_name


def locale_scope(user):
    """The ids of the locales a translator may work in, or None when the user is not limited by language.

    Limited: members of one or more translators groups who are not superusers and have no page
    permission on the root (Editors and Moderators do). Cached on the user object for the request.
    """
    try:
        return user._pkoffer_locale_scope
    except AttributeError:
        pass
    scope = None
    if user.is_active and not user.is_superuser:
        group_names = set(user.groups.values_list("name", flat=True))
        if any(name.startswith(TRANSLATORS_PREFIX) for name in group_names):
            locales = {translators_group_name(locale): locale.pk for locale in Locale.objects.all()}
            mine = frozenset(pk for name, pk in locales.items() if name in group_names)
            if mine and not GroupPagePermission.objects.filter(group__user=user, page__depth=1).exists():
                scope = mine
    user._pkoffer_locale_scope = scope
    return scope


def may_work_in(user, locale_id):
    scope = locale_scope(user)
    return scope is None or locale_id in scope


# --- Snippets ------------------------------------------------------------------------------------


@hooks.register("before_edit_snippet", order=-10)  # before wagtail-localize opens its translation editor
def snippet_edit_in_own_language(request, instance):
    if isinstance(instance, TranslatableMixin) and not may_work_in(request.user, instance.locale_id):
        raise PermissionDenied


@hooks.register("before_delete_snippet", order=-10)
def snippet_delete_in_own_language(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and not may_work_in(request.user, instance.locale_id):
            raise PermissionDenied


@hooks.register("before_create_snippet", order=-10)
def snippet_create_in_own_language(request, model):
    if not issubclass(model, TranslatableMixin) or locale_scope(request.user) is None:
        return
    code = request.GET.get("locale")
    locale = Locale.objects.filter(language_code=code).first() if code else Locale.get_default()
    if locale is None or not may_work_in(request.user, locale.pk):
        raise PermissionDenied


# --- wagtail-localize's actions ------------------------------------------------------------------


def in_own_language(view):
    """wagtail-localize's view for one translation, refused outside the translator's language."""

    @functools.wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, pk=translation_id)
        if not may_work_in(request.user, translation.target_locale_id):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return guarded


class OwnLanguagesOnly:
    """The "Translate" form lists only the languages the user may work in."""

    def get_form(self):
        form = super().get_form()
        scope = locale_scope(self.request.user)
        if scope is not None:
            form.fields["locales"].queryset = form.fields["locales"].queryset.filter(pk__in=scope)
            if len(form.fields["locales"].queryset) < 2:
                form.fields["select_all"].widget = forms.HiddenInput()
        return form


class SubmitPageTranslationView(OwnLanguagesOnly, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(OwnLanguagesOnly, submit_translations.SubmitSnippetTranslationView):
    pass


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": a translator updates the source, and publishes their own language from
    the translation editor; publishing every language at once is left to those who may."""

    def may_publish_all(self):
        scope = locale_scope(self.request.user)
        if scope is None:
            return True
        return not self.object.translations.filter(enabled=True).exclude(target_locale_id__in=scope).exists()

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_all():
            form.fields.pop("publish_translations", None)
            form.fields.pop("use_machine_translation", None)
        return form

    def form_valid(self, form):
        if not self.may_publish_all():
            form.cleaned_data["publish_translations"] = False
            form.cleaned_data["use_machine_translation"] = False
        return super().form_valid(form)


# Same addresses as wagtail-localize's own views (admin/localize/…), registered before them so these
# answer first: reverse("wagtail_localize:…") keeps working and leads here.
GUARDED_VIEWS = [
    ("translate/<int:translation_id>/strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation),
    ("translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override),
    ("translate/<int:translation_id>/pofile/download/", edit_translation.download_pofile),
    ("translate/<int:translation_id>/pofile/upload/", edit_translation.upload_pofile),
    ("translate/<int:translation_id>/machine_translate/", edit_translation.machine_translate),
    ("translate/<int:translation_id>/preview/", edit_translation.preview_translation),
    ("translate/<int:translation_id>/preview/<str:mode>/", edit_translation.preview_translation),
    ("translate/<int:translation_id>/disable/", edit_translation.stop_translation),
]


@hooks.register("register_admin_urls", order=-10)
def register_language_limited_localize_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="pkoffer_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="pkoffer_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="pkoffer_update_translations",
        ),
        *(path(f"localize/{route}", in_own_language(view)) for route, view in GUARDED_VIEWS),
    ]
