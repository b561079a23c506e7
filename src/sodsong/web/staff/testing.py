"""Helpers for tests of staff pages: verified sessions and current one-time codes."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from sodsong.web.staff.accounts import StaffAccount, create_staff
from sodsong.web.staff.roles import Role

__all__ = ["current_token", "login_staff", "make_staff", "sign_in_browser"]


def make_staff(username: str, *roles: Role) -> StaffAccount:
    return create_staff(username, *roles, password="correct horse battery staple")


def current_token(account: StaffAccount) -> str:
    """The six-digit code an authenticator app would show now."""
    device = account.device
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_staff(client: Client, account: StaffAccount) -> Any:
    """Sign `client` in as a verified staff member (password and second factor done)."""
    user = account.device.user
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = account.device.persistent_id
    session.save()
    return user


def sign_in_browser(page: Any, base_url: str, account: StaffAccount, next_path: str) -> None:
    """Sign in through the real pages in a Playwright `page`: password, then the TOTP code."""
    page.goto(f"{base_url}/staff/login/?next={next_path}")
    page.locator("#id_username").fill(account.device.user.get_username())
    page.locator("#id_password").fill("correct horse battery staple")
    page.locator("button[type=submit].primary").click()
    page.wait_for_load_state()
    page.locator("#id_token").fill(current_token(account))
    page.locator("button[type=submit].primary").click()
    page.wait_for_load_state()
