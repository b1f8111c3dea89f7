"""QR codes for the feedback poster, drawn by segno: inline SVG for the page, PNG to download."""

import functools
import io

import segno


def _code(url):
    return segno.make(url, error="m")


@functools.lru_cache(maxsize=512)
def svg(url):
    """An SVG that scales with CSS (viewBox, no fixed size), one unit per module (str).

    Kept per address (the 512 most recent, a few kB each): the event page shows its feedback QR
    code on every view, and drawing one (segno tries all eight masks) takes about 8 ms of CPU."""
    buffer = io.BytesIO()
    _code(url).save(
        buffer, kind="svg", scale=1, border=4, xmldecl=False, omitsize=True, svgclass="qr-code", light="#fff"
    )
    return buffer.getvalue().decode("utf-8")


@functools.lru_cache(maxsize=128)
def png(url, scale=10):
    """The PNG to download (bytes, under 1 kB), `scale` pixels a module; kept like `svg` (12 ms)."""
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
