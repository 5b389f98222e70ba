"""Responses as staff read them: the questions of a consultation (with the removed ones that still
have answers), answers rendered with the source consultation's labels, counts per option, and the
streamed CSV export.

Answers are keyed by question and option ids (see blocks.py), so everything here goes from ids to
the labels of the source consultation. An id the live page no longer has (a question or option an
editor removed after people answered) is looked up in the page's earlier revisions; a removed
question's column heading is the label stored with the responses (`Response.labels`).
"""

import csv
import datetime
import json
import zoneinfo
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext

from .blocks import LIKERT_SCALE, PREFER_NOT_TO_SAY

UK = zoneinfo.ZoneInfo("Europe/London")
CHOICE_KINDS = ("single_choice", "multiple_choice", "about_you", "likert", "matrix")
# Spreadsheet programs run a cell beginning with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EMPTY = (None, "", [], {})


@dataclass
class Question:
    id: str
    kind: str | None  # the block type; None for a removed question not found in the page's history
    label: str
    step: int | None = None
    options: dict = field(default_factory=dict)  # option id: label, in the editor's order
    statements: dict = field(default_factory=dict)  # matrix statement id: label
    removed: bool = False


def _items(raw_list):
    """{item id: text} from a ListBlock's stored items (items without an id are from before ids)."""
    return {item["id"]: item.get("value", "") for item in raw_list or [] if isinstance(item, dict) and item.get("id")}


def revision_sections(consultation):
    """The raw `sections` of each of the page's revisions, newest first (read in chunks)."""
    contents = consultation.revisions.order_by("-created_at", "-pk").values_list("content", flat=True)
    for content in contents.iterator(chunk_size=20):
        raw = (content or {}).get("sections")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                continue
        yield raw


def _questions_in_raw_sections(raw_sections):
    for step, section in enumerate(raw_sections or [], start=1):
        for raw in (section.get("value") or {}).get("questions") or []:
            if raw.get("id"):
                value = raw.get("value") or {}
                yield Question(
                    id=raw["id"],
                    kind=raw.get("type"),
                    label=value.get("label", ""),
                    step=step,
                    options=_items(value.get("options")),
                    statements=_items(value.get("statements")),
                )


def _list_items(value, name):
    if name not in value:
        return {}
    return {item.id: item.value for item in value[name].bound_blocks}


def neutralise(text):
    """A cell a spreadsheet will show as text, never run as a formula."""
    text = str(text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class ResponseSchema:
    """The questions of a consultation and how its answers read.

    `consultation` is the source ConsultationPage; `responses` the responses to describe: their
    answers decide which removed questions (and matrix statements) need a place. Labels are in the
    language active when the schema is built (the views build it in the consultation's language).
    """

    def __init__(self, consultation, responses=None):
        self.consultation = consultation
        self.scale = {key: str(label) for key, label in LIKERT_SCALE}
        self.prefer_not = gettext("Prefer not to say")
        self.questions = [
            Question(
                id=question_id,
                kind=kind,
                label=value.get("label", ""),
                step=step,
                options=_list_items(value, "options"),
                statements=_list_items(value, "statements"),
            )
            for step, question_id, kind, value in consultation.questions()
        ]
        self.by_id = {q.id: q for q in self.questions}
        self._history = None
        if responses is not None:
            self._add_what_responses_answered(responses)

    # --- Ids the live page no longer has ---------------------------------------------------------

    @property
    def history(self):
        """{question id: Question} from the page's revisions, newest wording first (read once, lazily)."""
        if self._history is None:
            self._history = {}
            for raw in revision_sections(self.consultation):
                for old in _questions_in_raw_sections(raw):
                    known = self._history.setdefault(old.id, old)
                    if known is not old:  # an older revision: only fill in what newer ones lack
                        known.options = old.options | known.options
                        known.statements = old.statements | known.statements
        return self._history

    def _add_what_responses_answered(self, responses):
        removed_labels = {}
        matrix_statements = {}
        rows = responses.order_by("submitted_at", "pk").values_list("answers", "labels")
        for answers, labels in rows.iterator(chunk_size=500):
            for question_id, answer in (answers or {}).items():
                if question_id not in self.by_id and answer not in EMPTY:
                    stored = (labels or {}).get(question_id)
                    if stored or question_id not in removed_labels:
                        removed_labels[question_id] = stored or ""
                if isinstance(answer, dict) and answer:
                    matrix_statements.setdefault(question_id, set()).update(answer)
        removed = []
        for question_id, stored_label in removed_labels.items():
            old = self.history.get(question_id)
            removed.append(
                Question(
                    id=question_id,
                    kind=old.kind if old else None,
                    label=stored_label or (old.label if old else "") or question_id,
                    options=dict(old.options) if old else {},
                    statements=dict(old.statements) if old else {},
                    removed=True,
                )
            )
        removed.sort(key=lambda q: (q.label.casefold(), q.id))
        self.questions += removed
        self.by_id.update((q.id, q) for q in removed)
        # Statements removed from a matrix that still has answers to them keep their column.
        for question_id, seen in matrix_statements.items():
            question = self.by_id.get(question_id)
            if question is None or question.kind != "matrix":
                continue
            for statement_id in sorted(seen - set(question.statements)):
                old = self.history.get(question_id)
                question.statements[statement_id] = (old.statements.get(statement_id) if old else None) or statement_id

    # --- Labels ------------------------------------------------------------------------------------

    def option_label(self, question, option_id):
        if option_id == PREFER_NOT_TO_SAY:
            return self.prefer_not
        if option_id in question.options:
            return question.options[option_id]
        old = self.history.get(question.id)
        return (old.options.get(option_id) if old else None) or str(option_id)

    def scale_label(self, key):
        return self.scale.get(key, str(key))

    # --- Answers -----------------------------------------------------------------------------------

    def answer_lines(self, question, answer):
        """An answer as lines of readable text: one for most, one per item for lists and matrices."""
        if answer in EMPTY:
            return []
        kind = question.kind
        if kind in ("single_choice", "about_you"):
            return [self.option_label(question, answer)]
        if kind == "multiple_choice":
            return [self.option_label(question, a) for a in _as_list(answer)]
        if kind == "ranking":  # in the resident's order, first to last
            return [self.option_label(question, a) for a in _as_list(answer)]
        if kind == "likert":
            return [self.scale_label(answer)]
        if kind == "matrix" and isinstance(answer, dict):
            return [
                f"{statement}: {self.scale_label(answer[sid])}"
                for sid, statement in question.statements.items()
                if answer.get(sid) not in EMPTY
            ]
        if isinstance(answer, dict):
            return [f"{key}: {value}" for key, value in answer.items()]
        if isinstance(answer, list):
            return [str(a) for a in answer]
        return [str(answer)]

    def cell(self, question, answer):
        """A non-matrix answer as one spreadsheet cell."""
        if not isinstance(answer, bool) and isinstance(answer, int | float):
            return answer  # a number stays a number (a negative one is no formula)
        lines = self.answer_lines(question, answer)
        if question.kind == "ranking":
            lines = [f"{n}. {line}" for n, line in enumerate(lines, start=1)]
        return "; ".join(lines)

    def columns(self, skip_kinds=()):
        """[(heading, function of the answers dict giving the cell)]: one per question, one per
        statement of a matrix question ("Question – Statement"); questions of `skip_kinds` left out."""
        columns = []
        for question in self.questions:
            if question.kind in skip_kinds:
                continue
            if question.kind == "matrix" and question.statements:
                for sid, statement in question.statements.items():
                    columns.append((f"{question.label} – {statement}", self._matrix_cell(question, sid)))
            else:
                columns.append((question.label, self._cell(question)))
        return columns

    def _cell(self, question):
        return lambda answers: self.cell(question, answers.get(question.id))

    def _matrix_cell(self, question, statement_id):
        def cell(answers):
            answer = answers.get(question.id)
            if not isinstance(answer, dict) or answer.get(statement_id) in EMPTY:
                return ""
            return self.scale_label(answer[statement_id])

        return cell

    # --- Counts ------------------------------------------------------------------------------------

    def counts(self, responses):
        """Counts per option of every choice question, pooled across languages.

        [{"question", "answered", "rows": [(label, count)]}] and, for a matrix question,
        {"question", "answered", "scale": [labels], "rows": [(statement, [count per scale point], answered)]}.
        """
        choice = [q for q in self.questions if q.kind in CHOICE_KINDS]
        tally = {q.id: {} for q in choice}
        answered = dict.fromkeys(tally, 0)
        statement_answered = {q.id: {} for q in choice if q.kind == "matrix"}
        for answers in responses.values_list("answers", flat=True).iterator(chunk_size=500):
            for question in choice:
                answer = (answers or {}).get(question.id)
                if answer in EMPTY:
                    continue
                answered[question.id] += 1
                counts = tally[question.id]
                if question.kind == "matrix":
                    if isinstance(answer, dict):
                        for sid, key in answer.items():
                            if not isinstance(key, str):
                                continue
                            counts[(sid, key)] = counts.get((sid, key), 0) + 1
                            per_statement = statement_answered[question.id]
                            per_statement[sid] = per_statement.get(sid, 0) + 1
                else:
                    for value in _as_list(answer) if question.kind == "multiple_choice" else [answer]:
                        if isinstance(value, str):
                            counts[value] = counts.get(value, 0) + 1
        results = []
        for question in choice:
            counts = tally[question.id]
            if question.kind == "matrix":
                keys = _ordered(self.scale, {key for _sid, key in counts})
                statements = dict(question.statements)
                for sid, _key in counts:
                    statements.setdefault(sid, sid)
                rows = [
                    (label, [counts.get((sid, key), 0) for key in keys], statement_answered[question.id].get(sid, 0))
                    for sid, label in statements.items()
                ]
                results.append(
                    {
                        "question": question,
                        "answered": answered[question.id],
                        "scale": [self.scale_label(key) for key in keys],
                        "rows": rows,
                    }
                )
                continue
            if question.kind == "likert":
                keys = _ordered(self.scale, counts)
                rows = [(self.scale_label(key), counts.get(key, 0)) for key in keys]
            else:
                known = dict(question.options)
                if question.kind == "about_you":
                    known[PREFER_NOT_TO_SAY] = ""
                keys = _ordered(known, counts)
                rows = [(self.option_label(question, key), counts.get(key, 0)) for key in keys]
            results.append({"question": question, "answered": answered[question.id], "rows": rows})
        return results


def _as_list(answer):
    return answer if isinstance(answer, list) else [answer]


def _ordered(known, seen):
    """The known keys in order, then any others seen in answers (removed options), sorted."""
    return list(known) + sorted(key for key in seen if key not in known)


# --- CSV ---------------------------------------------------------------------------------------------


class _Echo:
    """A file-like object csv.writer writes to that hands each row straight back."""

    def write(self, value):
        return value


TEXT_KINDS = ("short_text", "long_text")


class ExportTable:
    """The columns and rows both exports (CSV and XLSX) write, labels in `language_code`.

    Reference, submission time (UK), language, channel, one column per question (per statement of a
    matrix), then "Codes: <question>" for each free-text question once the consultation has codes,
    and, only with `include_email` (users with `consultations.view_respondent_email`), the answers to
    email questions and the email given for the outcome. The responses are read in batches, so memory
    stays flat however many there are.
    """

    BATCH = 500

    def __init__(self, consultation, responses, language_code, include_email=False):
        from .models import AnswerCode

        self.responses = responses
        self.include_email = include_email
        with translation.override(language_code):
            self.schema = ResponseSchema(consultation, responses)
            self.columns = self.schema.columns(skip_kinds=() if include_email else ("email",))
            self.code_questions = []
            if AnswerCode.objects.filter(consultation=consultation).exists():
                self.code_questions = [q for q in self.schema.questions if q.kind in TEXT_KINDS]
            self.headings = [
                gettext("Reference"),
                gettext("Submitted at (UK time)"),
                gettext("Language"),
                gettext("Channel"),
            ]
            self.headings += [heading for heading, _cell in self.columns]
            self.headings += [gettext("Codes: %(question)s") % {"question": q.label} for q in self.code_questions]
            if include_email:
                self.headings.append(gettext("Email for the outcome"))

    def batches(self):
        fields = ["pk", "reference", "submitted_at", "language", "channel", "answers"]
        if self.include_email:
            fields.append("outcome_email")
        rows = self.responses.order_by("submitted_at", "pk").only(*fields)
        batch = []
        for response in rows.iterator(chunk_size=self.BATCH):
            batch.append(response)
            if len(batch) == self.BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def codes_for(self, batch):
        """{(response id, question id): "Code; Code"} for a batch of responses."""
        from .models import CodedAnswer

        found = {}
        if not self.code_questions:
            return found
        coded = (
            CodedAnswer.objects.filter(response_id__in=[r.pk for r in batch])
            .order_by("code__name")
            .values_list("response_id", "question_id", "code__name")
        )
        for response_id, question_id, name in coded:
            found.setdefault((response_id, question_id), []).append(name)
        return {key: "; ".join(names) for key, names in found.items()}

    def rows(self, submitted=None):
        """Each response as a list of cells (strings and numbers, not yet neutralised).
        `submitted`: how the submission time is written (an ISO 8601 string by default)."""
        submitted = submitted or (lambda moment: moment.astimezone(UK).isoformat(timespec="seconds"))
        for batch in self.batches():
            codes = self.codes_for(batch)
            for response in batch:
                answers = response.answers or {}
                cells = [response.reference, submitted(response.submitted_at), response.language, response.channel]
                cells += [cell(answers) for _heading, cell in self.columns]
                cells += [codes.get((response.pk, q.id), "") for q in self.code_questions]
                if self.include_email:
                    cells.append(response.outcome_email)
                yield cells


def csv_rows(consultation, responses, language_code, include_email=False):
    """The CSV export, a line at a time: UTF-8 with a byte order mark (Excel then reads Gaelic and
    Polish correctly), one row per response, labels in `language_code` (the consultation's language).

    A generator: the database is read in chunks, so memory stays flat however many responses.
    """
    table = ExportTable(consultation, responses, language_code, include_email)
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([neutralise(h) for h in table.headings])
    for cells in table.rows():
        yield writer.writerow([c if isinstance(c, int | float) else neutralise(c) for c in cells])


# --- XLSX --------------------------------------------------------------------------------------------


def xlsx_value(value):
    """A cell's value that is never a formula: numbers and dates as they are, text neutralised like
    the CSV's (openpyxl only makes a formula of text starting with "=", which neutralise() prefixes),
    without the control characters an XLSX file cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int | float | datetime.datetime):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def write_xlsx(consultation, responses, language_code, target, include_email=False):
    """The XLSX export written to `target` (a path or a binary file): the CSV's columns and
    filters, in a write-only workbook, so rows go to disk as they are read and memory stays flat.
    Returns the number of responses written."""
    from openpyxl import Workbook

    table = ExportTable(consultation, responses, language_code, include_email)
    workbook = Workbook(write_only=True)
    with translation.override(language_code):
        sheet = workbook.create_sheet(gettext("Responses"))
    sheet.freeze_panes = "B2"
    sheet.append([xlsx_value(heading) for heading in table.headings])
    count = 0
    uk_naive = lambda moment: moment.astimezone(UK).replace(tzinfo=None)  # noqa: E731 (spreadsheets have no zones)
    for cells in table.rows(submitted=uk_naive):
        sheet.append([xlsx_value(c) for c in cells])
        count += 1
    workbook.save(target)
    return count
