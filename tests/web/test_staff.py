"""Staff sign-in: password, then TOTP; roles; throttling; first-time authenticator setup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django_otp.oath import TOTP

from sodsong.web.models import LoginAttempt
from sodsong.web.staff import Role, access_denied, assign_roles, has_role, staff_required
from sodsong.web.staff.devices import pending_device
from sodsong.web.staff.testing import current_token, login_staff, make_staff

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/staff/login/", {"username": username, "password": password, "next": "/staff/"})


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/?next=%2Fstaff%2F")


def test_password_then_code_opens_the_staff_home(client: Client, settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own back-off is tested below
    account = make_staff("somchai", Role.SCREENER)
    response = sign_in(client, "somchai")
    assert response.status_code == 302 and response["Location"].startswith("/staff/otp/")
    # A password alone is not enough.
    assert client.get("/staff/")["Location"].startswith("/staff/otp/")
    wrong = client.post(
        "/staff/otp/", {"token": "000000" if current_token(account) != "000000" else "111111"}
    )
    assert wrong.status_code == 401
    response = client.post("/staff/otp/", {"token": current_token(account), "next": "/staff/"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    home = client.get("/staff/")
    assert home.status_code == 200
    assert "screener" in home.content.decode()


def test_a_wrong_code_makes_the_next_try_wait(client: Client) -> None:
    account = make_staff("somchai", Role.SCREENER)
    sign_in(client, "somchai")
    wrong = "000000" if current_token(account) != "000000" else "111111"
    assert client.post("/staff/otp/", {"token": wrong}).status_code == 401
    # django-otp throttles the device: even the right code is refused straight after a wrong one.
    assert client.post("/staff/otp/", {"token": current_token(account)}).status_code == 401


def test_thai_digits_are_accepted_in_the_code(client: Client) -> None:
    account = make_staff("malee", Role.EDITOR)
    sign_in(client, "malee")
    thai = current_token(account).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert client.post("/staff/otp/", {"token": thai, "next": "/staff/"}).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_wrong_password_and_accounts_without_a_role_are_refused(client: Client) -> None:
    make_staff("somchai", Role.SCREENER)
    assert sign_in(client, "somchai", "nope").status_code == 401
    get_user_model().objects.create_user("citizen", password=PASSWORD)
    assert sign_in(client, "citizen").status_code == 401
    assert LoginAttempt.objects.filter(succeeded=False).count() == 2


def test_repeated_failures_lock_the_account_even_with_the_right_password(client: Client) -> None:
    make_staff("somchai", Role.SCREENER)
    for _ in range(5):
        assert sign_in(client, "somchai", "guess").status_code == 401
    locked = sign_in(client, "somchai")
    assert locked.status_code == 429
    assert "15" in locked.content.decode()


def test_first_sign_in_sets_up_the_authenticator(client: Client) -> None:
    user = get_user_model().objects.create_user("newbie", password=PASSWORD)
    assign_roles(user, Role.EDITOR)
    response = sign_in(client, "newbie")
    assert response["Location"].startswith("/staff/otp/setup/")
    page = client.get("/staff/otp/setup/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = pending_device(user)
    assert client.get("/staff/otp/setup/").context["secret"]  # the same device on reload
    assert pending_device(user).pk == device.pk
    token = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    assert client.post("/staff/otp/setup/", {"token": token, "next": "/staff/"}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_sign_out_ends_the_session(client: Client) -> None:
    login_staff(client, make_staff("somchai", Role.SCREENER))
    assert client.get("/staff/").status_code == 200
    client.post("/staff/logout/")
    assert client.get("/staff/").status_code == 302


def test_next_must_stay_on_this_site(client: Client) -> None:
    account = make_staff("somchai", Role.SCREENER)
    sign_in(client, "somchai")
    response = client.post("/staff/otp/", {"token": current_token(account), "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


@staff_required(Role.EDITOR)
def editors_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        ((Role.EDITOR,), True),
        ((Role.ADMIN,), True),
        ((Role.SCREENER,), False),
        ((Role.PARTNER,), False),
        ((Role.SCREENER, Role.EDITOR), True),
    ],
)
def test_role_guard(roles: tuple[Role, ...], allowed: bool) -> None:
    account = make_staff("someone", *roles)
    user = account.device.user
    request = RequestFactory().get("/staff/somewhere/")
    request.user = user
    user.is_verified = lambda: True
    request.session = {}  # type: ignore[assignment]
    seen: list[object] = []

    def listener(**kwargs: object) -> None:
        seen.append(kwargs["user"])

    access_denied.connect(listener)
    try:
        response = editors_only(request)
    finally:
        access_denied.disconnect(listener)
    assert (response.status_code == 200) is allowed
    assert bool(seen) is not allowed
    assert has_role(user, Role.EDITOR) is allowed


def test_sessions_expire_after_inactivity(settings: Any) -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_with_a_real_browser(live_server: Any, page: Any, output_dir: Path) -> None:
    account = make_staff("browser", Role.SCREENER)
    page.goto(live_server.url + "/staff/")
    page.fill("#id_username", "browser")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="ดำเนินการต่อ").click()
    page.fill("#id_token", current_token(account))
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/staff/")
    assert page.locator("h1").inner_text() == "หน้าหลักเจ้าหน้าที่"
    page.screenshot(path=str(output_dir / "staff-home.png"))
    page.problems.assert_clean()
