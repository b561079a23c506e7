"""Names shown for codes: indicators, procurement methods, categories, bid stages.

Indicator titles come from the indicator registry (`sodsong.procurement.indicators.REGISTRY`)
when it knows the code; `FALLBACK_TITLES` (ACT Ai's exact Thai labels from the spec) covers the
codes it does not know yet. This is the one place that map lives.
"""

from __future__ import annotations

from importlib import import_module

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BID_STAGE_LABELS",
    "CATEGORY_LABELS",
    "DISCLAIMER_TH",
    "FALLBACK_TITLES",
    "METHOD_LABELS",
    "NEEDS_BIDS",
    "indicator_title",
]

# A flag is a risk signal, never an accusation (ACT Ai's wording, shown on every flag).
DISCLAIMER_TH = "เป็นเพียงการระบุความเสี่ยงเท่านั้น ซึ่งไม่ได้หมายความว่ามีการทุจริตเกิดขึ้นแล้ว"

FALLBACK_TITLES: dict[str, tuple[str, str]] = {
    "TH-NEAR-REF": ("เสนอราคาใกล้ราคากลาง", "Bid close to the reference price"),
    "TH-ABOVE-REF": ("เสนอราคาสูงกว่าราคากลาง", "Bid above the reference price"),
    "TH-HIGH": ("เสนอราคาสูง", "High bid compared with similar projects"),
    "TH-CLUSTER": ("เสนอราคาเกาะกลุ่ม", "Clustered bid prices"),
    "TH-EQUAL": ("เสนอราคาเท่ากัน", "Identical bid prices"),
    "TH-ABNORMAL-LOW-REF": ("เสนอราคาต่ำกว่าราคากลางผิดปกติ", "Bid abnormally below the reference price"),
    "TH-ABNORMAL-LOW-PEERS": ("เสนอราคาต่ำกว่าผู้เสนอรายอื่นผิดปกติ", "Bid abnormally below the other bids"),
    "TH-CONTRACT-ABOVE-BID": ("มูลค่าสัญญาสูงกว่าราคาประมูลชนะ", "Contract value above the winning bid"),
    "TH-FEW-BIDDERS": (
        "มีผู้เสนอราคาน้อยกว่า 3 ราย (ไม่เป็นไปตามที่กฎหมายกำหนด)",
        "Fewer than 3 bidders (below what the law requires)",
    ),
    "TH-REF-VS-BUDGET": ("ราคากลางสูง/ต่ำกว่างบประมาณ", "Reference price above or far below the budget"),
    "TH-YEAR-END-SPECIFIC": (
        "โครงการเฉพาะเจาะจงที่จัดซื้อจัดจ้างท้ายปีงบประมาณ",
        "Specific-method purchase at the end of the fiscal year",
    ),
    "TH-SPLITTING": (
        "โครงการเฉพาะเจาะจงที่ส่อหั่นสัญญาแบ่งช่วง หรือหลีกเลี่ยงการประมูล",
        "Specific-method purchases that look split to avoid a tender",
    ),
    "TH-SHARED-DIRECTOR-ADDRESS": ("คู่เทียบมีกรรมการหรือที่อยู่เดียวกัน", "Bidders share a director or an address"),
    "TH-FREQUENT-COBIDDERS": (
        "คู่เทียบเคยมีประวัติการเสนอราคาด้วยกันบ่อยครั้ง",
        "Bidders who often bid together",
    ),
    "TH-BLACKLISTED": ("ผู้เข้าเสนอราคามีประวัติทิ้งงาน", "A bidder is on the abandoned-work blacklist"),
    "TH-CO-POLITICIAN": (
        "กรรมการเป็นหรือเคยเป็นนักการเมืองหรือผู้ยื่นบัญชีทรัพย์สิน",
        "A director is or was a politician or declaring official",
    ),
    "TH-CO-RELATIVE": (
        "กรรมการเป็นญาติของนักการเมืองหรือผู้ยื่นบัญชีทรัพย์สิน",
        "A director is a relative of a politician or declaring official",
    ),
    "TH-CO-ADDRESS": (
        "ที่อยู่บริษัทตรงกับที่อยู่ของนักการเมืองหรือผู้ยื่นบัญชีทรัพย์สิน",
        "The company's address is a politician's or declaring official's",
    ),
    "TH-CO-DONOR": ("บริษัทบริจาคเงินให้พรรคการเมือง", "The company donated to a political party"),
    "TH-NEW-COMPANY": ("บริษัทจดทะเบียนใหม่ได้งาน", "Newly registered company won"),
    "TH-CONCENTRATION": (
        "ผู้ชนะได้งานเป็นสัดส่วนสูงของหน่วยงาน",
        "Winner takes a large share of the agency's spending",
    ),
    "TH-NON-OPEN-SHARE": ("สัดส่วนการจัดซื้อแบบไม่เปิดกว้างสูง", "High share of non-open procedures"),
    "R003": ("ระยะเวลายื่นข้อเสนอสั้น", "Short submission period"),
    "R018": ("เสนอราคาเพียงรายเดียว", "Single bid received"),
    "R024": ("เสนอราคาใกล้เคียงกับผู้ชนะ", "Price close to the winning bid"),
    "R025": ("แพ้การประมูลบ่อยผิดปกติ", "Excessive unsuccessful bids"),
    "R028": ("เสนอราคาเท่ากัน", "Identical bid prices"),
    "R030": ("ยื่นข้อเสนอช้าแต่ได้งาน", "Late bid won"),
    "R035": ("ผู้เสนอราคารายอื่นถูกตัดสิทธิ์ทั้งหมดยกเว้นผู้ชนะ", "All except the winning bid disqualified"),
    "R036": ("ผู้เสนอราคาต่ำสุดถูกตัดสิทธิ์", "Lowest bid disqualified"),
    "R038": ("ตัดสิทธิ์ผู้เสนอราคามากผิดปกติ", "Excessive disqualified bids"),
    "R044": ("ผู้เสนอราคามีความเชื่อมโยงทางธุรกิจ", "Business similarities between suppliers"),
    "R048": ("ผู้ขายสินค้าหลากหลายประเภทผิดปกติ", "Heterogeneous supplier"),
    "R058": ("เสนอราคาต่ำกว่ารายอื่นมากผิดปกติ", "Heavily discounted bid"),
}

# Indicators that can only be computed for a project with a bid list (e-GP open data has none).
NEEDS_BIDS = frozenset(
    {
        "TH-NEAR-REF",
        "TH-ABOVE-REF",
        "TH-CLUSTER",
        "TH-EQUAL",
        "TH-ABNORMAL-LOW-PEERS",
        "TH-FEW-BIDDERS",
        "TH-SHARED-DIRECTOR-ADDRESS",
        "TH-FREQUENT-COBIDDERS",
        "TH-BLACKLISTED",
        "R018",
        "R024",
        "R025",
        "R028",
        "R030",
        "R035",
        "R036",
        "R038",
        "R044",
        "R058",
    }
)

METHOD_LABELS = {
    "open": _("Open (e-bidding, e-market)"),
    "selective": _("Selective"),
    "limited": _("Specific (limited)"),
    "direct": _("Direct"),
}
CATEGORY_LABELS = {"goods": _("Goods"), "works": _("Works"), "services": _("Services")}
BID_STAGE_LABELS = {
    "bought_documents": _("Bought documents"),
    "submitted": _("Submitted a bid"),
    "qualified": _("Qualified"),
    "priced": _("Price opened"),
}


def _registry_title(code: str) -> tuple[str, str] | None:
    try:
        registry = import_module("sodsong.procurement.indicators").REGISTRY
    except (ImportError, AttributeError):
        return None
    if code not in registry:
        return None
    spec = registry.get(code)
    return str(spec.title_th), str(spec.title_en)


def indicator_title(code: str, language: str | None = None) -> str:
    """The Thai (or English) title of an indicator code; the code itself when nobody knows it."""
    titles = _registry_title(code) or FALLBACK_TITLES.get(code)
    if titles is None:
        return code
    language = language or get_language() or "th"
    return titles[0] if language.startswith("th") else titles[1]
