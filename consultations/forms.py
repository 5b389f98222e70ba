"""Forms for the steps of a consultation, built from the editor's question blocks.

Each form field is named after the question's stable id (and the statement's or option's id for
matrix and ranking questions); answers are converted to and from the stored format here.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .blocks import LIKERT_SCALE, PREFER_NOT_TO_SAY

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
SHORT_TEXT_MAX = 500


def clean_text(value):
    """Refuse control characters a browser never sends, and bytes that were not valid UTF-8
    (Django decodes those to U+FFFD)."""
    if value and any((ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd" for c in value):
        raise ValidationError(_("Remove the unusual characters from your answer."))
    return value


class Question:
    """A question block of a step, with what the form and the summary need."""

    def __init__(self, block_id, block_type, value):
        self.id = block_id
        self.type = block_type
        self.value = value
        self.label = value["label"]
        self.help_text = value.get("help_text") or ""
        self.required = bool(value.get("required")) and block_type != "about_you"

    @property
    def options(self):
        items = self.value["options"].bound_blocks if "options" in self.value else []
        return [(item.id, item.value) for item in items]

    @property
    def statements(self):
        return [(item.id, item.value) for item in self.value["statements"].bound_blocks]


def step_questions(section_value):
    return [Question(q.id, q.block_type, q.value) for q in section_value["questions"]]


class StepForm(forms.Form):
    """The form for one step; `questions` in the order the editor set."""

    def __init__(self, questions, *args, stored=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        stored = stored or {}
        for question in questions:
            self.add_question(question, stored.get(question.id))

    def add_question(self, q, answer):
        common = {"label": q.label, "required": q.required, "help_text": q.help_text}
        required_message = {"required": gettext("Answer the question: %(question)s") % {"question": q.label}}
        if q.type == "short_text":
            field = forms.CharField(max_length=SHORT_TEXT_MAX, validators=[clean_text], **common)
        elif q.type == "long_text":
            field = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 6}),
                max_length=q.value["max_length"],
                validators=[clean_text],
                **common,
            )
        elif q.type in ("single_choice", "about_you"):
            choices = list(q.options)
            if q.type == "about_you":
                choices.append((PREFER_NOT_TO_SAY, gettext("Prefer not to say")))
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        elif q.type == "multiple_choice":
            field = forms.MultipleChoiceField(choices=q.options, widget=forms.CheckboxSelectMultiple, **common)
        elif q.type == "likert":
            field = forms.ChoiceField(choices=LIKERT_SCALE, widget=forms.RadioSelect, **common)
        elif q.type == "rating":
            top = q.value["scale_max"]
            field = forms.TypedChoiceField(
                choices=[(str(n), str(n)) for n in range(1, top + 1)], coerce=int, widget=forms.RadioSelect, **common
            )
        elif q.type == "number":
            field = forms.IntegerField(min_value=q.value.get("min_value"), max_value=q.value.get("max_value"), **common)
        elif q.type == "email":
            field = forms.EmailField(max_length=254, **common)
            field.widget.attrs["autocomplete"] = "email"
        elif q.type == "postcode":
            field = forms.CharField(max_length=10, **common)
            field.widget.attrs["autocomplete"] = "postal-code"
        elif q.type == "matrix":
            for statement_id, statement in q.statements:
                name = f"{q.id}__{statement_id}"
                self.fields[name] = forms.ChoiceField(
                    label=statement, choices=LIKERT_SCALE, widget=forms.RadioSelect, required=q.required
                )
                self.fields[name].error_messages["required"] = gettext("Answer the statement: %(statement)s") % {
                    "statement": statement
                }
                self.initial[name] = (answer or {}).get(statement_id)
            return
        elif q.type == "ranking":
            positions = [(str(n), str(n)) for n in range(1, len(q.options) + 1)]
            order = answer or []
            for option_id, option in q.options:
                name = f"{q.id}__{option_id}"
                self.fields[name] = forms.ChoiceField(
                    label=option, choices=[("", "–"), *positions], required=q.required
                )
                self.fields[name].error_messages["required"] = gettext("Give every option a place in the order.")
                if option_id in order:
                    self.initial[name] = str(order.index(option_id) + 1)
            return
        else:  # pragma: no cover - a new block type without a field
            raise ValueError(q.type)
        field.error_messages.update(required_message)
        self.fields[q.id] = field
        if answer is not None:
            self.initial[q.id] = answer

    def clean(self):
        cleaned = super().clean()
        for q in self.questions:
            if q.type == "postcode" and cleaned.get(q.id):
                value = re.sub(r"\s+", "", cleaned[q.id].upper())
                match = POSTCODE_RE.match(value)
                if not match:
                    self.add_error(q.id, gettext("Enter a real postcode, like PH1 5PH."))
                else:
                    cleaned[q.id] = f"{match.group(1)} {match.group(2)}"
            if q.type == "ranking":
                ranks = [cleaned.get(f"{q.id}__{option_id}") for option_id, _label in q.options]
                given = [r for r in ranks if r]
                if len(given) != len(set(given)):
                    self.add_error(f"{q.id}__{q.options[0][0]}", gettext("Give each option a different place."))
        return cleaned

    def answers(self):
        """The cleaned data in the stored format: {question id: answer}; empty answers left out."""
        data = self.cleaned_data
        out = {}
        for q in self.questions:
            if q.type == "matrix":
                value = {sid: data.get(f"{q.id}__{sid}") for sid, _s in q.statements if data.get(f"{q.id}__{sid}")}
            elif q.type == "ranking":
                ranked = sorted(
                    ((int(data[f"{q.id}__{oid}"]), oid) for oid, _o in q.options if data.get(f"{q.id}__{oid}")),
                )
                value = [oid for _rank, oid in ranked]
            else:
                value = data.get(q.id)
            if value not in (None, "", [], {}):
                out[q.id] = value
        return out

    def error_items(self):
        """(field id, message) for the error summary, in the order of the fields."""
        items = []
        for name in self.fields:
            for error in self.errors.get(name, []):
                items.append((f"id_{name}", error))
        for error in self.non_field_errors():
            items.append(("", error))
        return items

    def question_fields(self):
        """[(question, [bound fields])]: matrix and ranking questions have one field per row."""
        grouped = []
        for q in self.questions:
            names = [n for n in self.fields if n == q.id or n.startswith(f"{q.id}__")]
            grouped.append((q, [self[n] for n in names]))
        return grouped
