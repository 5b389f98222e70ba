"""Core page types and the translatable site-wide content (settings, navigation, footer)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BaseStreamBlock, LinkBlock, ObjectiveBlock, PrincipleBlock, SocialLinkBlock

# Fields every page shares with wagtail-localize: what translators translate, what stays in sync.
BASE_PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


class BasePage(Page):
    """Abstract base for the site's pages: a summary used in listings, search and sharing."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences shown under the title and in search results."),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    translatable_fields = BASE_PAGE_TRANSLATABLE_FIELDS + [TranslatableField("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def route(self, request, path_components):
        """Find the page at a path in one query, as its specific type with its related objects.

        Wagtail walks the tree (two queries a level, then more for each related object). Falls back
        to Wagtail's routing when no page has that path, e.g. a feed of a routable page.
        """
        if path_components:
            # The deepest page whose path starts the URL; what is left is a routable page's own
            # route (a consultation's step/2/, a feed) or leads to a 404 as Wagtail's routing would.
            prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(len(path_components), 0, -1)]
            target = Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).order_by("-depth").first()
            if target is not None:
                model = target.specific_class or Page
                related = getattr(model, "related_fields", None)
                queryset = model.objects.select_related(*related) if related else model.objects
                rest = path_components[target.depth - self.depth :]
                return queryset.get(pk=target.pk).route(request, rest)
        return super().route(request, path_components)

    def get_view_restrictions(self):
        """Wagtail's restrictions for this page (itself, ancestors, alias sources), from the cache."""
        from .restrictions import restrictions_for

        return restrictions_for(self)


class HomePage(BasePage):
    """The home page of one language: the Offer in a sentence, the vision, objectives and principles."""

    tagline = models.CharField(
        _("the Offer in one sentence"),
        max_length=200,
        help_text=_("Shown large at the top of the home page."),
    )
    vision_heading = models.CharField(_("vision heading"), max_length=120, default="Our vision")
    vision = models.TextField(_("vision"), help_text=_("The vision statement, in one or two sentences."))
    objectives_heading = models.CharField(_("objectives heading"), max_length=120, default="Our strategic objectives")
    objectives = StreamField([("objective", ObjectiveBlock())], verbose_name=_("strategic objectives"), blank=True)
    principles_heading = models.CharField(_("principles heading"), max_length=120, default="Our principles")
    principles = StreamField([("principle", PrincipleBlock())], verbose_name=_("principles"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("more content"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("vision_heading"), FieldPanel("vision")], heading=_("Vision")),
        MultiFieldPanel(
            [FieldPanel("objectives_heading"), FieldPanel("objectives")], heading=_("Strategic objectives")
        ),
        MultiFieldPanel([FieldPanel("principles_heading"), FieldPanel("principles")], heading=_("Principles")),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [index.SearchField("tagline"), index.SearchField("vision")]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("tagline"),
        TranslatableField("vision_heading"),
        TranslatableField("vision"),
        TranslatableField("objectives_heading"),
        TranslatableField("objectives"),
        TranslatableField("principles_heading"),
        TranslatableField("principles"),
        TranslatableField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.ContactPage",
        "stories.StoryIndexPage",
        "consultations.ConsultationIndexPage",
    ]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from stories.models import StoryIndexPage, latest_stories

        context = super().get_context(request, *args, **kwargs)
        context["featured_stories"], context["latest_stories"] = latest_stories(self.locale_id, limit=3)
        context["stories_index"] = StoryIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        context["open_consultations"] = self.get_open_consultations()
        return context

    def get_open_consultations(self):
        from django.utils import timezone

        from consultations.models import ConsultationPage
        from home.restrictions import public

        now = timezone.now()
        return list(
            public(ConsultationPage.objects.live())
            .filter(locale_id=self.locale_id, opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at")[:3]
        )


class StandardPage(BasePage):
    """A page of text and shared blocks: About, Our vision, contact, accessibility, privacy…"""

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.ContactPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class ContactPage(BasePage):
    """Text, then the contact details from Site settings in the reader's language.

    For "Other languages and formats" and "Contact us": the phone numbers, email and postal address
    are written once in Site settings, so they are never out of date on a page or in a translation.
    """

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    template = "home/contact_page.html"

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")


class OnePerLocaleMixin:
    """Site-wide content has exactly one instance per language."""

    def clean(self):
        super().clean()
        others = type(self).objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("There is already one for this language: edit it instead of adding another."))

    @classmethod
    def for_locale(cls, locale):
        """The instance in this locale, falling back to the default language's one."""
        items = {obj.locale_id: obj for obj in cls.objects.select_related("locale")}
        if locale is not None and locale.pk in items:
            return items[locale.pk]
        for obj in items.values():
            if obj.locale.language_code == "en":
                return obj
        return next(iter(items.values()), None)


class SiteSettings(OnePerLocaleMixin, TranslatableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """Organisation name, contact details, the phase banner and social links, per language."""

    organisation_name = models.CharField(_("organisation name"), max_length=120)
    site_name = models.CharField(_("site name"), max_length=120)
    phase = models.CharField(_("phase"), max_length=30, blank=True, help_text=_("For example: Beta"))
    phase_message = models.CharField(
        _("phase banner message"),
        max_length=250,
        blank=True,
        help_text=_("Shown beside the phase; leave the phase empty to hide the banner."),
    )
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    text_phone = models.CharField(_("text message number"), max_length=40, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    contact_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    formats_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("other languages and formats page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Where “Ask for this in another language or format”, shown on every page, leads. "
            "Readers are taken to its translation in their language when there is one."
        ),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social media links"),
        blank=True,
        help_text=_("Plain links only: no share buttons or scripts are loaded from these sites."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("site_name"),
        MultiFieldPanel([FieldPanel("phase"), FieldPanel("phase_message")], heading=_("Phase banner")),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("text_phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("contact_hours"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("formats_page"),
        FieldPanel("social_links"),
    ]

    translatable_fields = [
        TranslatableField("organisation_name"),
        TranslatableField("site_name"),
        TranslatableField("phase"),
        TranslatableField("phase_message"),
        SynchronizedField("phone"),
        SynchronizedField("text_phone"),
        SynchronizedField("email"),
        TranslatableField("address"),
        TranslatableField("contact_hours"),
        # One page for every language: the chrome follows it to its translation in the reader's language.
        SynchronizedField("formats_page", overridable=False),
        TranslatableField("social_links"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return f"{self.site_name} ({self.locale})"

    def get_preview_template(self, request, mode_name):
        return "home/previews/site_settings.html"


class Navigation(OnePerLocaleMixin, TranslatableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """The header navigation and the footer links of one language."""

    name = models.CharField(_("name"), max_length=60, default="Site navigation")
    primary_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("header links"),
        blank=True,
        help_text=_("Up to six links shown in the header of every page."),
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("For example: Contact us, Accessibility, Privacy."),
    )
    footer_text = RichTextField(
        _("footer text"),
        blank=True,
        features=["bold", "italic", "link"],
    )

    panels = [FieldPanel("name"), FieldPanel("primary_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("primary_links"),
        TranslatableField("footer_links"),
        TranslatableField("footer_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation and footer")
        verbose_name_plural = _("navigation and footer")

    def __str__(self):
        return f"{self.name} ({self.locale})"

    def get_preview_template(self, request, mode_name):
        return "home/previews/navigation.html"

    def clean(self):
        super().clean()
        if len(self.primary_links or []) > 6:
            raise ValidationError({"primary_links": _("Use six header links at most, so they fit on a phone.")})
