"""Google Lighthouse on one page of each type (issue 17: accessibility, best practices and SEO at 100).

`page_types(rendered)` picks, from the page set (`tests/page_set.py`), one address per type and
language: a type is the page model of the nearest live page plus what the address adds to it
(a routable sub-page such as `upcoming/` or `apply/`, with numbers and secret tokens as
placeholders) and whether it carries a query (a filter form's error state). Lighthouse loads
addresses itself and refuses to audit one that answers 404 ("unable to reliably load the page"),
so only GET pages answering 200 are included; the POST error states and the 404 pages are checked
by the other page-set tests (Nu HTML Checker, landmarks, reflow) and axe.

`run(base_url, paths, form_factor)` runs `tests/js/lighthouse_scores.mjs` (npm `lighthouse`,
`npm ci --prefix tests/js`) in one Chromium, as a phone ("mobile", Lighthouse's default) or a
"desktop" browser, and returns its results: [{"url", "formFactor", "scores": {category: 0–100},
"failing": [{"id", "category", "title", "items"}]}].
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from wagtail.models import Page

JS = Path(__file__).resolve().parent / "js"
SCRIPT = JS / "lighthouse_scores.mjs"
LIGHTHOUSE = JS / "node_modules" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
_TOKEN = re.compile(r"[0-9a-f-]{20,}|[A-Za-z0-9_-]{30,}")


def available():
    """Whether Node and the npm `lighthouse` package are installed."""
    return shutil.which("node") is not None and LIGHTHOUSE.is_dir()


def page_types(rendered, languages=("fi", "sv", "en")):
    """[path] of one GET page of `rendered` ([page_set.Rendered]) per type and language, in the
    order the page set found them."""
    page_urls = {
        page.url: type(page).__name__ for page in Page.objects.live().public().specific() if page.url
    }
    chosen = {}
    for page in rendered:
        language = page.path.split("/")[1]
        if page.method != "get" or page.status != 200 or language not in languages:
            continue
        path, _, query = page.path.partition("?")
        owner = max((url for url in page_urls if path.startswith(url)), key=len, default=f"/{language}/")
        # The home page owns only itself; views under /<lang>/ that are no page's are their own type.
        model = page_urls.get(owner, "") if owner != f"/{language}/" or path == owner else ""
        rest = re.sub(r"\d+", "N", _TOKEN.sub("T", path[len(owner) :]))
        chosen.setdefault((model, rest, bool(query), language), page.path)
    return list(chosen.values())


def run(base_url, paths, form_factor="mobile", seconds_a_page=120):
    """Lighthouse's results for `base_url + path` of each path (see the module's docstring);
    RuntimeError if the runner fails, subprocess.TimeoutExpired after `seconds_a_page` a path."""
    result = subprocess.run(
        ["node", str(SCRIPT), *(base_url + path for path in paths)],
        cwd=JS,
        env={**os.environ, "LIGHTHOUSE_FORM_FACTOR": form_factor},
        stdout=subprocess.PIPE,  # progress ("100 100 100 <url>" a page) goes to stderr as it runs
        text=True,
        timeout=seconds_a_page * len(paths),
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse_scores.mjs failed ({result.returncode}), see its output above")
    return json.loads(result.stdout)


def report(results):
    """A table of the scores, one line per address, then each failing audit with its elements."""
    lines = []
    for result in results:
        scores = " ".join(f"{result['scores'][category]:>3}" for category in CATEGORIES)
        lines.append(f"{scores}  {result['formFactor']:<7} {result['url']}")
        for audit in result["failing"]:
            lines.append(f"        {audit['category']}: {audit['id']}: {audit['title']}")
            lines.extend(f"            {item}" for item in audit["items"])
    return "\n".join(lines)
