"""Talk to the engine in tests as a citizen would."""

from __future__ import annotations

import io

from PIL import Image

from sodsong.watch.conversation.engine import handle
from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, Reply, Upload


def photo(colour: tuple[int, int, int] = (200, 10, 10)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, format="JPEG")
    return out.getvalue()


class Citizen:
    def __init__(self, user_key: str = "u1", channel: str = "simulator", language: str = "th") -> None:
        self.key = ConversationKey(channel, user_key, language)
        self.last: list[Reply] = []

    def say(self, text: str) -> list[Reply]:
        self.last = handle(self.key, Inbound(InboundKind.TEXT, text=text))
        return self.last

    def press(self, data: str, **params: str) -> list[Reply]:
        self.last = handle(self.key, Inbound(InboundKind.POSTBACK, data=data, params=params))
        return self.last

    def send(self, data: bytes, name: str = "photo.jpg", message_id: str = "") -> list[Reply]:
        inbound = Inbound(InboundKind.UPLOAD, upload=Upload(data, name), message_id=message_id)
        self.last = handle(self.key, inbound)
        return self.last

    def do(self, kind: InboundKind, **fields: object) -> list[Reply]:
        self.last = handle(self.key, Inbound(kind, **fields))  # type: ignore[arg-type]
        return self.last

    @property
    def text(self) -> str:
        return "\n".join(reply.text for reply in self.last)

    def full_report(self) -> str:
        """Walk the whole intake with typical answers; returns the case code."""
        self.say("แจ้งเรื่อง")
        self.press("cat:extortion")
        self.say("สำนักงานที่ดินอำเภอแม่ริม")
        self.say("อ.แม่ริม จ.เชียงใหม่")
        self.say("เจ้าหน้าที่เรียกเงิน 5,000 บาท เพื่อเร่งออกโฉนด")
        self.say("เมื่อวาน")
        self.say("5 พัน")
        self.say("ข้าม")
        self.send(photo())
        self.press("cmd:done")
        self.press("consent:yes")
        self.press("consent:no")
        replies = self.say("081-234-5678")
        codes = [reply.case_code for reply in replies if reply.case_code]
        assert codes, self.text
        return codes[0]
