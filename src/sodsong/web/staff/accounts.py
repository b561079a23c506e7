"""Creating staff accounts from code and the CLI (demo accounts, first admin)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from sodsong.web.staff.devices import otpauth_uri, secret_base32
from sodsong.web.staff.roles import Role, assign_roles

__all__ = ["StaffAccount", "create_staff"]


@dataclass(frozen=True)
class StaffAccount:
    """A new account and the secrets to hand over once: password and authenticator secret."""

    username: str
    password: str
    roles: tuple[Role, ...]
    device: TOTPDevice

    @property
    def totp_secret(self) -> str:
        return secret_base32(self.device)

    @property
    def otpauth_uri(self) -> str:
        return otpauth_uri(self.device)


@transaction.atomic
def create_staff(username: str, *roles: Role, password: str | None = None, email: str = "") -> StaffAccount:
    """Create (or reset) a staff account with a confirmed TOTP device and these roles."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username, defaults={"email": email})
    password = password or secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_active = True
    user.save()
    assign_roles(user, *roles)
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return StaffAccount(username=username, password=password, roles=tuple(roles), device=device)
