"""{% results_chart result chart_id %}: a result's accessible SVG chart (consultations/charts.py)."""

from django import template
from django.utils.formats import number_format

from consultations.charts import chart_svg, format_percent, ranking_method

register = template.Library()


@register.simple_tag
def results_chart(result, chart_id=""):
    return chart_svg(result, chart_id or None)


@register.filter
def as_percent(value):
    return format_percent(value)


@register.simple_tag
def ranking_explained(result):
    return ranking_method(result)


@register.filter
def as_number(value):
    """A count with the language's thousands separator (12,345)."""
    return number_format(value, force_grouping=True)
