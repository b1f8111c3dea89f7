"""Playwright helpers: Debian's Chromium, axe-core from the axe-playwright-python package, and
a keyboard walk that checks every stop shows a visible focus indicator."""

import functools
import threading
from importlib import resources
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.cache
def axe_source():
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


# Where the test server (`SharedConnectionServer`) serves axe-core itself, and the origins it
# serves: a page from one of them loads axe as a script of its own origin, which the site's
# Content-Security-Policy allows (`script-src 'self'`).
AXE_PATH = "/__tests__/axe.min.js"
AXE_ORIGINS = set()

AXE_LOADED = "() => typeof window.axe === 'object'"
LOAD_AXE = """(src) => new Promise((resolve) => {
  const script = document.createElement('script');
  script.src = src;
  script.onload = script.onerror = () => { script.remove(); resolve(typeof window.axe === 'object'); };
  (document.head || document.documentElement).append(script);
})"""

AXE_RUN = """async ([tags, selectors]) => await axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], selectors: selectors,
})"""


def load_axe(page):
    """Make sure axe-core is in the page's top frame; returns how it got there: "page" (it was
    already), "server" or "evaluate".

    On a page of the test server (`AXE_ORIGINS`) the page loads axe from `AXE_PATH` like any
    script of its own, and Chromium takes it from its cache after the first page of a tab.
    Elsewhere (`set_content`, another origin, or a page whose policy refused the script) its
    573 kB source is evaluated in the page, which no Content-Security-Policy stops: Playwright's
    driver and Chromium's browser process parse the whole source and pass it on for every page,
    about 0.07 s more of their CPU a page than the cached script (40 pages, three rounds, a small
    page measured with /proc).
    """
    if page.evaluate(AXE_LOADED):
        return "page"
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    if origin in AXE_ORIGINS and page.evaluate(LOAD_AXE, origin + AXE_PATH):
        return "server"
    page.evaluate(axe_source())
    return "evaluate"


def axe_violations(page):
    """Run axe-core in the page; return its WCAG 2.1 A/AA violations (a list of dicts).

    axe is loaded into the page first if it is not there yet (`load_axe`). The first run leaves
    out the CSS selector axe computes for each element it reports (`selectors: false`, a quarter
    to a third of a run's CPU in Chromium); the rules and the elements checked are the same.
    Only a page with violations is checked again, with selectors, so that the failure names the
    elements. Needs a tab with JavaScript on (`java_script_enabled=False` leaves axe's promise
    unsettled for ever, and its script element unloaded).
    """
    load_axe(page)
    if not page.evaluate(AXE_RUN, [AXE_TAGS, False])["violations"]:
        return []
    return page.evaluate(AXE_RUN, [AXE_TAGS, True])["violations"]


def format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'][:200]}")
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {page.url}:\n{format_violations(violations)}"


FOCUS_INFO_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
    href: el.getAttribute('href'),
    id: el.id,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    visible: rect.width > 0 && rect.height > 0,
  };
}"""


def tab_through(page, max_steps=80):
    """Press Tab from the top of the page; return what received focus, in order.

    Fails if any focused element has no visible focus indicator or is invisible.
    """
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops = []
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO_JS)
        if info is None:
            break
        if stops and info == stops[0]:
            break
        assert info["visible"], f"focus went to an invisible element: {info}"
        assert info["outline"] or info["shadow"], f"no visible focus indicator on {info}"
        stops.append(info)
    return stops


class SharedConnectionServer:
    """A live server that answers one request at a time on the running test's own database
    connection, so the browser sees what the test made inside its transaction, and the test's
    rollback removes whatever the browser did (no table flush, no rebuilding the shared site).

    Each request runs as if it were committed: the on-commit callbacks it registers (e-mails,
    tasks) run when it ends, as they would in production.
    """

    def __init__(self):
        from django.core.servers.basehttp import WSGIServer
        from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler, _StaticFilesHandler

        holder = self

        class Server(WSGIServer):
            def set_app(self, application):
                super().set_app(holder._committing(application))

        class Thread(LiveServerThread):
            def _create_server(self, connections_override=None):
                return Server((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)

        self.connection = None
        self.axe_served = 0  # requests for AXE_PATH answered
        self._lock = threading.Lock()

        self.thread = Thread("127.0.0.1", _StaticFilesHandler, port=0)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://127.0.0.1:{self.thread.port}"
        AXE_ORIGINS.add(self.url)

    def _committing(self, application):
        from django.db import DEFAULT_DB_ALIAS, connections
        from django.test import TestCase

        def app(environ, start_response):
            if environ.get("PATH_INFO") == AXE_PATH:  # a static file: no database, no lock
                self.axe_served += 1
                start_response(
                    "200 OK",
                    [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "max-age=3600")],
                )
                return [axe_source().encode()]
            # One request at a time, and never after release(): a late request (a tab closing,
            # a preview refreshing) would otherwise run Django's request signals on a
            # connection the next test is using, and close it.
            with self._lock:
                if self.connection is None:
                    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                    return [b"No test is being served."]
                connections[DEFAULT_DB_ALIAS] = self.connection
                try:
                    with TestCase.captureOnCommitCallbacks(using=DEFAULT_DB_ALIAS, execute=True):
                        response = application(environ, start_response)
                        try:
                            return list(response)
                        finally:
                            response.close()
                finally:
                    del connections[DEFAULT_DB_ALIAS]  # this thread's own connection again

        return app

    def serve(self, connection):
        """Serve the next requests on `connection` (the test thread's), which must stay open:
        like Django's test client, requests then leave connections alone."""
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        with self._lock:
            request_started.disconnect(close_old_connections)
            request_finished.disconnect(close_old_connections)
            connection.inc_thread_sharing()
            self.connection = connection

    def release(self):
        """Stop serving the test's connection; waits for a request in progress."""
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        with self._lock:
            self.connection.dec_thread_sharing()
            self.connection = None
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    def stop(self):
        AXE_ORIGINS.discard(self.url)
        self.thread.terminate()
        self.thread.join()
