"""The questions editors build a consultation from.

Stable answer keys: every question is a StreamField block and every option a ListBlock item, and
Wagtail gives each a UUID that survives editing the label, reordering, adding or removing other
options and translation with wagtail-localize (translations keep the source's block ids). Answers
are stored under those ids, never under label text, so a live consultation can be edited safely
and responses in every language pool together.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

LIKERT_SCALE = [
    ("strongly-agree", _("Strongly agree")),
    ("agree", _("Agree")),
    ("neither", _("Neither agree nor disagree")),
    ("disagree", _("Disagree")),
    ("strongly-disagree", _("Strongly disagree")),
    ("dont-know", _("Don't know")),
]
PREFER_NOT_TO_SAY = "prefer-not-to-say"


class BaseQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.TextBlock(label=_("Hint"), required=False, help_text=_("Shown under the question."))
    required = blocks.BooleanBlock(
        label=_("Answer required"),
        required=False,
        default=True,
        help_text=_("Optional questions are labelled “(optional)” for residents."),
    )

    answer_kind = "text"

    class Meta:
        icon = "help"


def personal_block():
    return blocks.BooleanBlock(
        label=_("Answers may hold personal data"),
        required=False,
        help_text=_("Removed with the other personal data once the consultation's retention period is over."),
    )


class ShortTextQuestion(BaseQuestionBlock):
    personal = personal_block()

    class Meta:
        icon = "edit"
        label = _("Short text")
        description = _("One line of text.")


class LongTextQuestion(BaseQuestionBlock):
    max_length = blocks.IntegerBlock(
        label=_("Character limit"),
        default=1500,
        min_value=50,
        max_value=10000,
        help_text=_("Shown to the resident, who sees how many characters are left."),
    )
    personal = personal_block()

    class Meta:
        icon = "pilcrow"
        label = _("Long text")
        description = _("Paragraphs of text with a character limit.")


def options_block():
    return blocks.ListBlock(blocks.CharBlock(label=_("Option"), max_length=200), label=_("Options"), min_num=2)


class SingleChoiceQuestion(BaseQuestionBlock):
    options = options_block()
    answer_kind = "option"

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        description = _("Choose one option (radio buttons).")


class MultipleChoiceQuestion(BaseQuestionBlock):
    options = options_block()
    answer_kind = "options"

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        description = _("Choose any number of options (checkboxes).")


class LikertQuestion(BaseQuestionBlock):
    answer_kind = "scale"

    class Meta:
        icon = "list-ul"
        label = _("Agree or disagree")
        description = _("Strongly agree … strongly disagree, with “Don't know”.")


class MatrixQuestion(BaseQuestionBlock):
    statements = blocks.ListBlock(
        blocks.CharBlock(label=_("Statement"), max_length=300), label=_("Statements"), min_num=1
    )
    answer_kind = "matrix"

    class Meta:
        icon = "table"
        label = _("Several statements on one scale")
        description = _("Agree or disagree with each of several statements.")


class RankingQuestion(BaseQuestionBlock):
    options = options_block()
    answer_kind = "ranking"

    class Meta:
        icon = "order"
        label = _("Ranking")
        description = _("Put options in order of importance (works without JavaScript).")


class RatingQuestion(BaseQuestionBlock):
    scale_max = blocks.IntegerBlock(label=_("Highest rating"), default=5, min_value=3, max_value=10)
    answer_kind = "number"

    class Meta:
        icon = "pick"
        label = _("Rating")
        description = _("A rating from 1 to 5 (or another maximum).")


class NumberQuestion(BaseQuestionBlock):
    min_value = blocks.IntegerBlock(label=_("Smallest allowed"), required=False)
    max_value = blocks.IntegerBlock(label=_("Largest allowed"), required=False)
    answer_kind = "number"

    class Meta:
        icon = "plus"
        label = _("Number")


class EmailQuestion(BaseQuestionBlock):
    class Meta:
        icon = "mail"
        label = _("Email address")


class PostcodeQuestion(BaseQuestionBlock):
    class Meta:
        icon = "site"
        label = _("Postcode")
        description = _("A UK postcode, checked for its format.")


class AboutYouQuestion(BaseQuestionBlock):
    """Optional equality questions: always optional, always offering "Prefer not to say"."""

    options = options_block()
    answer_kind = "option"

    class Meta:
        icon = "user"
        label = _("About you")
        description = _("An optional question about the respondent; “Prefer not to say” is always offered.")


class QuestionStreamBlock(blocks.StreamBlock):
    short_text = ShortTextQuestion()
    long_text = LongTextQuestion()
    single_choice = SingleChoiceQuestion()
    multiple_choice = MultipleChoiceQuestion()
    likert = LikertQuestion()
    matrix = MatrixQuestion()
    ranking = RankingQuestion()
    rating = RatingQuestion()
    number = NumberQuestion()
    email = EmailQuestion()
    postcode = PostcodeQuestion()
    about_you = AboutYouQuestion()


class ConditionBlock(blocks.StructBlock):
    """ "Show this step only if question X is Y", answered on the server so it works without JavaScript.

    Editors write the question and the option as they are worded in an earlier step. On save the
    page resolves the wording to the question's and option's stable ids (ConsultationPage.step_conditions)
    and from then on follows the ids: renaming the question or the option updates the wording here.
    Not offered to translators: the condition is the same in every language.
    """

    question = blocks.CharBlock(
        label=_("Only if the answer to"),
        required=False,
        max_length=300,
        help_text=_(
            "A choice question in an earlier step, worded exactly as it is there. Leave empty to always show this step."
        ),
    )
    answer = blocks.CharBlock(
        label=_("is"),
        required=False,
        max_length=200,
        help_text=_("One of that question's options, worded as it is there."),
    )

    def get_translatable_segments(self, value):
        return []

    class Meta:
        icon = "arrow-right"
        label = _("Show this step only if")


class SectionBlock(blocks.StructBlock):
    """A step of the form: "Step 2 of 4"."""

    title = blocks.CharBlock(label=_("Step title"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    show_if = ConditionBlock(required=False)
    questions = QuestionStreamBlock(label=_("Questions"))

    class Meta:
        icon = "form"
        label = _("Step")


def results_question_choices():
    """Every choice question of every consultation, for the outcome page's results chart block:
    [(question id, "Consultation – Question")]. A callable, so new questions need no migration."""
    from .models import CONDITION_QUESTION_TYPES, ConsultationPage, default_locale_id

    choices = []
    for consultation in ConsultationPage.objects.filter(locale_id=default_locale_id()).order_by("-opens_at"):
        for _step, question_id, kind, value in consultation.questions():
            if kind in CONDITION_QUESTION_TYPES + ("matrix", "ranking", "rating"):
                choices.append((question_id, f"{consultation.title} – {value['label']}"))
    return choices


class QuestionChoiceBlock(blocks.ChoiceBlock):
    """A ChoiceBlock whose stored value (a question id) is read as it is: ChoiceBlock.to_python looks
    the value up in the choices, which would run results_question_choices (a query) for every chart
    on every page view. The choices still validate what editors pick. Deconstructs as a ChoiceBlock,
    so migrations do not change."""

    def to_python(self, value):
        return value

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.ChoiceBlock", args, kwargs


class ResultsChartBlock(blocks.StructBlock):
    """The live results of one question, drawn as an accessible SVG chart with its data table."""

    question = QuestionChoiceBlock(label=_("Question"), choices=results_question_choices)
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    commentary = blocks.TextBlock(label=_("What it shows"), required=False)

    class Meta:
        icon = "table"
        label = _("Results chart")
        template = "consultations/blocks/results_chart.html"
        description = _("A question's results, counted from every response, with a table of the figures.")
