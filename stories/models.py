"""Stories: vision updates, blog posts, videos, podcast episodes and community stories.

`StoryPage` is a concrete base page (multi-table) holding what every story shares, so the
"News and stories" index can filter, sort and paginate every type in one query. Editors never
create a bare StoryPage: they pick one of the five types by name.
"""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.models import BASE_PAGE_TRANSLATABLE_FIELDS, BasePage
from home.restrictions import public

STORY_TYPES = [
    "stories.VisionUpdatePage",
    "stories.BlogPostPage",
    "stories.VideoPage",
    "stories.PodcastEpisodePage",
    "stories.CommunityStoryPage",
]
STORIES_PER_PAGE = 12


# --- Snippets: themes, places, people ------------------------------------------------------


class SluggedSnippet(TranslatableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """A translatable name with a slug that stays the same in every language (used in filter URLs)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Used in web addresses; the same in every language."))
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug"), TranslatableField("description")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        clash = type(self).objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
        if self.locale_id and clash.exists():
            raise ValidationError({"slug": _("Another one in this language already uses this slug.")})

    def get_preview_template(self, request, mode_name):
        return "stories/previews/snippet.html"


class Theme(SluggedSnippet):
    """One of the Offer's key areas, e.g. Environment."""

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Place(SluggedSnippet):
    """An area of Perth and Kinross, e.g. Highland Perthshire."""

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")


class Person(TranslatableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """A person or a team credited as the author of blog posts."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True, help_text=_("For example: Offer team"))
    is_team = models.BooleanField(_("this is a team"), default=False)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("is_team"), FieldPanel("photo")]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        SynchronizedField("is_team"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person or team")
        verbose_name_plural = _("people and teams")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "stories/previews/snippet.html"


class StoryTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE)


# --- The index ---------------------------------------------------------------------------------


class StoryIndexPage(RoutablePageMixin, BasePage):
    """ "News and stories": every story, filtered by type, theme, place and year, with feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = STORY_TYPES
    max_count_per_parent = 1
    template = "stories/story_index_page.html"

    class Meta:
        verbose_name = _("news and stories index")

    # Filters come from plain GET parameters so the form works without JavaScript and every
    # filtered view has a URL that can be linked and bookmarked.
    def get_filters(self, request):
        return StoryFilters(request.GET, locale_id=self.locale_id)

    def get_stories(self, filters=None):
        stories = (
            public(StoryPage.objects.live())
            .filter(locale_id=self.locale_id)
            .select_related("listing_image", "content_type")
            .prefetch_related("listing_image__renditions")
            .order_by("-publish_date", "-pk")
        )
        if filters is not None:
            stories = filters.apply(stories)
        return stories

    def paginate(self, request, stories):
        paginator = Paginator(stories, STORIES_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    @path("")
    def index(self, request):
        filters = self.get_filters(request)
        stories_page = self.paginate(request, self.get_stories(filters))
        return self.render(request, context_overrides={"filters": filters, "stories": stories_page})

    @path("feed/")
    def feed(self, request):
        from .feeds import StoryFeed

        return StoryFeed(self, self.get_filters(request))(request)

    @path("podcast/feed/")
    def podcast_feed(self, request):
        from .feeds import PodcastFeed

        return PodcastFeed(self)(request)


FILTER_OPTIONS_KEY = "pkoffer:story-filters:v1:{locale_id}"
TAXONOMY_VERSION_KEY = "pkoffer:story-taxonomy-version"


def story_filter_options(locale_id):
    """Themes, places and years for the filter form of one language: cached, cleared on change."""
    key = FILTER_OPTIONS_KEY.format(locale_id=locale_id)
    options = cache.get(key)
    if options is None:
        options = {
            "themes": [(t.slug, t.name) for t in Theme.objects.filter(locale_id=locale_id)],
            "places": [(p.slug, p.name) for p in Place.objects.filter(locale_id=locale_id)],
            "years": [
                d.year
                for d in StoryPage.objects.live()
                .filter(locale_id=locale_id)
                .dates("publish_date", "year", order="DESC")
            ],
        }
        cache.set(key, options, 3600)
    return options


def clear_story_filter_options():
    cache.delete_many([FILTER_OPTIONS_KEY.format(locale_id=pk) for pk in Locale.objects.values_list("pk", flat=True)])


def bump_taxonomy_version():
    """Themes or places changed: every story's cached taxonomy is out of date."""
    try:
        cache.incr(TAXONOMY_VERSION_KEY)
    except ValueError:
        cache.set(TAXONOMY_VERSION_KEY, 2, None)


class StoryFilters:
    """The index filters: parsed from the query string; unknown values are ignored."""

    def __init__(self, data, locale_id):
        self.locale_id = locale_id
        self.type = data.get("type", "")
        self.theme = data.get("theme", "")
        self.place = data.get("place", "")
        self.year = data.get("year", "")
        if self.type not in dict(self.type_choices()):
            self.type = ""
        if not self.year.isdigit():
            self.year = ""

    @staticmethod
    def type_choices():
        from django.apps import apps

        return [(model.split(".")[1].lower(), apps.get_model(model)._meta.verbose_name) for model in STORY_TYPES]

    @cached_property
    def options(self):
        return story_filter_options(self.locale_id)

    @property
    def themes(self):
        return self.options["themes"]

    @property
    def places(self):
        return self.options["places"]

    def years(self):
        return self.options["years"]

    @property
    def active(self):
        return any([self.type, self.theme, self.place, self.year])

    def as_query(self):
        from django.utils.http import urlencode

        return urlencode({k: v for k, v in self.__dict__.items() if k in {"type", "theme", "place", "year"} and v})

    def apply(self, stories):
        if self.type:
            stories = stories.filter(content_type__model=self.type)
        # A community story's own key area and place count as well as its theme and place lists.
        if self.theme:
            stories = stories.filter(Q(themes__slug=self.theme) | Q(communitystorypage__theme__slug=self.theme))
        if self.place:
            stories = stories.filter(Q(places__slug=self.place) | Q(communitystorypage__place__slug=self.place))
        if self.year:
            stories = stories.filter(publish_date__year=int(self.year))
        return stories.distinct()


# --- Stories -----------------------------------------------------------------------------------


class StoryPage(BasePage):
    """What every story shares. Not created directly: editors choose one of the five types."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on story cards and when the story is shared."),
    )
    listing_image_alt = models.CharField(
        _("listing image description"),
        max_length=250,
        blank=True,
        help_text=_("Alternative text; leave empty if the image is only decorative."),
    )
    publish_date = models.DateField(_("date"), default=datetime.date.today, db_index=True)
    featured = models.BooleanField(
        _("feature on the home page"), default=False, help_text=_("Featured stories appear first on the home page.")
    )
    themes = ParentalManyToManyField("stories.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    places = ParentalManyToManyField("stories.Place", verbose_name=_("places"), blank=True, related_name="+")
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    related_stories = StreamField(
        [("story", blocks.PageChooserBlock(page_type=STORY_TYPES, label=_("Story")))],
        verbose_name=_("related stories"),
        blank=True,
        max_num=3,
    )

    is_creatable = False
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("publish_date"),
        index.FilterField("locale_id"),
    ]

    story_panels = [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("publish_date"), FieldPanel("featured")]),
        MultiFieldPanel([FieldPanel("listing_image"), FieldPanel("listing_image_alt")], heading=_("Listing image")),
    ]
    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("places", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Themes, places and tags"),
        ),
        FieldPanel("related_stories"),
    ]

    translatable_fields = BASE_PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("summary"),
        SynchronizedField("listing_image"),
        TranslatableField("listing_image_alt"),
        SynchronizedField("publish_date"),
        SynchronizedField("featured"),
        TranslatableField("body"),
        SynchronizedField("related_stories"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @property
    def story_type(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()._meta.verbose_name

    # Foreign keys a story's page shows, fetched together in one query when it is served.
    related_fields = ["listing_image"]

    def prefetch_related_fields(self):
        """Load the related objects in one query, unless routing already did (BasePage.route)."""
        missing = [name for name in self.related_fields if not self._meta.get_field(name).is_cached(self)]
        if not missing:
            return
        fresh = type(self).objects.select_related(*missing).get(pk=self.pk)
        for name in missing:
            setattr(self, name, getattr(fresh, name))

    def get_context(self, request, *args, **kwargs):
        if self.pk:
            self.prefetch_related_fields()
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_taxonomy(preview=getattr(request, "is_preview", False)))
        context["related"] = self.get_related_stories()
        # Stories live directly under the index: its address is this page's minus the last part.
        context["index_url"] = self.get_url(request).rstrip("/").rsplit("/", 1)[0] + "/"
        return context

    def get_taxonomy(self, preview=False):
        """Themes, places (in the page's language) and tags: cached per published revision.

        The key changes with each publish, and with any change to a theme or place, so it never
        needs clearing. Previews read the unsaved values instead.
        """

        def build():
            return {
                "themes": localized_snippets(self.themes.all(), self.locale_id),
                "places": localized_snippets(self.places.all(), self.locale_id),
                "tags": [tag.name for tag in self.tags.all()],
            }

        if preview or not self.pk:
            return build()
        version = cache.get_or_set(TAXONOMY_VERSION_KEY, 1, None)
        key = f"pkoffer:story-taxonomy:v1:{self.pk}:{self.live_revision_id}:{version}"
        taxonomy = cache.get(key)
        if taxonomy is None:
            taxonomy = build()
            cache.set(key, taxonomy, 24 * 3600)
        return taxonomy

    def get_related_stories(self):
        ids = [block.value.pk for block in self.related_stories if block.value]
        if not ids:
            return []
        keys = StoryPage.objects.filter(pk__in=ids).values_list("translation_key", flat=True)
        return list(
            StoryPage.objects.live()
            .filter(translation_key__in=list(keys), locale_id=self.locale_id)
            .select_related("listing_image", "content_type")
        )


def localized_snippets(queryset, locale_id):
    """The given snippets in `locale_id` where translated, else as they are.

    No query when they are already in that language; otherwise one.
    """
    items = [item for item in queryset if item is not None]
    if not items or all(item.locale_id == locale_id for item in items):
        return items
    model = type(items[0])
    localized = {
        s.translation_key: s
        for s in model.objects.filter(translation_key__in=[i.translation_key for i in items], locale_id=locale_id)
    }
    return [localized.get(i.translation_key, i) for i in items]


class VisionUpdatePage(StoryPage):
    """Progress on the vision and the PK Offer Blueprint."""

    PHASES = [
        ("discover", _("Phase 1: Discover")),
        ("vision-and-define", _("Phase 2: Vision and Define")),
        ("deliver", _("Phase 3: Deliver")),
    ]
    phase = models.CharField(_("phase"), max_length=30, choices=PHASES)
    what_changed = RichTextField(
        _("what changed"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("A short list of what is new since the last update."),
    )

    content_panels = (
        BasePage.content_panels
        + StoryPage.story_panels
        + [
            FieldPanel("phase"),
            FieldPanel("what_changed"),
            FieldPanel("body"),
        ]
        + StoryPage.taxonomy_panels
    )
    translatable_fields = StoryPage.translatable_fields + [
        SynchronizedField("phase"),
        TranslatableField("what_changed"),
    ]
    search_fields = StoryPage.search_fields + [index.SearchField("what_changed")]
    template = "stories/vision_update_page.html"

    class Meta:
        verbose_name = _("vision update")
        verbose_name_plural = _("vision updates")


class BlogPostPage(StoryPage):
    author = models.ForeignKey(
        "stories.Person",
        verbose_name=_("byline"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The person or team who wrote the post."),
    )

    content_panels = (
        BasePage.content_panels
        + StoryPage.story_panels
        + [
            FieldPanel("author"),
            FieldPanel("body"),
        ]
        + StoryPage.taxonomy_panels
    )
    translatable_fields = StoryPage.translatable_fields + [TranslatableField("author")]
    template = "stories/blog_post_page.html"
    related_fields = StoryPage.related_fields + ["author"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["author"] = localized_snippets([self.author], self.locale_id)[0]
        return context

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")


VIDEO_HOSTS = {
    "youtube": ("www.youtube-nocookie.com", "YouTube"),
    "vimeo": ("player.vimeo.com", "Vimeo"),
}


def parse_video_url(url):
    """(host key, video id) for a YouTube or Vimeo address, else (None, None)."""
    if not url:
        return None, None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        else:
            match = re.match(r"^/(?:embed|shorts|live)/([\w-]+)", parts.path)
            video_id = match.group(1) if match else ""
        return ("youtube", video_id) if re.fullmatch(r"[\w-]{6,20}", video_id or "") else (None, None)
    if host == "youtu.be":
        video_id = parts.path.strip("/")
        return ("youtube", video_id) if re.fullmatch(r"[\w-]{6,20}", video_id) else (None, None)
    if host in ("vimeo.com", "player.vimeo.com"):
        match = re.search(r"/(\d{4,12})(?:/|$)", parts.path)
        return ("vimeo", match.group(1)) if match else (None, None)
    return None, None


class VideoPage(StoryPage):
    """A video: embedded from YouTube or Vimeo (loaded only when asked for) or a file we host."""

    video_url = models.URLField(
        _("YouTube or Vimeo address"), blank=True, help_text=_("For example https://www.youtube.com/watch?v=…")
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file (MP4 or WebM)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT file)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Required for a video file we host."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Stored on this site and shown until the video is played."),
    )
    duration = models.DurationField(_("duration"), null=True, blank=True, help_text=_("For example 00:02:30"))
    transcript = RichTextField(
        _("transcript"),
        features=["h3", "bold", "italic", "ul", "ol", "link"],
        help_text=_("Everything said and shown in the video. Required before publishing."),
    )

    content_panels = (
        BasePage.content_panels
        + StoryPage.story_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("video_url"),
                    FieldPanel("video_file"),
                    FieldPanel("captions"),
                    FieldPanel("poster"),
                    FieldPanel("duration"),
                ],
                heading=_("Video"),
            ),
            FieldPanel("body"),
            FieldPanel("transcript"),
        ]
        + StoryPage.taxonomy_panels
    )
    translatable_fields = StoryPage.translatable_fields + [
        SynchronizedField("video_url"),
        SynchronizedField("video_file"),
        SynchronizedField("captions"),
        SynchronizedField("poster"),
        SynchronizedField("duration"),
        TranslatableField("transcript"),
    ]
    search_fields = StoryPage.search_fields + [index.SearchField("transcript")]
    template = "stories/video_page.html"
    related_fields = StoryPage.related_fields + ["poster", "video_file", "captions"]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.video_url) == bool(self.video_file_id):
            errors["video_url"] = _("Give either a YouTube or Vimeo address or a video file, not both.")
        elif self.video_url and parse_video_url(self.video_url)[0] is None:
            errors["video_url"] = _("This is not a YouTube or Vimeo video address.")
        if self.video_url and not self.poster_id:
            errors["poster"] = _("Choose a poster image: it is shown until the resident chooses to play the video.")
        if self.video_file_id and not self.captions_id:
            errors["captions"] = _("Add a WebVTT captions file for a video we host.")
        if self.captions_id and not self.captions.file.name.lower().endswith(".vtt"):
            errors["captions"] = _("Captions must be a WebVTT file (.vtt).")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def embed(self):
        host, video_id = parse_video_url(self.video_url)
        if host is None:
            return None
        player_host, name = VIDEO_HOSTS[host]
        if host == "youtube":
            src = f"https://{player_host}/embed/{video_id}?autoplay=1&rel=0"
        else:
            src = f"https://{player_host}/video/{video_id}?autoplay=1&dnt=1"
        return {"host": host, "name": name, "src": src, "watch_url": self.video_url}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Click-to-load without JavaScript: the play button is a link to ?play=1, and only then does
        # the page contain the player from the video host.
        context["play"] = request.GET.get("play") == "1"
        if context["play"] and self.embed:
            # Only this response may frame the player (home.security adds it to the CSP's frame-src).
            request.csp_frame_src = [urlsplit(self.embed["src"])._replace(path="", query="").geturl()]
        return context


class PodcastEpisodePage(StoryPage):
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("audio file (MP3, M4A, OGG or WAV)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    duration = models.DurationField(_("duration"), help_text=_("For example 00:12:30"))
    episode_number = models.PositiveIntegerField(_("episode number"))
    transcript = RichTextField(
        _("transcript"),
        features=["h3", "bold", "italic", "ul", "ol", "link"],
        help_text=_("Everything said in the episode. Required before publishing."),
    )

    content_panels = (
        BasePage.content_panels
        + StoryPage.story_panels
        + [
            FieldRowPanel([FieldPanel("episode_number"), FieldPanel("duration")]),
            FieldPanel("audio"),
            FieldPanel("body"),
            FieldPanel("transcript"),
        ]
        + StoryPage.taxonomy_panels
    )
    translatable_fields = StoryPage.translatable_fields + [
        SynchronizedField("audio"),
        SynchronizedField("duration"),
        SynchronizedField("episode_number"),
        TranslatableField("transcript"),
    ]
    search_fields = StoryPage.search_fields + [index.SearchField("transcript")]
    template = "stories/podcast_episode_page.html"
    related_fields = StoryPage.related_fields + ["audio"]

    AUDIO_TYPES = {
        "mp3": "audio/mpeg",
        "m4a": "audio/mp4",
        "ogg": "audio/ogg",
        "oga": "audio/ogg",
        "opus": "audio/ogg",
        "wav": "audio/wav",
    }

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    def clean(self):
        super().clean()
        if self.audio_id and self.audio.file_extension.lower() not in self.AUDIO_TYPES:
            raise ValidationError({"audio": _("Choose an MP3, M4A, OGG or WAV audio file.")})

    @property
    def audio_mime_type(self):
        return self.AUDIO_TYPES.get(self.audio.file_extension.lower(), "audio/mpeg")

    @property
    def duration_seconds(self):
        return int(self.duration.total_seconds()) if self.duration else 0


class CommunityStoryPage(StoryPage):
    """A story from a community group, partner or resident: the Offer in practice."""

    theme = models.ForeignKey("stories.Theme", verbose_name=_("key area"), on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey("stories.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    storyteller = models.CharField(
        _("whose story"),
        max_length=160,
        blank=True,
        help_text=_("The group, partner or resident, e.g. Community Bloom Group"),
    )
    quote = models.TextField(_("quote"), blank=True)
    quote_attribution = models.CharField(_("who said it"), max_length=160, blank=True)
    get_involved_text = models.CharField(_("get involved: link text"), max_length=100, blank=True)
    get_involved_url = models.URLField(_("get involved: web address"), blank=True)

    content_panels = (
        BasePage.content_panels
        + StoryPage.story_panels
        + [
            FieldRowPanel([FieldPanel("theme"), FieldPanel("place")]),
            FieldPanel("storyteller"),
            FieldPanel("body"),
            MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_attribution")], heading=_("Quote")),
            MultiFieldPanel(
                [FieldPanel("get_involved_text"), FieldPanel("get_involved_url")], heading=_("Get involved")
            ),
        ]
        + StoryPage.taxonomy_panels
    )
    translatable_fields = StoryPage.translatable_fields + [
        TranslatableField("theme"),
        TranslatableField("place"),
        TranslatableField("storyteller"),
        TranslatableField("quote"),
        TranslatableField("quote_attribution"),
        TranslatableField("get_involved_text"),
        SynchronizedField("get_involved_url"),
    ]
    template = "stories/community_story_page.html"
    related_fields = StoryPage.related_fields + ["theme", "place"]

    class Meta:
        verbose_name = _("community story")
        verbose_name_plural = _("community stories")

    def clean(self):
        super().clean()
        if bool(self.get_involved_text) != bool(self.get_involved_url):
            raise ValidationError({"get_involved_url": _("Give both the link text and the web address, or neither.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme"] = localized_snippets([self.theme], self.locale_id)[0]
        context["place"] = localized_snippets([self.place], self.locale_id)[0]
        return context


def latest_stories(locale_id, limit=3):
    """The home page's story slots: featured first, then the latest (two queries in all)."""
    base = (
        public(StoryPage.objects.live())
        .filter(locale_id=locale_id)
        .select_related("listing_image", "content_type")
        .order_by("-publish_date", "-pk")
    )
    featured = list(base.filter(featured=True)[:limit])
    latest = list(base.exclude(pk__in=[s.pk for s in featured])[:limit])
    return featured, latest
