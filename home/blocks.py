"""The shared content blocks: one StreamBlock used by every page body (as in Wagtail's bakerydemo).

Each block renders with its own template in templates/home/blocks/, has an icon, a preview and
a description for the block picker, and holds only text that wagtail-localize can translate.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        help_text=_("Use heading 2 for main sections; never skip a level."),
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline for screen readers.")
        preview_value = {"text": "What you told us", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph_block.html"
        label = _("Text")
        description = _("Paragraphs, lists and links.")
        preview_value = "<p>The Perth and Kinross Offer is about working <b>with</b> communities.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_("Tick only if the image adds no information; screen readers will skip it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Add alternative text, or tick 'Decorative only' if the image adds no information.")
                    )
                }
            )
        return value

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("pk").first()
        return self.to_python(
            {"image": image.pk if image else None, "alt_text": "An example image", "decorative": False, "caption": ""}
        )

    class Meta:
        icon = "image"
        template = "home/blocks/image_block.html"
        label = _("Image")
        description = _("An image with alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        label = _("Quote")
        description = _("Words from a resident, partner or colleague.")
        preview_value = {
            "quote": "Everyone has something to offer.",
            "attribution": "Perth and Kinross Offer",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link_url = blocks.URLBlock(label=_("Or web address"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("link_page")) == bool(value.get("link_url")):
            raise StructBlockValidationError(
                block_errors={"link_page": ValidationError(_("Choose a page or enter a web address, not both."))}
            )
        return value

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted box with a heading, a sentence and one button.")
        preview_value = {
            "heading": "Have your say",
            "text": "Tell us what you think of the proposed vision.",
            "link_url": "https://example.org/",
            "link_text": "Take part",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    content = ParagraphBlock(label=_("Content"))


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Sections"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion_block.html"
        label = _("Accordion")
        description = _("Sections that open and close; they work without JavaScript.")
        preview_value = {
            "items": [
                {"title": "Economy and entrepreneurship", "content": "<p>Local jobs and businesses.</p>"},
                {"title": "Environment", "content": "<p>Greenspace and climate.</p>"},
            ]
        }


class TableBlock(blocks.StructBlock):
    """A simple data table whose every cell wagtail-localize can translate."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=250, help_text=_("Says what the table shows."))
    header = blocks.ListBlock(blocks.CharBlock(label=_("Column heading")), label=_("Column headings"), min_num=1)
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
    )
    first_column_is_header = blocks.BooleanBlock(label=_("First column names each row"), required=False)

    class Meta:
        icon = "table"
        template = "home/blocks/table_block.html"
        label = _("Table")
        description = _("Rows and columns of data with a caption.")
        preview_value = {
            "caption": "Discover engagement",
            "header": ["Survey", "Responses"],
            "rows": [["Staff impact questionnaire", "1500"], ["External engagement survey", "787"]],
            "first_column_is_header": True,
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Leave empty to use the document's title.")
    )

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("pk").first()
        return self.to_python({"document": document.pk if document else None, "title": ""})

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_link_block.html"
        label = _("Document link")
        description = _("A download link that shows the file type and size.")


def localized_consultation(page, request):
    """The consultation in the reader's language, looked up once per request however often it is
    embedded (a page may repeat the block; each lookup costs queries)."""
    from django.utils.translation import get_language

    memo = getattr(request, "_pkoffer_consultations", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._pkoffer_consultations = memo
    key = (page.pk, get_language())
    if key not in memo:
        from consultations.models import ConsultationPage, locale_id_for

        locale_id = locale_id_for(get_language())
        memo[key] = (
            ConsultationPage.objects.live().filter(translation_key=page.translation_key, locale_id=locale_id).first()
            or page.specific
        )
    return memo[key]


class ConsultationEmbedBlock(blocks.StructBlock):
    """A consultation inside any page: its first step when open, its status otherwise."""

    consultation = blocks.PageChooserBlock(label=_("Consultation"), page_type="consultations.ConsultationPage")

    def get_context(self, value, parent_context=None):
        from consultations.forms import StepForm, step_questions

        context = super().get_context(value, parent_context=parent_context)
        page = value.get("consultation")
        if page is not None:
            page = localized_consultation(page, context.get("request"))
            context["consultation"] = page
            steps = list(page.sections)
            if page.status == page.OPEN and steps:
                context["form"] = StepForm(step_questions(steps[0].value))
                context["section"] = steps[0].value
                context["step_count"] = page.always_shown_steps
                context["action"] = page.url + page.reverse_subpage("step", args=[1])
        return context

    def get_preview_value(self):
        from consultations.models import ConsultationPage

        page = ConsultationPage.objects.live().first()
        return self.to_python({"consultation": page.pk if page else None})

    class Meta:
        icon = "form"
        template = "home/blocks/consultation_embed_block.html"
        label = _("Consultation")
        description = _("A consultation's first questions, answered right here; the rest follow on its own pages.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    document = DocumentLinkBlock()
    consultation = ConsultationEmbedBlock()


class ObjectiveBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Objective"), max_length=200)

    class Meta:
        icon = "tick"
        label = _("Strategic objective")


class PrincipleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Principle"), max_length=80)
    description = blocks.TextBlock(label=_("What it means"))

    class Meta:
        icon = "pick"
        label = _("Principle")


class LinkBlock(blocks.StructBlock):
    """A navigation link: a page (shown in the reader's language when translated) or a web address."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or web address"), required=False)
    text = blocks.CharBlock(
        label=_("Link text"), max_length=60, required=False, help_text=_("Leave empty to use the page title.")
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a web address, not both."))}
            )
        if value.get("url") and not value.get("text"):
            raise StructBlockValidationError(
                block_errors={"text": ValidationError(_("Add link text for a web address."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=60)
    url = blocks.URLBlock(label=_("Web address"))

    class Meta:
        icon = "link"
        label = _("Social media link")
