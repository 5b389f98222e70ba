"""Consultation responses in the Wagtail admin: a "Consultation responses" menu item (a ViewSet),
and a "Responses" action on each consultation page, in the page listing's "More" menu and in the
page header's actions menu. Shown only to users who may view responses."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .admin_views import VIEW_PERMISSION, ConsultationResponsesViewSet, url
from .models import ConsultationPage


@hooks.register("register_admin_viewset")
def register_responses_viewset():
    return ConsultationResponsesViewSet()


@hooks.register("register_permissions")
def register_response_permissions():
    """Lets administrators give "Can view response" to a group in Settings → Groups."""
    return Permission.objects.filter(content_type__app_label="consultations", codename="view_response")


def responses_button(page, user, priority):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ConsultationPage):
        return
    if not user.has_perm(VIEW_PERMISSION):
        return
    # A translation's id is fine: the responses view moves on to the source consultation.
    yield Button(_("Responses"), url("responses", page.pk), icon_name="tasks", priority=priority)


@hooks.register("register_page_listing_more_buttons")
def page_listing_responses_button(page, user, next_url=None):
    yield from responses_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def page_header_responses_button(page, user, view_name, next_url=None):
    yield from responses_button(page, user, priority=62)


# --- Issue 8, analysis: population shares (a snippet) and the export entries in the page history ---


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext
    from wagtail.log_actions import LogFormatter

    @actions.register_action("consultations.export")
    class ExportFormatter(LogFormatter):
        label = _("Export responses")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            filters = data.get("filters") or {}
            rows = data.get("rows", 0)
            message = ngettext(
                "Exported %(rows)s response as %(format)s", "Exported %(rows)s responses as %(format)s", rows
            ) % {"rows": rows, "format": str(data.get("format", "")).upper()}
            if filters:
                message += " " + _("(filtered: %(filters)s)") % {
                    "filters": ", ".join(f"{key}={value}" for key, value in sorted(filters.items()))
                }
            if data.get("with_email"):
                message += " " + _("with email addresses")
            return message


def register_population_shares():
    from wagtail.admin.ui.tables import Column
    from wagtail.snippets.models import register_snippet
    from wagtail.snippets.views.snippets import SnippetViewSet

    from .models import PopulationShare

    class PopulationShareViewSet(SnippetViewSet):
        model = PopulationShare
        icon = "group"
        menu_label = _("Population shares")
        add_to_settings_menu = True
        list_display = [
            "name",
            Column("dimension", label=_("Grouped by"), accessor="get_dimension_display"),
            "share",
            "postcode_districts",
            "source",
        ]
        list_filter = ["dimension"]
        ordering = ["dimension", "sort_order", "name"]

    register_snippet(PopulationShareViewSet)


register_population_shares()


# --- Issue 8, privacy and records: respondent data (subject access, erasure) and staff entry ---------


@hooks.register("register_admin_viewset")
def register_respondent_data_viewset():
    from .privacy import RespondentDataViewSet

    return RespondentDataViewSet()


@hooks.register("register_log_actions")
def register_respondent_log_actions(actions):
    from .privacy import register_respondent_log_actions as register

    register(actions)


@hooks.register("register_permissions")
def register_entry_and_records_permissions():
    """Lets administrators give entering responses, respondents' emails and erasure to a group."""
    return Permission.objects.filter(
        content_type__app_label="consultations",
        codename__in=["add_response", "delete_response", "view_respondent_email"],
    )
