"""'¹'.isdigit() is True but int('¹') raises: public inputs must not turn that into a 500."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["¹", "²³", "๒", "-1", "x"])
def test_odd_page_numbers_on_the_public_case_list_are_not_server_errors(page: str) -> None:
    response = Client().get("/cases/", {"page": page})
    assert response.status_code in (200, 400)
    json_twin = Client().get("/cases/", {"page": page, "format": "json"})
    assert json_twin.status_code in (200, 400)
