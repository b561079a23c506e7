"""Every staff URL of the watch part × every role, found from the URL patterns themselves.

New staff screens (of any lane) are covered automatically: every URL in the `watch` namespace
under /staff/ must be guarded by `staff_required`, and its roles decide who gets through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sodsong.watch.models import AuditEntry, DataRequest
from sodsong.web.staff import Role

from .conftest import ROLES, Scene, client_for

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class StaffUrl:
    name: str
    route: str
    kwargs: tuple[str, ...]
    roles: tuple[Role, ...] | None  # None: not guarded


def _walk(patterns: list[Any], prefix: str, namespace: str) -> list[tuple[str, URLPattern, str]]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = ":".join(x for x in (namespace, p.namespace or "") if x)
            found += _walk(p.url_patterns, prefix + str(p.pattern).lstrip("^"), inner)
        elif isinstance(p, URLPattern):
            found.append((prefix + str(p.pattern).lstrip("^"), p, namespace))
    return found


def staff_urls() -> list[StaffUrl]:
    urls = []
    for route, pattern, namespace in _walk(get_resolver().url_patterns, "", ""):
        in_watch = namespace == "watch" or namespace.startswith("watch:")
        roles = getattr(pattern.callback, "staff_roles", None)
        if not in_watch or not pattern.name or not (route.startswith("staff/") or roles is not None):
            continue
        kwargs = tuple(pattern.pattern.regex.groupindex)
        urls.append(StaffUrl(f"{namespace}:{pattern.name}", route, kwargs, roles))
    return urls


URLS = staff_urls()


def test_the_matrix_sees_the_case_screens_and_every_one_is_guarded() -> None:
    names = {u.name for u in URLS}
    assert {"watch:staff-inbox", "watch:staff-case", "watch:staff-referral-pdf", "watch:staff-audit"} <= names
    unguarded = [u.route for u in URLS if u.roles is None]
    assert not unguarded, f"staff URLs without staff_required: {unguarded}"


def _kwargs(url: StaffUrl, scene: Scene, *, own: bool = True) -> dict[str, Any]:
    case = scene.case if own else scene.other
    request = DataRequest.objects.get_or_create(
        report=case, case_code=case.code, kind="export", verified_by="code"
    )[0]
    link = case.project_links.get_or_create(process_id="66019999999")[0]
    values: dict[str, Any] = {
        "code": case.code,
        "referral_id": scene.referral.pk,
        "agency_id": scene.agency.pk,
        "request_id": request.pk,
        "link_id": link.pk,
        "evidence_id": case.evidence.values_list("pk", flat=True).first() or 1,
        "which": "original",
    }
    return {name: values.get(name, 1) for name in url.kwargs}


def _allowed(url: StaffUrl, role: Role) -> bool:
    assert url.roles is not None
    return role == Role.ADMIN or not url.roles or role in url.roles


def _hit(client: Client, url: str) -> int:
    status = client.get(url).status_code
    if status == 405:
        status = client.post(url, {}).status_code
    return status


@pytest.mark.parametrize("url", URLS, ids=[u.name for u in URLS])
def test_anonymous_visitors_are_sent_to_sign_in(url: StaffUrl, scene: Scene) -> None:
    target = reverse(url.name, kwargs=_kwargs(url, scene))
    for response in (Client().get(target), Client().post(target, {})):
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("staff:login"))


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
@pytest.mark.parametrize("url", URLS, ids=[u.name for u in URLS])
def test_each_role_reaches_only_its_screens(url: StaffUrl, role: Role, scene: Scene) -> None:
    client = client_for(scene, role)
    target = reverse(url.name, kwargs=_kwargs(url, scene))
    status = _hit(client, target)
    if _allowed(url, role):
        assert status not in (403, 500), f"{role} should reach {url.route}: {status}"
        assert status < 500
    else:
        assert status == 403, f"{role} must not reach {url.route}: {status}"


@pytest.mark.parametrize("url", [u for u in URLS if "code" in u.kwargs and Role.PARTNER in (u.roles or ())])
def test_a_partner_opening_a_case_not_referred_to_it_is_refused_and_logged(
    url: StaffUrl, scene: Scene
) -> None:
    client = client_for(scene, Role.PARTNER)
    target = reverse(url.name, kwargs=_kwargs(url, scene, own=False))
    response = client.get(target)
    assert response.status_code == 403
    assert (
        "ไม่ได้ส่งต่อมายังองค์กรของคุณ" in response.content.decode() or "not referred" in response.content.decode()
    )
    assert AuditEntry.objects.filter(action="case.view", case_code=scene.other.code, refused=True).exists()


def test_the_partner_inbox_lists_only_cases_referred_to_its_agency(scene: Scene) -> None:
    page = client_for(scene, Role.PARTNER).get(reverse("watch:staff-inbox")).content.decode()
    assert scene.case.code in page and scene.other.code not in page
    staff_page = client_for(scene, Role.SCREENER).get(reverse("watch:staff-inbox")).content.decode()
    assert scene.case.code in staff_page and scene.other.code in staff_page


def test_the_partner_never_sees_internal_events_or_the_contact(scene: Scene) -> None:
    scene.case.record("note", note="ความเห็นภายใน ลับ", public=False)
    page = (
        client_for(scene, Role.PARTNER)
        .get(reverse("watch:staff-case", args=[scene.case.code]))
        .content.decode()
    )
    assert "ความเห็นภายใน ลับ" not in page
    assert "081-234-5678" not in page
