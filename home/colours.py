"""Colours as WCAG 2.1 sees them: relative luminance, contrast ratio and the brand palette.

A colour is a CSS hex string, `#rgb` or `#rrggbb`. The formulas are WCAG 2.1's definitions of
*relative luminance* and *contrast ratio* (success criteria 1.4.3 and 1.4.11).
"""

import re

COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$|^#[0-9a-fA-F]{3}$")
WHITE = "#ffffff"
BLACK = "#000000"
TEXT_CONTRAST = 4.5  # WCAG 2.1 SC 1.4.3, normal-size text (level AA)
UI_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11, user-interface components against what is next to them


def _channels(colour):
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]


def _hex(channels):
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in channels)


def luminance(colour):
    """Relative luminance of `colour`, 0 (black) … 1 (white)."""
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in _channels(colour))
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    """WCAG contrast ratio of two colours, 1 … 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(colour):
    """`#ffffff` when white text reaches 4.5:1 on `colour`, else `#000000`.

    One of the two always does: white falls short only on colours lighter than relative
    luminance 0.183, where black reaches more than 4.6:1."""
    return WHITE if contrast_ratio(colour, WHITE) >= TEXT_CONTRAST else BLACK


def is_brand_colour(colour):
    """Whether `colour` can be the brand colour: a #rgb/#rrggbb colour that stands out from the
    white page by 3:1 (the header, buttons and current items are components, WCAG 2.1 SC
    1.4.11). Text on it is then white or black (`text_on`), which reaches 4.5:1."""
    return bool(COLOUR_RE.match(colour or "")) and contrast_ratio(colour, WHITE) >= UI_CONTRAST


def mix(colour, other, share):
    """`colour` with `share` (0 … 1) of `other` mixed in, channel by channel, as #rrggbb."""
    return _hex(a + (b - a) * share for a, b in zip(_channels(colour), _channels(other), strict=True))


def brand_palette(colour):
    """The CSS custom properties that follow a brand colour, as {name: #rrggbb}.

    `--c-brand` is the header, button and current-item background and `--c-on-brand` the text
    on it (white or black, whichever reaches 4.5:1); `--c-brand-dark` is the navigation bar and
    hover shade, a quarter further from the text colour, so its contrast only grows; `--c-link`
    is the brand colour when it reaches 4.5:1 on the white page, else the default link blue.
    Raises ValueError when `colour` is not a brand colour (`is_brand_colour`).
    """
    if not is_brand_colour(colour):
        raise ValueError(colour)
    on = text_on(colour)
    shade = mix(colour, BLACK if on == WHITE else WHITE, 0.25)
    return {
        "--c-brand": mix(colour, colour, 0),
        "--c-brand-dark": shade,
        "--c-on-brand": on,
        "--c-link": mix(colour, colour, 0) if on == WHITE else DEFAULT_LINK,
    }


DEFAULT_BRAND = "#0b3d91"
DEFAULT_LINK = "#0b3d91"
