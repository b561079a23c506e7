"""Thai PDFs (referral letters, half-year reports) with the Sarabun font embedded.

fpdf2 shapes Thai text with HarfBuzz (`uharfbuzz`), so vowels and tone marks sit where they
belong; the font is subset and embedded, so the PDF reads the same on any machine.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

__all__ = ["FONT_DIR", "ThaiPDF"]


class _EmptyCode(int):
    """A code point fpdf2 writes into the ToUnicode map as nothing (`<0B> <>`)."""

    def __format__(self, spec: str) -> str:
        return ""


_MAPS_TO_NOTHING = _EmptyCode(0)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "Sarabun"


class ThaiPDF(FPDF):
    """An A4 document in Sarabun with helpers for the few shapes our documents need."""

    def __init__(self, title: str = "", *, author: str = "Sodsong") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FAMILY, "", str(FONT_DIR / "Sarabun-Regular.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
        self.set_text_shaping(True)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(title)
        self.set_author(author)
        self.set_creator("Sodsong")
        self.set_lang("th")
        self.set_font(FAMILY, size=12)

    def heading(self, text: str, level: int = 1) -> None:
        """A bold heading; level 1 is the largest."""
        size = {1: 18, 2: 15, 3: 13}.get(level, 12)
        self.ln(2 if level > 1 else 0)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 12)
        self.ln(1)

    def paragraph(self, text: str, *, size: int = 12) -> None:
        """Wrapped body text (Thai lines break between words, as HarfBuzz and fpdf2 allow)."""
        self.set_font(FAMILY, "", size)
        self.multi_cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def key_values(self, rows: list[tuple[str, str]], *, key_width: float = 55) -> None:
        """Label–value lines, e.g. the facts of a referral."""
        for key, value in rows:
            self.set_font(FAMILY, "B", 11)
            y = self.get_y()
            self.multi_cell(key_width, 6, key, new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.set_font(FAMILY, "", 11)
            self.multi_cell(0, 6, value or "-", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_y(max(self.get_y(), y + 6))
        self.ln(1)

    def simple_table(
        self, header: list[str], rows: list[list[str]], widths: list[float] | None = None
    ) -> None:
        """A bordered table; numbers should be passed already formatted (e.g. `format_baht`)."""
        self.set_font(FAMILY, "", 10)
        with self.table(col_widths=widths, text_align="LEFT", line_height=6) as table:
            heading = table.row()
            for cell in header:
                heading.cell(cell)
            for values in rows:
                row = table.row()
                for cell in values:
                    row.cell(cell)
        self.set_font(FAMILY, "", 12)
        self.ln(2)

    def svg(self, svg_text: str, *, width: float = 0) -> None:
        """Embed a server-rendered SVG chart (vector, not a bitmap)."""
        info = self.image(io.BytesIO(svg_text.encode()), x=self.l_margin, w=width or self.epw)
        self.set_xy(self.l_margin, self.get_y() + 2)
        del info

    def to_bytes(self) -> bytes:
        """The finished PDF. Call once, when the document is complete."""
        self._map_decomposed_glyphs()
        return bytes(self.output())

    def _map_decomposed_glyphs(self) -> None:
        """Keep copied and extracted Thai text exact.

        HarfBuzz draws SARA AM (ำ) as two glyphs, NIKHAHIT + SARA AA; fpdf2 maps the first to
        "ำ" and leaves the second unmapped, so readers extract a stray control character after
        every ำ. Mapping the second glyph to the empty string makes `จำนวน` extract as `จำนวน`.
        """
        for font in self.fonts.values():
            subset = getattr(font, "subset", None)
            if subset is None:
                continue
            for glyph, _code in list(subset.items()):
                if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode:
                    object.__setattr__(glyph, "unicode", (_MAPS_TO_NOTHING,))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 9)
        self.cell(0, 6, f"{self.page_no()}/{{nb}}", align="C")
        self.set_font(FAMILY, "", 12)
