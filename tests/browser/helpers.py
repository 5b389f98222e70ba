"""Shared by the browser tests: browser settings, axe-core runs and the off-site request log."""

import re
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"  # Debian's package: Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}
LANGUAGES = ("en", "gd", "pl")

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# With JavaScript disabled (java_script_enabled=False) Playwright's page.evaluate() still runs:
# it evaluates through the DevTools protocol, not through the page's <script> elements. But the
# page's timers never fire, and axe.run() schedules its work with setTimeout, so it would wait
# for ever. Promise callbacks do run, so this shim, evaluated before axe, replaces the timers
# with promise-based ones. axe then inspects the DOM and computed CSS of the no-JavaScript
# rendering itself (closed menu checkbox, closed <details> and so on), not a JS-enabled copy.
NO_JS_TIMER_SHIM = """() => {
    const later = (callback, args) => Promise.resolve().then(() => callback(...args));
    window.setTimeout = (callback, _delay, ...args) => { later(callback, args); return 0; };
    window.clearTimeout = () => {};
    window.requestAnimationFrame = (callback) => { later(callback, [performance.now()]); return 0; };
    window.cancelAnimationFrame = () => {};
    window.queueMicrotask = (callback) => { later(callback, []); };
    window.requestIdleCallback = (callback) => {
        later(callback, [{didTimeout: false, timeRemaining: () => 50}]);
        return 0;
    };
}"""

AXE_RUN = """(tags) => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
}).then((results) => results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
})))"""


def run_axe(page, axe_source, javascript_enabled):
    """axe-core's violations for the page as it is now (every impact, the tags in AXE_TAGS)."""
    if not javascript_enabled:
        page.evaluate(NO_JS_TIMER_SHIM)
    page.evaluate(axe_source)
    return page.evaluate(AXE_RUN, AXE_TAGS)


def format_violations(violations):
    """One block per violation: rule id, impact, help text and each failing node, to fix from."""
    lines = []
    for violation in violations:
        lines.append(f"  - {violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"      target: {' '.join(map(str, node['target']))}")
            lines.append(f"      html:   {node['html'][:300]}")
            for summary_line in (node["summary"] or "").splitlines():
                lines.append(f"        {summary_line}")
    return "\n".join(lines)


def stylesheet_loaded(page):
    """True when the site's own stylesheet was applied (axe on an unstyled page proves little)."""
    return page.evaluate(
        """() => [...document.styleSheets].some(
            (sheet) => (sheet.href || "").includes("/static/css/pkoffer.css") && sheet.cssRules.length > 50
        )"""
    )


def site_netlocs(base_url):
    """The site's own origins: the live server, and the media storage when it is S3 (its endpoint or
    custom domain serves the uploaded images and documents, as a CDN would in production)."""
    from django.core.files.storage import default_storage

    media = urlsplit(default_storage.url("x")).netloc
    return {urlsplit(base_url).netloc} | ({media} if media else set())


class RequestLog:
    """Every request made in a browser context, to prove that none leaves the site."""

    LOCAL_SCHEMES = {"data", "blob", "about"}

    def __init__(self, base_url):
        self.netlocs = site_netlocs(base_url)
        self.urls = []

    def attach(self, context):
        context.on("request", lambda request: self.urls.append(request.url))
        return context

    def offsite(self):
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in self.LOCAL_SCHEMES and urlsplit(url).netloc not in self.netlocs
        ]


def page_tree_problems():
    """Wagtail's page tree check (treebeard's find_problems), keeping only the problems found.

    A wrong `numchild` makes a page look childless, so its children answer 404 and new ones
    cannot be added (UNIQUE constraint on wagtailcore_page.path): worth naming in a failure.
    """
    from wagtail.models import Page

    names = ("evil_chars", "bad_steplen", "orphans", "wrong_depth", "wrong_numchild")
    return {name: ids for name, ids in zip(names, Page.find_problems(), strict=True) if ids}


def check_page(page, target, lang, run):
    """What must hold before axe's verdict means anything; returns the problems found."""
    problems = []
    if page.evaluate("document.documentElement.lang") != lang:
        problems.append(f"{run}: <html lang> is not {lang!r}")
    if not stylesheet_loaded(page):
        problems.append(f"{run}: the site's stylesheet did not load")
    for selector, (least, most) in target.contains.items():
        count = page.locator(selector).count()
        if not least <= count <= most:
            problems.append(f"{run}: {count} × {selector!r}, expected {least} to {most}")
    for selector, pattern in getattr(target, "texts", {}).items():
        found = page.locator(selector).first.text_content() if page.locator(selector).count() else None
        found = " ".join(found.split()) if found is not None else None
        if found is None or not re.search(pattern, found):
            problems.append(f"{run}: the text of {selector!r} should match {pattern!r}, is {found!r}")
    return problems


def log_in(page, base_url, username, password):
    """Signs in through the admin's login form and waits for the dashboard."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
