"""`sodsong demo` for the watch part: a few Thai example reports made through the intake engine.

Each example is a conversation replayed through `handle` exactly as a citizen would type it, so
the demo also shows the engine works. Examples are marked (`is_example`, text says ตัวอย่าง) and
loaded once: a second run finds them and adds nothing. Other watch demo modules (case work in
every status) hook in through `EXTRA_MODULES`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.urls import reverse

__all__ = ["EXAMPLES", "EXTRA_MODULES", "load"]

#: Further demo loaders of the watch part, called after the intake examples when present.
EXTRA_MODULES = ("sodsong.watch.demo_cases", "sodsong.watch.publication.demo")


@dataclass(frozen=True)
class Example:
    channel: str
    user: str  # a made-up citizen; LINE ones are keyed-hashed like real LINE ids
    steps: tuple[str | tuple[str, str], ...]  # text, ("press", value), ("photo", colour name)


EXAMPLES: tuple[Example, ...] = (
    Example(
        "line",
        "demo-line-citizen-1",
        (
            ("press", "cmd:report"),
            ("press", "cat:extortion"),
            "สำนักงานที่ดินจังหวัดเชียงใหม่ สาขาแม่ริม",
            "อ.แม่ริม จ.เชียงใหม่",
            "(ตัวอย่าง) เจ้าหน้าที่บอกว่าถ้าอยากได้โฉนดเร็วต้องจ่ายค่าดำเนินการพิเศษ 5,000 บาท "
            "ไม่มีใบเสร็จ จ่ายเป็นเงินสดที่โต๊ะด้านหลัง",
            "เมื่อ 3 วันก่อน",
            "5,000 บาท",
            ("press", "cmd:skip"),
            ("photo", "orange"),
            ("press", "cmd:done"),
            ("press", "consent:yes"),
            ("press", "consent:yes"),
            ("press", "cmd:skip"),
        ),
    ),
    Example(
        "web",
        "demo-web-citizen-1",
        (
            ("press", "cmd:report"),
            ("press", "cat:bid_rigging"),
            "องค์การบริหารส่วนตำบลหนองบัว",
            "อ.เมือง จ.ขอนแก่น",
            "(ตัวอย่าง) ถนนคอนกรีตหมู่ 5 เพิ่งสร้างเสร็จได้ 2 เดือนก็แตกร้าวทั้งสาย ผู้รับเหมาเป็นญาติของนายก อบต. "
            "และชนะการประกวดราคาทุกโครงการในตำบล",
            "เดือนที่แล้ว",
            "2 ล้าน",
            "67019123456",
            ("photo", "grey"),
            ("photo", "brown"),
            ("press", "cmd:done"),
            ("press", "consent:yes"),
            ("press", "consent:no"),
            ("press", "cmd:skip"),
        ),
    ),
    Example(
        "line",
        "demo-line-citizen-2",
        (
            ("press", "cmd:report"),
            ("press", "cat:favouritism"),
            "โรงเรียนมัธยมประจำเขต",
            "เขตบางกะปิ กรุงเทพมหานคร",
            "(ตัวอย่าง) ลูกสอบเข้าได้ลำดับที่ 12 แต่ไม่มีชื่อ ขณะที่ลูกของคนรู้จักผู้อำนวยการได้เข้าเรียน "
            "มีการเรียกเงินบำรุงการศึกษา 30,000 บาท",
            "มีนาคม",
            "3 หมื่น",
            ("press", "cmd:skip"),
            ("press", "cmd:done"),
            ("press", "consent:no"),
            ("press", "consent:yes"),
            "ติดต่อกลับทางไลน์นี้ได้",
        ),
    ),
)

_COLOURS = {"orange": (230, 120, 30), "grey": (128, 128, 128), "brown": (120, 80, 40)}


def _photo(colour: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), _COLOURS.get(colour, (90, 90, 90)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 300, 220), outline=(255, 255, 255), width=4)
    draw.text((40, 110), "EXAMPLE / DEMO", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _user_key(example: Example) -> str:
    if example.channel != "line":
        return example.user
    from sodsong.privacy.crypto import keyed_hash

    return keyed_hash(example.user, "line-user")


def _run(example: Example) -> str | None:
    """Replay one example; the code of its case, or None when it was loaded before."""
    from sodsong.watch.conversation.engine import handle
    from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, Upload
    from sodsong.watch.models import Conversation, Report

    key = ConversationKey(example.channel, _user_key(example))
    done = Conversation.objects.filter(channel=key.channel, user_key=key.user_key).values_list(
        "data", flat=True
    )
    if any(isinstance(data, dict) and data.get("demo_code") for data in done):
        return None
    code = ""
    for number, step in enumerate(example.steps):
        if isinstance(step, str):
            inbound = Inbound(InboundKind.TEXT, text=step)
        elif step[0] == "press":
            inbound = Inbound(InboundKind.POSTBACK, data=step[1])
        else:
            inbound = Inbound(
                InboundKind.UPLOAD,
                upload=Upload(_photo(step[1]), f"photo-{number}.jpg"),
                message_id=f"demo{number}",
            )
        for reply in handle(key, inbound):
            code = reply.case_code or code
        conversation = Conversation.objects.get(channel=key.channel, user_key=key.user_key)
        if conversation.report_id:
            Report.objects.filter(pk=conversation.report_id).update(is_example=True)
    if not code:
        raise RuntimeError(f"demo example {example.user} did not finish")
    Report.objects.filter(code=code).update(is_example=True)
    conversation = Conversation.objects.get(channel=key.channel, user_key=key.user_key)
    conversation.data = {**conversation.data, "demo_code": code}
    conversation.save(update_fields=["data"])
    return code


def load(console: Any) -> None:
    """Seed the intake examples (idempotent), run the other watch demo loaders, show the simulator."""
    made = [code for code in (_run(example) for example in EXAMPLES) if code]
    if made:
        console.print(
            f"watch: {len(made)} example report(s) made through the intake engine: {', '.join(made)}"
        )
    else:
        console.print("watch: example reports already loaded")
    for name in EXTRA_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.load(console)
    console.print(f"watch: report form at {reverse('watch:report')}, tracking at {reverse('watch:track')}")
    console.print(f"watch: staff chat simulator at {reverse('watch:simulator')} (staff sign-in)")
