"""`page_url` gives the same address as `{% url %}` (reverse) for every kind of id."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

IDS = ["th-dbd-0105555000001", "th-name-บริษัท ก ข จำกัด", "a b%20c", "x:y@z~", "ocds-abc-123", "<q>&'\""]


@pytest.mark.parametrize("kind", ["project", "agency", "company"])
@pytest.mark.parametrize("key", IDS)
def test_page_url_is_reverse(kind: str, key: str) -> None:
    url_tag = Template("{% url name key %}").render(Context({"name": f"procurement:{kind}", "key": key}))
    source = '{% load procurement %}{{ key|page_url:"' + kind + '" }}'
    assert Template(source).render(Context({"key": key})) == url_tag
    assert url_tag.startswith(reverse(f"procurement:{kind}", args=["x"])[:-1])
