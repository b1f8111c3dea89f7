"""QR codes for the feedback poster, drawn by segno as inline SVG."""

import io

import segno


def svg(url, scale=8):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        svgns=True,
        omitsize=False,
        title=None,
        dark="#000",
        light="#fff",
    )
    return buffer.getvalue().decode("utf-8")


def png(url, scale=8):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
