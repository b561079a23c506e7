"""The LINE rich menu: four buttons under the chat (report, track, safety, website).

The definition is data (`MENU`); the image is drawn here with Pillow in Sarabun (Thai labels, an
English line under each), so no design file has to be kept in sync. `setup` creates the menu,
uploads the image and makes it every user's default, through the SDK against `LINE_API_BASE`.
The buttons send the engine's own commands (`cmd:report`, `cmd:track`, `cmd:help`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from linebot.v3.messaging import (
    PostbackAction,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    URIAction,
)
from PIL import Image, ImageDraw, ImageFont

from sodsong.watch.line import api

__all__ = ["MENU", "Button", "definition", "image", "setup"]

WIDTH, HEIGHT = 2500, 843  # LINE's "compact" full-width size
FONTS = Path(__file__).resolve().parents[2] / "web" / "fonts"


@dataclass(frozen=True)
class Button:
    thai: str
    english: str
    postback: str = ""  # an engine command; or
    website: bool = False  # opens the site
    colour: tuple[int, int, int] = (0, 0, 0)


MENU: tuple[Button, ...] = (
    Button("แจ้งเรื่อง", "Report", postback="cmd:report", colour=(196, 30, 58)),
    Button("ติดตามเรื่อง", "Track my case", postback="cmd:track", colour=(17, 94, 89)),
    Button("ความปลอดภัย", "Your safety", postback="cmd:help", colour=(30, 64, 124)),
    Button("เว็บไซต์", "Website", website=True, colour=(64, 64, 64)),
)


def definition(website: str) -> RichMenuRequest:
    width = WIDTH // len(MENU)
    areas = []
    for number, button in enumerate(MENU):
        bounds = RichMenuBounds(x=number * width, y=0, width=width, height=HEIGHT)
        action = (
            URIAction(label=button.thai, uri=website)
            if button.website
            else PostbackAction(label=button.thai, data=button.postback, displayText=button.thai)
        )
        areas.append(RichMenuArea(bounds=bounds, action=action))
    return RichMenuRequest(
        size=RichMenuSize(width=WIDTH, height=HEIGHT),
        selected=True,
        name="Sodsong",
        chatBarText="เมนู / Menu",
        areas=areas,
    )


def _fitting(draw: ImageDraw.ImageDraw, text: str, room: int) -> ImageFont.FreeTypeFont:
    """Sarabun Bold at the largest size (up to 110 px) at which `text` fits `room` pixels."""
    size = 110
    while True:
        font = ImageFont.truetype(str(FONTS / "Sarabun-Bold.ttf"), size)
        if draw.textlength(text, font=font) <= room or size <= 40:
            return font
        size -= 6


def image() -> bytes:
    """The menu picture as PNG (under LINE's 1 MB limit)."""
    picture = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    regular = ImageFont.truetype(str(FONTS / "Sarabun-Regular.ttf"), 64)
    width = WIDTH // len(MENU)
    for number, button in enumerate(MENU):
        left = number * width
        draw.rectangle((left + 12, 12, left + width - 12, HEIGHT - 12), fill=button.colour)
        centre = left + width // 2
        bold = _fitting(draw, button.thai, width - 110)
        draw.text((centre, HEIGHT // 2 - 40), button.thai, font=bold, fill="white", anchor="mm")
        draw.text((centre, HEIGHT // 2 + 110), button.english, font=regular, fill="white", anchor="mm")
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def setup(website: str) -> str:
    """Create the menu, upload its image, make it the default; returns the rich menu id."""
    with api.messaging_api() as messaging:
        menu_id = str(messaging.create_rich_menu(definition(website)).rich_menu_id)
    with api.blob_api() as blob:
        blob.set_rich_menu_image(menu_id, image(), _headers={"Content-Type": "image/png"})
    with api.messaging_api() as messaging:
        messaging.set_default_rich_menu(menu_id)
    return menu_id
