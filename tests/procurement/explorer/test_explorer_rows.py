"""The explorer_rows tags give the bytes of the template loops they replaced (agency, company)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

HOSTILE = "<b>&'\"ร้าน</b>"


@dataclass
class Unit:
    org_id: str
    name: Any
    projects: Any


LOOPS: dict[str, tuple[str, str, list[Any]]] = {
    "contractors": (
        '{% for c in rows %}<tr><td><a href="{{ c.org_id|page_url:"company" }}">{{ c.name }}</a></td>'
        '<td class="num">{{ c.projects|number }}</td><td class="num">{{ c.value|baht:0 }}</td>'
        '<td class="num">{{ c.share|percent }}</td></tr>{% endfor %}',
        '{% share_rows rows "company" %}',
        [
            {
                "org_id": "th-dbd-0105556526019",
                "name": "บริษัท ก จำกัด",
                "projects": 12345,
                "value": 1234567.5,
                "share": 0.4567,
            },
            {"org_id": "th-name-a&b 'c'/d?e", "name": HOSTILE, "projects": 0, "value": None, "share": None},
            {"org_id": "x", "name": None, "projects": None, "value": 0.0, "share": 1.0},
        ],
    ),
    "agencies": (
        '{% for a in rows %}<tr><td><a href="{{ a.org_id|page_url:"agency" }}">{{ a.name }}</a></td>'
        '<td class="num">{{ a.projects|number }}</td><td class="num">{{ a.value|baht:0 }}</td>'
        '<td class="num">{{ a.share|percent }}</td></tr>{% endfor %}',
        '{% share_rows rows "agency" %}',
        [
            {"org_id": "th-agency-1&2", "name": HOSTILE, "projects": 3, "value": 99.5, "share": 0.5},
            {"org_id": "th-agency-3", "name": "อบต.", "projects": 1, "value": 10, "share": 0.0004},
        ],
    ),
    "years": (
        '{% for y in rows %}<tr><td>{{ y.fiscal_year }}</td><td class="num">{{ y.projects|number }}</td>'
        '<td class="num">{{ y.budget|baht:0 }}</td><td class="num">{{ y.contract_value|baht:0 }}</td>'
        '<td class="num">{{ y.non_open|number }}</td><td class="num">{{ y.flagged|number }}</td></tr>{% endfor %}',
        "{% agency_year_rows rows %}",
        [
            {
                "fiscal_year": 2567,
                "projects": 1234,
                "budget": 1e9,
                "contract_value": None,
                "non_open": 0,
                "flagged": 7,
            },
            {
                "fiscal_year": "2566",
                "projects": 0,
                "budget": 0.5,
                "contract_value": 2.5,
                "non_open": None,
                "flagged": 1,
            },
        ],
    ),
    "children": (
        '{% for ch in rows %}<li><a href="{{ ch.org_id|page_url:"agency" }}">{{ ch.name }}</a> '
        '<span class="muted">{{ ch.projects|number }} {% translate "projects" %}</span></li>{% endfor %}',
        "{% agency_children rows %}",
        [Unit("th-agency-9", HOSTILE, 12000), Unit("th-agency-<1>", "กอง", None)],
    ),
    "directors": (
        '{% for d in rows %}<tr{% if d.end_date %} class="muted"{% endif %}><td>{{ d.person_name }}</td>'
        '<td>{{ d.role|default:"-" }}</td><td>{{ d.start_date|thai_date }}</td><td>{% if d.end_date %}'
        '{{ d.end_date|thai_date }}{% else %}{% translate "current" %}{% endif %}</td></tr>{% endfor %}',
        "{% director_rows rows %}",
        [
            {"person_name": HOSTILE, "role": "กรรมการ", "start_date": dt.date(2019, 3, 10), "end_date": None},
            {"person_name": "นาย ข", "role": None, "start_date": None, "end_date": dt.date(2021, 1, 2)},
            {"person_name": None, "role": "", "start_date": dt.datetime(2020, 5, 6, 7, 8), "end_date": ""},
        ],
    ),
    "cobidders": (
        '{% for c in rows %}<tr><td><a href="{{ c.org_id|page_url:"company" }}">{{ c.name }}</a></td>'
        '<td class="num">{{ c.together }}</td><td class="num">{{ c.org_wins }}</td>'
        '<td class="num">{{ c.other_wins }}</td></tr>{% endfor %}',
        "{% cobidder_rows rows %}",
        [
            {"org_id": "th-dbd-1", "name": HOSTILE, "together": 12345, "org_wins": 0, "other_wins": 3},
            {"org_id": "th-name-x y", "name": "ห้าง", "together": None, "org_wins": 2.5, "other_wins": True},
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(LOOPS))
@pytest.mark.parametrize("language", ["th", "en"])
def test_tag_gives_the_bytes_of_the_loop(name: str, language: str) -> None:
    loop, tag, rows = LOOPS[name]
    head = "{% load i18n procurement explorer_rows %}"
    with translation.override(language):
        expected = Template(head + loop).render(Context({"rows": rows}))
        got = Template(head + tag).render(Context({"rows": rows}))
    assert got == expected
    assert "&lt;b&gt;" in got or name == "years"
