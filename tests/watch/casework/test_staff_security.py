"""The shared staff protections apply to the case screens: TOTP, login throttling, session expiry."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sodsong.web.staff import Role
from sodsong.web.staff.testing import current_token, make_staff

pytestmark = pytest.mark.django_db

INBOX = "/staff/cases/"


def test_a_password_alone_does_not_open_the_cases_a_one_time_code_does(db: None) -> None:
    account = make_staff("screener-2fa", Role.SCREENER)
    client = Client()
    response = client.post(
        reverse("staff:login") + f"?next={INBOX}",
        {"username": "screener-2fa", "password": "correct horse battery staple", "next": INBOX},
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:otp"))
    blocked = client.get(INBOX)
    assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("staff:otp"))
    client.post(reverse("staff:otp"), {"token": current_token(account), "next": INBOX})
    assert client.get(INBOX).status_code == 200


def test_repeated_wrong_passwords_lock_the_account_out(db: None) -> None:
    make_staff("screener-throttle", Role.SCREENER)
    client = Client()
    for _ in range(5):
        client.post(reverse("staff:login"), {"username": "screener-throttle", "password": "wrong"})
    locked = client.post(
        reverse("staff:login"), {"username": "screener-throttle", "password": "correct horse battery staple"}
    )
    assert locked.status_code == 429
    assert client.get(INBOX).status_code == 302


def test_an_expired_session_is_sent_back_to_sign_in(db: None) -> None:
    account = make_staff("screener-expiry", Role.SCREENER)
    client = Client()
    client.post(
        reverse("staff:login"), {"username": "screener-expiry", "password": "correct horse battery staple"}
    )
    client.post(reverse("staff:otp"), {"token": current_token(account)})
    assert client.get(INBOX).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(INBOX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))
