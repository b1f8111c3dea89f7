"""The demo city's pictures, drawn with Pillow: flat illustrations of Järvelä (lake, hills,
houses, birches, people and one motif per picture) and monogram logos for associations.

`python -m demo.illustrations` (or `manage.py shell -c "import demo.illustrations as i; i.main()"`)
writes them as PNG files into demo/data/images/, where they are committed with their licence
(demo/data/images/LICENSE.md: CC0, made for Kuulu). The loader reads the files
(`file: images/….png` in the YAML), so loading the demo draws nothing.
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).parent / "data" / "images"
WIDTH, HEIGHT = 960, 540

# name: (motif, palette: sky, lake, hills, accent, buildings, seed)
SCENES = {
    "hero-jarvela": ("town", ("#cfe3f6", "#2f6fa8", "#3f7d4e", "#ffd23f", "#f4f1de"), 1),
    "event-resident-evening": ("talk", ("#f6d9b8", "#325d88", "#5b7f3a", "#ffd23f", "#efe6d8"), 2),
    "event-theme-evening": ("talk", ("#e7d3ee", "#41507a", "#6c5a85", "#f2a65a", "#f4f1de"), 3),
    "event-workshop": ("table", ("#d8ecd9", "#2f6f6a", "#1e6b2f", "#ffd23f", "#f4f1de"), 4),
    "event-popup": ("tent", ("#fbe7c6", "#3a7ca5", "#6a994e", "#e76f51", "#f4f1de"), 5),
    "event-picnic": ("picnic", ("#d6f0ff", "#4a90c2", "#5a9e48", "#e63946", "#f4f1de"), 6),
    "event-meetup": ("talk", ("#dfe7fd", "#30475e", "#52796f", "#f4a261", "#efe6d8"), 7),
    "topic-square": ("square", ("#e9f1f7", "#3d5a80", "#7a9e7e", "#ee6c4d", "#e0fbfc"), 8),
    "topic-schools": ("school", ("#fff1d6", "#355070", "#6d9773", "#e56b6f", "#f4f1de"), 9),
    "topic-park": ("picnic", ("#e3f2e1", "#457b9d", "#2a9d8f", "#e9c46a", "#f4f1de"), 10),
    "news-forum": ("talk", ("#f1e3d3", "#264653", "#2a9d8f", "#e9c46a", "#f4f1de"), 11),
    "news-platform": ("screen", ("#dde5f4", "#1d3557", "#457b9d", "#e63946", "#f1faee"), 12),
}
# name: (initials, background, foreground)
LOGOS = {
    "logo-kuoro": ("JK", "#7a1f5c", "#ffffff"),
    "logo-partio": ("JP", "#1e6b2f", "#ffffff"),
    "logo-urheilu": ("KU", "#0b3d91", "#ffd23f"),
    "logo-kyla": ("PK", "#8a4b08", "#ffffff"),
    "logo-mielenterveys": ("JM", "#264653", "#e9c46a"),
}


def _figure(draw, x, ground, height, colour, rng):
    head = height * 0.18
    draw.ellipse((x - head / 2, ground - height, x + head / 2, ground - height + head), fill="#5b4636")
    draw.rounded_rectangle(
        (x - height * 0.16, ground - height + head * 1.05, x + height * 0.16, ground),
        radius=int(height * 0.08),
        fill=colour,
    )


def _birch(draw, x, ground, height, leaves):
    draw.rectangle((x - 5, ground - height, x + 5, ground), fill="#f7f7f2")
    for y in range(int(ground - height), int(ground), 22):
        draw.line((x - 5, y, x + 1, y), fill="#333333", width=3)
    draw.ellipse(
        (x - height * 0.32, ground - height * 1.25, x + height * 0.32, ground - height * 0.45), fill=leaves
    )


def scene(motif, palette, seed):
    sky, lake, hills, accent, buildings = palette
    rng = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    img = Image.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(img)
    draw.ellipse((760, 50, 860, 150), fill="#fff4c2")
    for i in range(3):  # hills
        cx = rng.randrange(WIDTH)
        draw.ellipse((cx - 420, 250 + 20 * i, cx + 420, 640), fill=hills)
    draw.rectangle((0, 330, WIDTH, 400), fill=lake)
    for _ in range(6):
        y = rng.randrange(340, 392)
        x = rng.randrange(WIDTH - 120)
        draw.line((x, y, x + rng.randrange(40, 120), y), fill="#ffffff", width=2)
    draw.rectangle((0, 400, WIDTH, HEIGHT), fill="#a7c957" if motif in ("picnic", "tent") else "#cdd5c4")
    ground = 470
    for _ in range(4):  # houses on the far shore
        x = rng.randrange(40, WIDTH - 140)
        w, h = rng.randrange(60, 110), rng.randrange(40, 80)
        draw.rectangle((x, 330 - h, x + w, 330), fill=buildings, outline="#333333", width=2)
        draw.polygon([(x - 8, 330 - h), (x + w / 2, 330 - h - 35), (x + w + 8, 330 - h)], fill="#a23b2a")
    for x in (60, 180, 880):
        _birch(draw, x + rng.randrange(-20, 20), ground, rng.randrange(140, 200), hills)
    if motif in ("town", "school", "square"):
        x0 = 330
        draw.rectangle((x0, 240, x0 + 300, ground), fill=buildings, outline="#333333", width=3)
        draw.polygon(
            [(x0 - 15, 240), (x0 + 150, 170), (x0 + 315, 240)],
            fill=accent if motif == "school" else "#a23b2a",
        )
        for col in range(4):
            for row in range(2):
                draw.rectangle(
                    (x0 + 25 + col * 70, 270 + row * 70, x0 + 65 + col * 70, 315 + row * 70), fill="#ffe8a3"
                )
        draw.rectangle((x0 + 125, 400, x0 + 175, ground), fill="#5b4636")
        if motif == "square":
            draw.ellipse((120, 430, 300, 500), fill="#9ad1d4", outline="#333333", width=3)
    if motif == "tent":
        draw.polygon([(380, ground), (480, 260), (580, ground)], fill=accent, outline="#333333")
        draw.polygon([(450, ground), (480, 330), (510, ground)], fill="#333333")
    if motif == "table":
        draw.rounded_rectangle((300, 400, 660, 430), radius=8, fill="#8d6e63")
        draw.rectangle((320, 430, 335, ground), fill="#6d4c41")
        draw.rectangle((625, 430, 640, ground), fill="#6d4c41")
        draw.rectangle((400, 385, 470, 400), fill="#ffffff")
    if motif == "picnic":
        draw.polygon([(300, 500), (660, 500), (600, 440), (360, 440)], fill=accent)
        draw.ellipse((460, 445, 510, 470), fill="#8d6e63")
    if motif == "screen":
        draw.rounded_rectangle((340, 200, 620, 390), radius=12, fill="#222222")
        draw.rectangle((355, 215, 605, 375), fill=buildings)
        for row in range(4):
            draw.rectangle((375, 235 + row * 32, 375 + rng.randrange(120, 210), 250 + row * 32), fill=lake)
        draw.rectangle((460, 390, 500, 430), fill="#222222")
    if motif in ("talk", "table", "town", "square", "picnic", "tent", "school"):
        for x in range(250, 720, 85):
            _figure(draw, x + rng.randrange(-15, 15), ground + rng.randrange(0, 40), rng.randrange(90, 130),
                    rng.choice([accent, lake, "#e76f51", "#6a4c93", "#2a9d8f"]), rng)  # fmt: skip
    if motif == "talk":
        for x, y in ((330, 300), (560, 270)):
            draw.rounded_rectangle(
                (x, y - 60, x + 130, y), radius=20, fill="#ffffff", outline="#333333", width=3
            )
            draw.polygon([(x + 30, y), (x + 50, y), (x + 25, y + 25)], fill="#ffffff", outline="#333333")
            for k in range(3):
                draw.ellipse((x + 30 + k * 28, y - 36, x + 44 + k * 28, y - 22), fill=lake)
    return img


def logo(initials, background, foreground, size=320):
    from PIL import ImageFont

    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((8, 8, size - 8, size - 8), fill=background)
    draw.ellipse((28, 28, size - 28, size - 28), outline=foreground, width=6)
    font = ImageFont.load_default(size=size * 0.34)
    draw.text((size / 2, size / 2), initials, fill=foreground, font=font, anchor="mm")
    return img


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (motif, palette, seed) in SCENES.items():
        scene(motif, palette, seed).quantize(colors=64).save(OUT / f"{name}.png", optimize=True)
    for name, (initials, background, foreground) in LOGOS.items():
        logo(initials, background, foreground).save(OUT / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main()
