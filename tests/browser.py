"""Playwright helpers: Debian's Chromium, axe-core from the axe-playwright-python package, and
a keyboard walk that checks every stop shows a visible focus indicator."""

from importlib import resources

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


def axe_source():
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page):
    """Run axe-core in the page; return its WCAG 2.1 A/AA violations (a list of dicts)."""
    # evaluate() is not subject to the page's Content-Security-Policy, unlike a <script> tag.
    page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


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
