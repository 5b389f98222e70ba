"""Load the demo content written from shared/seeds/: safe to run again (it only adds what is missing)."""

import io
import random
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from home import demo_content as content
from home.chrome import clear_chrome_cache
from home.models import ContactPage, HomePage, Navigation, SiteSettings, StandardPage

# Generated here, never fetched: the images are the project's own work (CC0).
DEMO_IMAGES = {
    "community": ("Neighbours working together (illustration)", [(0, 101, 189), (0, 135, 90), (94, 53, 177)]),
    "landscape": ("Perthshire hills (illustration)", [(0, 101, 189), (0, 135, 90), (213, 219, 224)]),
}


def generate_image(key, colours, size=(1200, 675)):
    """A deterministic abstract illustration: overlapping translucent circles on a soft background."""
    rnd = random.Random(key)
    img = PILImage.new("RGB", size, (244, 247, 250))
    overlay = PILImage.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for i in range(9):
        r = rnd.randint(120, 260)
        x, y = rnd.randint(0, size[0]), rnd.randint(0, size[1])
        colour = colours[i % len(colours)]
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, 150))
    img.paste(overlay, (0, 0), overlay)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=82, optimize=True)
    return buf.getvalue()


class Command(BaseCommand):
    help = "Create the demo content (pages, images, settings, navigation) from the seed documents."

    def log(self, message):
        self.stdout.write(message)
        self.stdout.flush()

    @transaction.atomic
    def handle(self, *args, **options):
        self.log("Loading the PK Offer demo content…")
        # Migrations create these; a flushed database (e.g. between transactional tests) has lost them.
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        self.locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        if Page.get_first_root_node() is None:
            Page.add_root(instance=Page(title="Root", slug="root", locale=self.locale, live=True))
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        self.images = {key: self.get_image(key, title, colours) for key, (title, colours) in DEMO_IMAGES.items()}
        self.documents = {"discover-figures": self.get_document()}
        home = self.get_home_page()
        self.configure_site(home)
        self.pages = {}
        created = []
        self.create_pages(home, content.PAGES, created)
        for page, spec in created:
            page.body = self.stream(spec["body"])
            list(page.body)  # gives list items their block ids, so wagtail-localize can translate them
            page.save_revision().publish()
        self.log(f"  Pages: {len(created)} created, {len(self.pages) - len(created)} already there")
        self.formats_page = self.get_formats_page(home)
        from stories.demo import load_stories

        self.stories_index = load_stories(self, home, self.locale)
        from consultations.demo import load_consultations

        self.consultations_hub = load_consultations(self, home, self.locale, self.documents)
        self.create_settings()
        self.create_navigation()
        self.translate()
        clear_chrome_cache()
        self.log(self.style.SUCCESS("Demo content ready."))

    # --- media ------------------------------------------------------------------------------
    def get_image(self, key, title, colours):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title)
            image.file = ImageFile(io.BytesIO(generate_image(key, colours)), name=f"demo-{key}.jpg")
            image.save()
            self.log(f"  Image '{title}': generated")
        return image

    def get_document(self):
        Document = get_document_model()
        title = "Discover phase response figures"
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(
                "discover-phase-response-figures.csv", ContentFile(content.DISCOVER_FIGURES_CSV.encode())
            )
            document.save()
            self.log(f"  Document '{title}': created")
        return document

    # --- pages ------------------------------------------------------------------------------
    def get_home_page(self):
        home = HomePage.objects.filter(locale=self.locale).first()
        if home is not None:
            self.log("  Home page: already there")
            return home
        root = Page.get_first_root_node()
        # Wagtail's "Welcome to your new Wagtail site!" placeholder gives way to the real home page.
        for placeholder in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            if placeholder.specific_class is Page and not placeholder.get_children().exists():
                Site.objects.filter(root_page=placeholder).update(root_page=root)
                placeholder.delete()
        spec = content.HOME
        home = HomePage(
            title=spec["title"],
            slug=spec["slug"],
            locale=self.locale,
            tagline=spec["tagline"],
            summary=spec["summary"],
            vision_heading=spec["vision_heading"],
            vision=spec["vision"],
            objectives_heading=spec["objectives_heading"],
            objectives=[("objective", {"title": t}) for t in spec["objectives"]],
            principles_heading=spec["principles_heading"],
            principles=[("principle", {"title": t, "description": d}) for t, d in spec["principles"]],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        self.log("  Home page: created")
        return home

    def configure_site(self, home):
        """Point the default site at the home page, at the address in WAGTAILADMIN_BASE_URL.

        That address is used for canonical and hreflang links. A site an administrator moved to a
        real host name is left alone; a local one follows the port `make run` serves on.
        """
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        hostname = base.hostname or "localhost"
        port = base.port or (443 if base.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True, hostname=hostname)
        if site.pk and site.hostname not in ("localhost", "127.0.0.1", hostname):
            return
        site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, content.HOME["title"]
        site.save()

    def create_pages(self, parent, specs, created):
        for spec in specs:
            page = StandardPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
            if page is None:
                page = StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    show_in_menus=spec.get("menu", False),
                    locale=self.locale,
                )
                parent.add_child(instance=page)
                created.append((page, spec))
                self.log(f"  Page '{spec['title']}': created")
            self.pages[spec["slug"]] = page
            self.create_pages(page, spec.get("children", []), created)

    def get_formats_page(self, home):
        """The "Other languages and formats" contact page that every page links to (via Site settings)."""
        spec = content.FORMATS_PAGE
        page = ContactPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is not None:
            self.log(f"  Page '{spec['title']}': already there")
            return page
        page = ContactPage(title=spec["title"], slug=spec["slug"], summary=spec["summary"], locale=self.locale)
        home.add_child(instance=page)
        page.body = self.stream(spec["body"])
        list(page.body)  # block ids for list items, so wagtail-localize can translate them
        page.save_revision().publish()
        self.log(f"  Page '{spec['title']}': created")
        return page

    def stream(self, blocks):
        """Resolve the demo's symbolic references (image, document and page keys) to objects."""
        out = []
        for block_type, value in blocks:
            if block_type == "image":
                value = {**value, "image": self.images[value["image"]].pk}
            elif block_type == "document":
                value = {**value, "document": self.documents[value["document"]].pk}
            elif block_type == "call_to_action":
                value = {**value, "link_page": self.pages[value["link_page"]].pk, "link_url": ""}
            out.append({"type": block_type, "value": value})
        return out

    # --- snippets ---------------------------------------------------------------------------
    def create_settings(self):
        site_settings = SiteSettings.objects.filter(locale=self.locale).first()
        if site_settings is None:
            SiteSettings.objects.create(locale=self.locale, formats_page=self.formats_page, **content.SITE_SETTINGS)
            self.log("  Site settings: created")
            return
        self.log("  Site settings: already there")
        if site_settings.formats_page_id is None:  # a demo loaded before the page existed
            site_settings.formats_page = self.formats_page
            site_settings.save(update_fields=["formats_page"])
            self.log("  Site settings: 'Other languages and formats' page chosen")

    def create_navigation(self):
        if Navigation.objects.filter(locale=self.locale).exists():
            self.log("  Navigation and footer: already there")
            return
        primary, footer = [], []
        for spec in self.walk(content.PAGES):

            def link(slug=spec["slug"]):
                return {"type": "link", "value": {"page": self.pages[slug].pk, "url": "", "text": ""}}

            if spec.get("menu"):
                primary.append(link())
            if spec["slug"] == "our-vision":
                for extra in (self.stories_index, self.consultations_hub):
                    primary.append({"type": "link", "value": {"page": extra.pk, "url": "", "text": ""}})
            if spec.get("footer"):
                footer.append(link())
        Navigation.objects.create(
            locale=self.locale,
            name="Site navigation",
            primary_links=primary,
            footer_links=footer,
            footer_text=content.NAVIGATION_FOOTER_TEXT,
        )
        self.log("  Navigation and footer: created")

    def walk(self, specs):
        for spec in specs:
            yield spec
            yield from self.walk(spec.get("children", []))

    # --- translations -----------------------------------------------------------------------
    def translate(self):
        """Gaelic and Polish versions, made through wagtail-localize (see home/demo_translations.py)."""
        from consultations.demo_translations import translate_consultations
        from home.demo_translations import translate_demo
        from stories.demo_translations import translate_stories

        translate_demo(
            self, self.locale
        )  # the home page first: the consultations hub and stories index are its children
        translate_consultations(self, self.locale)
        translate_stories(self, self.locale)
