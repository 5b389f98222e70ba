"""Results drawn on the server as small, accessible SVG bar charts (no chart library, no script).

One horizontal bar per row of a result (see results.py): the label written above its bar and the
figures written after it, so nothing depends on colour. The SVG has role="img" and is labelled by
its <title> and <desc> (the desc states every figure as text); only presentation attributes are
used (no style attribute, no <style>), so the strict Content Security Policy allows it. Every label
is escaped. A chart is a few KB.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

WIDTH = 640
VALUE_SPACE = 200  # room after the longest bar for its figures
BAR_HEIGHT = 18
ROW_HEIGHT = 44
HEADING_HEIGHT = 26
MAX_LABEL = 84  # characters drawn; the table and the description always have the whole label
BAR = "#0065bd"  # the design system's blue: 5.5:1 against white
TEXT = "#333333"


def format_percent(value):
    return gettext("%(percent)s%%") % {"percent": number_format(value, decimal_pos=1 if value % 1 else 0)}


def row_figures(result, count, pct):
    """The figures written after a bar (and in the description)."""
    if result["kind"] == "ranking":
        return ngettext("%(score)s point", "%(score)s points", count) % {
            "score": number_format(count, force_grouping=True)
        }
    return f"{number_format(count, force_grouping=True)} ({format_percent(pct)})"


def _short(label):
    label = " ".join(str(label).split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def describe(result):
    """The chart in words: what it counts and every figure."""
    sentences = [
        ngettext("Answered by %(answered)s respondent.", "Answered by %(answered)s respondents.", result["answered"])
        % {"answered": number_format(result["answered"], force_grouping=True)}
    ]
    if result["kind"] == "matrix":
        for statement in result["statements"]:
            figures = "; ".join(f"{label}: {row_figures(result, c, p)}" for label, c, p in statement["rows"])
            sentences.append(f"{statement['label']}: {figures}.")
    else:
        if result["kind"] == "ranking":
            sentences.append(ranking_method(result))
        sentences.append("; ".join(f"{label}: {row_figures(result, c, p)}" for label, c, p in result["rows"]) + ".")
        if result["kind"] == "rating" and result.get("mean") is not None:
            sentences.append(gettext("Mean rating: %(mean)s.") % {"mean": number_format(result["mean"], decimal_pos=2)})
    return " ".join(sentences)


def ranking_method(result):
    return gettext(
        "Points: first place is worth %(points)s, each place below one less, the last 1; the options are in order "
        "of points."
    ) % {"points": result.get("points", 0)}


def _bars(parts, y, rows, result, largest):
    usable = WIDTH - VALUE_SPACE
    for label, count, pct in rows:
        parts.append(f'<text x="0" y="{y + 14}" font-size="14" fill="{TEXT}">{escape(_short(label))}</text>')
        width = round(usable * count / largest) if largest else 0
        bar_y = y + 20
        if width:
            parts.append(f'<rect x="0" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}" fill="{BAR}"/>')
        parts.append(
            f'<text x="{width + 6}" y="{bar_y + 14}" font-size="14" fill="{TEXT}">'
            f"{escape(row_figures(result, count, pct))}</text>"
        )
        y += ROW_HEIGHT
    return y


def chart_svg(result, chart_id=None):
    """The SVG of one result, ids prefixed with `chart_id` (unique on the page)."""
    chart_id = chart_id or f"chart-{result['id']}"
    parts = []
    y = 4
    if result["kind"] == "matrix":
        for statement in result["statements"]:
            parts.append(
                f'<text x="0" y="{y + 16}" font-size="15" font-weight="bold" fill="{TEXT}">'
                f"{escape(_short(statement['label']))}</text>"
            )
            y += HEADING_HEIGHT
            largest = max([c for _l, c, _p in statement["rows"]] + [0])
            y = _bars(parts, y, statement["rows"], result, largest)
    else:
        largest = max([c for _l, c, _p in result["rows"]] + [0])
        y = _bars(parts, y, result["rows"], result, largest)
    height = y + 4
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'font-family="Arial, Helvetica, sans-serif" class="pk-chart">'
        f'<title id="{escape(title_id)}">{escape(result["label"])}</title>'
        f'<desc id="{escape(desc_id)}">{escape(describe(result))}</desc>' + "".join(parts) + "</svg>"
    )
