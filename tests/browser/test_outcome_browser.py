"""The demo's outcome page ("We asked, you said, we did") in Chromium: in English and Polish, each
results chart is drawn with its table of figures, the table opens without JavaScript, and axe-core
finds nothing at desktop and mobile width, with JavaScript on and off."""

import pytest

from consultations.models import ConsultationOutcomePage

from .helpers import VIEWPORTS, RequestLog, check_page, format_violations, run_axe
from .test_accessibility import Target

EXPECTED = {
    "en": {"label": "Isolation, loneliness or low mood"},
    "pl": {"label": "Izolacja, samotność lub przygnębienie"},
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "pl"])
def test_outcome_page_charts_with_tables_and_no_axe_violations(browser, axe_source, demo_site, lang):
    outcome = ConsultationOutcomePage.objects.live().get(locale__language_code=lang)
    target = Target(
        outcome.url,
        contains={
            "main h1": (1, 1),
            "main h2": (3, 99),
            "figure svg[role=img]": (3, 3),
            "figure details table": (3, 3),
        },
    )
    failures = []
    requests = RequestLog(demo_site.url)
    for javascript_enabled in (True, False):
        context = requests.attach(browser.new_context(java_script_enabled=javascript_enabled))
        try:
            page = context.new_page()
            for viewport_name, viewport in VIEWPORTS.items():
                run = f"{outcome.url} ({lang}, {viewport_name}, JavaScript {'on' if javascript_enabled else 'off'})"
                page.set_viewport_size(viewport)
                response = page.goto(demo_site.url + outcome.url)
                assert response.status == 200, run
                failures.extend(check_page(page, target, lang, run))
                # The first chart's table, opened by its summary (a <details>: no script needed).
                figure = page.locator("figure").first
                figure.locator("summary").click()
                table = figure.locator("table")
                assert table.is_visible(), run
                assert table.locator("tbody th", has_text=EXPECTED[lang]["label"]).count() == 1, run
                assert figure.locator("svg[role=img]").is_visible(), run
                violations = run_axe(page, axe_source, javascript_enabled)
                if violations:
                    failures.append(f"{run}: {len(violations)} rule(s) violated\n{format_violations(violations)}")
        finally:
            context.close()
    if requests.offsite():
        failures.append(f"requests left the site: {requests.offsite()}")
    assert not failures, "\n".join(failures)
