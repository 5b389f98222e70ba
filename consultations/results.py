"""The results of a consultation's choice questions, for the admin's "Results" and the public outcome
page ("You said"): counts and percentages per option, Likert and matrix distributions, ranking scores
and rating means, pooled across languages and channels.

`question_results()` is the one entry point. Labels come from the page it is given (a translation gives
its own wording: option and statement ids are the same in every translation) and from the active
language (the Likert scale, "Prefer not to say"); counts come from the responses given, which are
always stored against the source consultation. The responses are read once, in chunks, whatever the
number of questions.

Each result is a dict:

- `id`, `kind` (the block type), `label`, `removed` (a question no longer on the page),
- `answered`: how many of the responses answered it, `responses`: how many responses were read,
- `rows`: [(label, count, percent)]; the percent is of those who answered the question (a multiple
  choice question's add up to more than 100). For a matrix: one row per statement, with how many
  answered it; for a ranking: (option, score, percent of the highest score possible), best first;
  for a rating: one row per point of the scale.
- matrix: `scale` [labels] and `statements` [{"label", "answered", "rows": [(scale label, count, percent)]}],
- ranking: `options` [{"label", "score", "mean_position", "ranked", "first"}] best first, and `points`
  (what first place is worth: the number of options; last place is worth 1),
- rating: `mean` (None without answers) and `scale_max`.
"""

from django.utils import translation

from .blocks import PREFER_NOT_TO_SAY
from .exports import EMPTY, ResponseSchema, _as_list, _ordered

RESULT_KINDS = ("single_choice", "multiple_choice", "about_you", "likert", "matrix", "ranking", "rating")


def percent(count, total):
    """A percentage to one decimal place (0 when nobody answered)."""
    return round(100 * count / total, 1) if total else 0.0


def question_results(consultation, responses=None, question_ids=None, language=None, schema=None):
    """[result dict] for each choice-like question of `consultation` in the page's order (see the
    module's docstring), or only those in `question_ids` (in the page's order).

    `responses`: a queryset of Response (defaults to all of the source consultation's); `language`:
    the language the labels are read in (defaults to the active one); `schema`: a ResponseSchema
    already built for `consultation` (the admin passes its own, which knows the removed questions).
    """
    from .models import Response

    if responses is None:
        responses = Response.objects.filter(consultation=consultation.get_source())
    with translation.override(language or translation.get_language()):
        schema = schema or ResponseSchema(consultation)
        wanted = set(question_ids) if question_ids is not None else None
        questions = [q for q in schema.questions if q.kind in RESULT_KINDS and (wanted is None or q.id in wanted)]
        if not questions:
            return []
        tallies, total = _tally(questions, responses)
        return [_result(schema, q, tallies[q.id], total) for q in questions]


class _Tally:
    def __init__(self):
        self.answered = 0
        self.counts = {}  # option id, scale key or rating -> count; matrix: (statement id, key) -> count
        self.statement_answered = {}  # matrix: statement id -> count
        self.positions = {}  # ranking: option id -> [sum of positions, times ranked, times first]


def _tally(questions, responses):
    tallies = {q.id: _Tally() for q in questions}
    total = 0
    for answers in responses.order_by().values_list("answers", flat=True).iterator(chunk_size=1000):
        total += 1
        if not answers:
            continue
        for question in questions:
            answer = answers.get(question.id)
            if answer in EMPTY:
                continue
            tally = tallies[question.id]
            kind = question.kind
            if kind == "matrix":
                if not isinstance(answer, dict):
                    continue
                tally.answered += 1
                for sid, key in answer.items():
                    if isinstance(key, str):
                        tally.counts[(sid, key)] = tally.counts.get((sid, key), 0) + 1
                        tally.statement_answered[sid] = tally.statement_answered.get(sid, 0) + 1
            elif kind == "ranking":
                order = [a for a in _as_list(answer) if isinstance(a, str)]
                if not order:
                    continue
                tally.answered += 1
                for position, option_id in enumerate(order, start=1):
                    found = tally.positions.setdefault(option_id, [0, 0, 0])
                    found[0] += position
                    found[1] += 1
                    found[2] += position == 1
            elif kind == "rating":
                if isinstance(answer, bool) or not isinstance(answer, int | float | str):
                    continue
                try:
                    value = int(answer)
                except ValueError:
                    continue
                tally.answered += 1
                tally.counts[value] = tally.counts.get(value, 0) + 1
            else:
                values = _as_list(answer) if kind == "multiple_choice" else [answer]
                values = [v for v in values if isinstance(v, str)]
                if not values:
                    continue
                tally.answered += 1
                for value in values:
                    tally.counts[value] = tally.counts.get(value, 0) + 1
    return tallies, total


def _result(schema, question, tally, total):
    result = {
        "id": question.id,
        "kind": question.kind,
        "label": question.label,
        "removed": question.removed,
        "answered": tally.answered,
        "responses": total,
    }
    answered = tally.answered
    kind = question.kind
    if kind == "matrix":
        keys = _ordered(schema.scale, {key for _sid, key in tally.counts})
        statements = dict(question.statements)
        for sid, _key in tally.counts:
            statements.setdefault(sid, sid)
        result["scale"] = [schema.scale_label(key) for key in keys]
        result["statements"] = []
        for sid, label in statements.items():
            n = tally.statement_answered.get(sid, 0)
            rows = [(schema.scale_label(key), tally.counts.get((sid, key), 0)) for key in keys]
            result["statements"].append(
                {"label": label, "answered": n, "rows": [(lbl, c, percent(c, n)) for lbl, c in rows]}
            )
        result["rows"] = [(s["label"], s["answered"], percent(s["answered"], answered)) for s in result["statements"]]
    elif kind == "ranking":
        option_ids = _ordered(question.options, tally.positions)
        points = max(len(question.options), len(option_ids), 1)
        options = []
        for option_id in option_ids:
            position_sum, ranked, first = tally.positions.get(option_id, (0, 0, 0))
            # Place p is worth (points + 1 - p): first = points … last = 1; unranked options score 0.
            score = ranked * (points + 1) - position_sum
            options.append(
                {
                    "label": schema.option_label(question, option_id),
                    "score": score,
                    "mean_position": round(position_sum / ranked, 2) if ranked else None,
                    "ranked": ranked,
                    "first": first,
                }
            )
        options.sort(key=lambda o: -o["score"])  # stable: ties keep the editor's order
        result["options"] = options
        result["points"] = points
        most = answered * points
        result["rows"] = [(o["label"], o["score"], percent(o["score"], most)) for o in options]
    elif kind == "rating":
        scale_max = max([question_scale_max(schema, question)] + [k for k in tally.counts if isinstance(k, int)])
        points = list(range(1, scale_max + 1)) + sorted(k for k in tally.counts if k < 1)
        result["scale_max"] = scale_max
        result["rows"] = [(str(p), tally.counts.get(p, 0), percent(tally.counts.get(p, 0), answered)) for p in points]
        total_points = sum(k * c for k, c in tally.counts.items())
        result["mean"] = round(total_points / answered, 2) if answered else None
    else:
        if kind == "likert":
            keys = _ordered(schema.scale, tally.counts)
            labels = [schema.scale_label(key) for key in keys]
        else:
            known = dict(question.options)
            if kind == "about_you":
                known[PREFER_NOT_TO_SAY] = ""
            keys = _ordered(known, tally.counts)
            labels = [schema.option_label(question, key) for key in keys]
        result["rows"] = [
            (label, tally.counts.get(key, 0), percent(tally.counts.get(key, 0), answered))
            for key, label in zip(keys, labels, strict=True)
        ]
    return result


def question_scale_max(schema, question):
    """A rating question's highest point, from the live page (5 for a removed question)."""
    for _step, question_id, kind, value in schema.consultation.questions():
        if question_id == question.id and kind == "rating":
            return int(value.get("scale_max") or 5)
    return 5


# --- "Only respondents who gave this answer" ---------------------------------------------------------

FILTER_KINDS = ("single_choice", "multiple_choice", "about_you", "likert")


def answer_filter_choices(schema):
    """Grouped choices for the "answer to another question" filter: [(question, [("qid:oid", option)])]."""
    groups = []
    for question in schema.questions:
        if question.kind not in FILTER_KINDS or question.removed:
            continue
        if question.kind == "likert":
            options = list(schema.scale.items())
        else:
            options = list(question.options.items())
            if question.kind == "about_you":
                options.append((PREFER_NOT_TO_SAY, schema.prefer_not))
        groups.append((question.label, [(f"{question.id}:{key}", label) for key, label in options]))
    return groups


def filter_by_answer(responses, consultation, value):
    """Only the responses that gave answer `value` ("question id:option id") to a choice question;
    all of them if the value names no such question."""
    question_id, _sep, option_id = (value or "").partition(":")
    kinds = {qid: kind for _step, qid, kind, _value in consultation.questions()}
    kind = kinds.get(question_id)
    if kind not in FILTER_KINDS or not option_id:
        return responses
    if kind == "multiple_choice":
        # A JSON list of ids: look for the id with its quotes (ids are UUIDs, never part of another).
        return responses.filter(**{f"answers__{question_id}__icontains": f'"{option_id}"'})
    return responses.filter(**{f"answers__{question_id}": option_id})
