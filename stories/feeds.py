"""RSS feeds: every story (and any filtered view of them) and the podcast, for podcast apps."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from home.chrome import get_chrome
from home.restrictions import public

FEED_ITEMS = 30


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page, filters):
        super().__init__()
        self.index_page = index_page
        self.filters = filters

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} – {get_chrome()['settings']['site_name']}"

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.summary or self.index_page.title

    def items(self):
        return self.index_page.get_stories(self.filters)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.publish_date, time(9, 0)))

    def item_categories(self, item):
        return [str(item.story_type)]


class PodcastRss(Rss201rev2Feed):
    """RSS 2.0 with the iTunes podcast tags that podcast apps expect."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd"
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["author_name"])
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", self.feed["author_name"])
        if self.feed.get("author_email"):
            handler.addQuickElement("itunes:email", self.feed["author_email"])
        handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:category", attrs={"text": "Government"})
        if self.feed.get("image"):
            handler.addQuickElement("itunes:image", attrs={"href": self.feed["image"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", str(item["duration"]))
        handler.addQuickElement("itunes:episode", str(item["episode"]))
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:explicit", "false")


class PodcastFeed(StoryFeed):
    feed_type = PodcastRss

    def __init__(self, index_page):
        super().__init__(index_page, filters=None)

    def title(self):
        return _("%(site)s podcast") % {"site": get_chrome()["settings"]["site_name"]}

    def description(self):
        return _("Conversations about the Perth and Kinross Offer: people and communities working together.")

    def author_name(self):
        return get_chrome()["settings"].get("organisation_name") or _("Perth and Kinross Council")

    def author_email(self):
        return get_chrome()["settings"].get("email") or None

    def feed_extra_kwargs(self, obj):
        kwargs = super().feed_extra_kwargs(obj)
        episode = self._episodes()[:1]
        if episode and episode[0].listing_image:
            rendition = episode[0].listing_image.get_rendition("fill-1400x1400|format-jpeg")
            kwargs["image"] = self.request.build_absolute_uri(rendition.url)
        return kwargs

    def _episodes(self):
        from .models import PodcastEpisodePage

        return (
            public(PodcastEpisodePage.objects.live())
            .filter(locale_id=self.index_page.locale_id)
            .select_related("audio", "listing_image")
            .order_by("-episode_number")
        )

    def items(self):
        return self._episodes()[:FEED_ITEMS]

    def item_enclosure_url(self, item):
        return self.request.build_absolute_uri(item.audio.url)

    def item_enclosure_length(self, item):
        return item.audio.get_file_size() or 0

    def item_enclosure_mime_type(self, item):
        return item.audio_mime_type

    def item_extra_kwargs(self, item):
        return {"duration": item.duration_seconds, "episode": item.episode_number}
