"""Every coalition page renders for staff, in Thai and English, under the site's strict CSP."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from sodsong.coalition.models import Organisation

from .scene import build_scene

pytestmark = pytest.mark.django_db


def staff_pages(scene) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse("coalition:staff"),
        reverse("coalition:activities"),
        reverse("coalition:activities") + "?period=2566H1&strategy=4",
        reverse("coalition:activity_new"),
        reverse("coalition:activity", args=[scene.other_public.pk]),
        reverse("coalition:activity_edit", args=[scene.other_public.pk]),
        reverse("coalition:partners"),
        reverse("coalition:partners") + "?period=2566H1&sector=academic",
        reverse("coalition:partner", args=[scene.other_org.pk]),
        reverse("coalition:partner_new"),
        reverse("coalition:partner_edit", args=[scene.other_org.pk]),
        reverse("coalition:people"),
        reverse("coalition:person", args=[scene.own_person.pk]),
        reverse("coalition:person_edit", args=[scene.own_person.pk]),
        reverse("coalition:merges"),
        reverse("coalition:outcomes"),
        reverse("coalition:outcome_new"),
        reverse("coalition:outcome", args=[scene.other_outcome.pk]),
        reverse("coalition:outcome_edit", args=[scene.other_outcome.pk]),
        reverse("coalition:indicators"),
        reverse("coalition:indicator", args=[scene.indicator.pk]),
        reverse("coalition:indicator_new"),
        reverse("coalition:frame"),
        reverse("coalition:strategy_edit", args=[scene.strategy.pk]),
        reverse("coalition:issue_area_edit", args=[scene.issue_area.pk]),
        reverse("coalition:accounts"),
        reverse("coalition:imports"),
        reverse("coalition:dashboard") + "?period=2566H1",
        reverse("coalition:explain", args=["people"]) + "?period=2566H1",
        reverse("coalition:explain", args=["watch_line_users"]) + "?period=2566H1",
        reverse("coalition:report", args=["2566H1"]),
    ]


def assert_clean_html(html: str) -> None:
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert not re.search(r"<style\b", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_staff_page_renders(staff_client: Client, language: str) -> None:
    scene = build_scene()
    for url in staff_pages(scene):
        sep = "&" if "?" in url else "?"
        response = staff_client.get(f"{url}{sep}lang={language}")
        assert response.status_code == 200, url
        assert_clean_html(response.content.decode())


def test_public_pages_show_only_public_records(client: Client, staff_user: User) -> None:
    scene = build_scene()
    html = client.get(reverse("coalition:public_activities")).content.decode()
    assert scene.other_public.title in html
    assert scene.other_private.title not in html
    assert client.get(reverse("coalition:public_activity", args=[scene.other_private.pk])).status_code == 404
    assert client.get(reverse("coalition:public_outcome", args=[scene.other_outcome.pk])).status_code == 404
    partner_page = client.get(reverse("coalition:public_partner", args=[scene.other_org.pk])).content.decode()
    assert "secret@example.org" not in partner_page and scene.other_private.title not in partner_page
    for name in ("index", "public_partners", "public_activities", "public_outcomes", "public_reports"):
        response = client.get(reverse(f"coalition:{name}"))
        assert response.status_code == 200
        assert_clean_html(response.content.decode())
    Organisation.objects.filter(pk=scene.other_org.pk).update(is_public=False)
    assert client.get(reverse("coalition:public_partner", args=[scene.other_org.pk])).status_code == 404
