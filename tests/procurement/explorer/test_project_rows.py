"""The project_rows tags give the bytes of the project page's template loops they replaced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from sodsong.procurement.search.pages import Bidder

HOSTILE = "<b>&'\"ร้าน</b>"

LOOPS: dict[str, tuple[str, str, list[Any]]] = {
    "not_computable": (
        '{% for code, label, why in rows %}<li>{{ label }} <small class="muted">{{ code }} · {% if why == "bids" %}'
        '{% translate "no bid list" %}{% else %}{% translate "missing" %}: {{ why }}{% endif %}</small></li>{% endfor %}',
        "{% not_computable_items rows %}",
        [("TH-A", HOSTILE, "bids"), ("TH-<B>", "ชื่อ", "budget, <date>"), ("TH-C", "x", "")],
    ),
    "checked": (
        '{% for code, label in rows %}<li>{{ label }} <small class="muted">{{ code }}</small></li>{% endfor %}',
        "{% checked_items rows %}",
        [("TH-A", HOSTILE), ("TH-<B>&", "ชื่อ")],
    ),
    "funnel": (
        "{% for label, n in rows %}<li><b>{{ n }}</b> {{ label }}</li>{% endfor %}",
        "{% funnel_items rows %}",
        [("ซื้อเอกสาร", 12345), (HOSTILE, 0), ("x", 2.5)],
    ),
    "bidders": (
        '{% for b in rows %}<tr class="outcome-{{ b.outcome }}">\n'
        '    <td><a href="{{ b.org_id|page_url:"company" }}">{{ b.name }}</a></td>\n'
        '    <td>{% for reached in b.stages_reached %}<span class="step{% if reached %} on{% endif %}" '
        'aria-hidden="true">●</span>{% endfor %} {{ b.stage|stage_label }}</td>\n'
        '    <td>{% if b.outcome == "winner" %}<b>{% translate "Winner" %}</b>{% elif b.outcome == "next_round" %}'
        '{% translate "Next round" %}{% else %}{% translate "Out" %}{% endif %}{% if b.status == "disqualified" %} '
        '<small class="muted">({% translate "disqualified" %})</small>{% endif %}</td>\n'
        '    <td class="num">{{ b.amount|baht }}</td></tr>{% endfor %}',
        "{% bidder_rows rows %}",
        [
            Bidder(
                "th-dbd-1", HOSTILE, "priced", None, Decimal("1234567.5"), "winner", (True, True, True, True)
            ),
            Bidder(
                "th-name-a&b 'c'/d?e",
                "ห้าง",
                "qualified",
                "disqualified",
                None,
                "out",
                (True, True, True, False),
            ),
            Bidder("x", "y", "unknown<stage>", "ok", Decimal("0"), "next_round", (True, False, False, False)),
        ],
    ),
    "items": (
        "{% for group in rows %}\n"
        '<h3>{% if group.item_no %}{% translate "Item" %} {{ group.item_no }}: {% endif %}'
        '{{ group.description|default:"" }} <small class="muted">{% translate "Reference price" %} '
        "{{ group.reference_price|baht }}</small></h3>\n"
        '<div class="table-scroll"><table><thead><tr><th>{% translate "Firm" %}</th><th class="num">'
        '{% translate "Bid" %}</th><th class="num">{% translate "vs winner" %}</th><th class="num">'
        '{% translate "vs reference price" %}</th></tr></thead>\n'
        '<tbody>{% for b in group.bids %}<tr{% if b.winner %} class="outcome-winner"{% endif %}><td><a href="'
        '{{ b.org_id|page_url:"company" }}">{{ b.name }}</a>{% if b.winner %} <b>({% translate "Winner" %})</b>'
        '{% endif %}</td><td class="num">{{ b.amount|baht }}</td><td class="num">{{ b.vs_winner|diff }}</td>'
        '<td class="num">{{ b.vs_reference|diff }}</td></tr>{% endfor %}</tbody></table></div>\n'
        "{% endfor %}",
        "{% item_bid_groups rows %}",
        [
            {
                "item_no": 1,
                "description": HOSTILE,
                "reference_price": Decimal("100000.00"),
                "bids": [
                    {
                        "org_id": "th-dbd-1",
                        "name": HOSTILE,
                        "amount": Decimal("99000"),
                        "winner": True,
                        "vs_winner": 0.0,
                        "vs_reference": -0.01,
                    },
                    {
                        "org_id": "th-name-<x>",
                        "name": None,
                        "amount": 1.5,
                        "winner": False,
                        "vs_winner": None,
                        "vs_reference": 0.123,
                    },
                ],
            },
            {"item_no": None, "description": None, "reference_price": None, "bids": []},
            {
                "item_no": "2<b>",
                "description": "",
                "reference_price": 0,
                "bids": [
                    {
                        "org_id": "z",
                        "name": "z",
                        "amount": None,
                        "winner": False,
                        "vs_winner": -1.0,
                        "vs_reference": None,
                    }
                ],
            },
        ],
    ),
    "awards": (
        '{% for a in rows %}<tr><td>{% if a.resolved_id %}<a href="{{ a.resolved_id|page_url:"company" }}">'
        '{{ a.supplier_name }}</a>{% else %}{{ a.winner_name|default:"-" }}{% endif %}</td><td class="num">'
        "{{ a.value_amount|baht }}</td><td>{% if a.winner_id %}{{ a.winner_id }}"
        '{% elif a.winner_id_status == "excel_mangled" %}<span class="muted">{% translate "unusable in the source" %}'
        " ({{ a.winner_id_raw }})</span>{% else %}-{% endif %}</td></tr>{% endfor %}",
        "{% award_rows rows %}",
        [
            {
                "resolved_id": "th-dbd-1&",
                "supplier_name": HOSTILE,
                "value_amount": Decimal("5.5"),
                "winner_id": "0105<556>",
                "winner_id_status": "ok",
            },
            {
                "resolved_id": None,
                "winner_name": HOSTILE,
                "value_amount": None,
                "winner_id": None,
                "winner_id_status": "excel_mangled",
                "winner_id_raw": "1.05E+12<",
            },
            {
                "resolved_id": "",
                "winner_name": None,
                "value_amount": 0,
                "winner_id": "",
                "winner_id_status": None,
            },
            {},
        ],
    ),
    "contracts": (
        '{% for c in rows %}<tr><td>{{ c.contract_no|default:"-" }}</td><td>{{ c.date_signed|thai_date }}</td>'
        '<td>{{ c.period_end|thai_date }}</td><td class="num">{{ c.value_amount|baht }}</td>'
        '<td>{{ c.status_details|default:c.status|default:"-" }}</td></tr>{% endfor %}',
        "{% contract_rows rows %}",
        [
            {
                "contract_no": HOSTILE,
                "date_signed": dt.date(2023, 3, 10),
                "period_end": dt.datetime(2024, 1, 2, 3),
                "value_amount": Decimal("1234.5"),
                "status_details": None,
                "status": "<active>",
            },
            {
                "contract_no": None,
                "date_signed": None,
                "period_end": "",
                "value_amount": None,
                "status_details": "สิ้นสุด",
                "status": "x",
            },
            {"status": None},
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(LOOPS))
@pytest.mark.parametrize("language", ["th", "en"])
def test_tag_gives_the_bytes_of_the_loop(name: str, language: str) -> None:
    loop, tag, rows = LOOPS[name]
    head = "{% load i18n procurement project_rows %}"
    with translation.override(language):
        expected = Template(head + loop).render(Context({"rows": rows}))
        got = Template(head + tag).render(Context({"rows": rows}))
    assert got == expected
    assert "&lt;" in got


FACTS = """    <dt>{% translate "Project number" %}</dt><dd>{{ p.project_no|default:"-" }}</dd>
    <dt>{% translate "Status" %}</dt><dd>{{ p.status_details|default:p.tender_status|default:"-" }}</dd>
    <dt>{% translate "Agency" %}</dt><dd>{% if p.buyer_id %}<a href="{{ p.buyer_id|page_url:"agency" }}">{{ p.buyer_name }}</a>{% else %}{{ p.buyer_name|default:"-" }}{% endif %}
      {% if p.procuring_entity_id and p.procuring_entity_id != p.buyer_id %}<br><a href="{{ p.procuring_entity_id|page_url:"agency" }}">{{ p.procuring_entity_name }}</a>{% endif %}</dd>
    <dt>{% translate "Method" %}</dt><dd>{{ p.method_details|default:"-" }}{% if method_label %} <span class="badge">{{ method_label }}</span>{% endif %}</dd>
    <dt>{% translate "Type" %}</dt><dd>{{ p.category_raw|default:"-" }}{% if category_label %} <span class="badge">{{ category_label }}</span>{% endif %}</dd>
    <dt>{% translate "Fiscal year" %}</dt><dd>{{ p.fiscal_year|default:"-" }}</dd>
    <dt>{% translate "Announced" %}</dt><dd>{{ p.date_published|thai_date }}</dd>
    {% if p.tender_period_end %}<dt>{% translate "Bids due" %}</dt><dd>{{ p.tender_period_end|thai_date }}</dd>{% endif %}
    <dt>{% translate "Location" %}</dt><dd>{{ province|default:"-" }}{% if p.district %} · {{ p.district }}{% endif %}{% if p.subdistrict %} · {{ p.subdistrict }}{% endif %}
      {% if p.latitude is not None %}<br><span class="muted">{{ p.latitude }}, {{ p.longitude }}</span>{% endif %}</dd>"""

PROCESSES: list[dict[str, Any]] = [
    {
        "project_no": HOSTILE, "status_details": None, "tender_status": "<active>", "buyer_id": "th-agency-1&2",
        "buyer_name": HOSTILE, "procuring_entity_id": "th-agency-3", "procuring_entity_name": "กอง <x>",
        "method_details": "e-bidding", "category_raw": None, "fiscal_year": 2567,
        "date_published": dt.date(2023, 10, 2), "tender_period_end": dt.datetime(2023, 11, 1, 10, 30),
        "district": "เมือง", "subdistrict": "<ต>", "latitude": 13.7563, "longitude": 100.5018,
    },
    {
        "project_no": None, "status_details": "สิ้นสุดสัญญา", "tender_status": None, "buyer_id": None,
        "buyer_name": None, "procuring_entity_id": None, "procuring_entity_name": None, "method_details": "",
        "category_raw": "ซื้อ", "fiscal_year": None, "date_published": None, "tender_period_end": None,
        "district": None, "subdistrict": "", "latitude": None, "longitude": None,
    },
    {
        "project_no": "67019", "status_details": "", "tender_status": "", "buyer_id": "th-agency-1",
        "buyer_name": "อบต.", "procuring_entity_id": "th-agency-1", "procuring_entity_name": "same",
        "method_details": None, "category_raw": "", "fiscal_year": "2566", "date_published": "",
        "tender_period_end": "", "district": "", "subdistrict": None, "latitude": 0.0, "longitude": -1.5,
    },
    {"buyer_name": "x", "status_details": None, "tender_status": None},  # keys missing: as the template
]  # fmt: skip


@pytest.mark.parametrize("n", range(len(PROCESSES)))
@pytest.mark.parametrize("language", ["th", "en"])
def test_project_facts_give_the_bytes_of_the_template(n: int, language: str) -> None:
    head = "{% load i18n procurement project_rows %}"
    tag = "    {% project_facts p province method_label category_label %}"
    for province, method, category in (
        (HOSTILE, "วิธีเฉพาะเจาะจง", None),
        (None, None, "<งานจ้าง>"),
        ("", "", ""),
    ):
        context = {
            "p": PROCESSES[n],
            "province": province,
            "method_label": method,
            "category_label": category,
        }
        with translation.override(language):
            expected = Template(head + FACTS).render(Context(context))
            got = Template(head + tag).render(Context(context))
        assert got == expected
