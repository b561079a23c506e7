"""TOTP devices: one per staff account, confirmed by a first code before it counts."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

__all__ = ["confirmed_device", "otpauth_uri", "pending_device", "qr_data_uri", "secret_base32"]

ISSUER = "Sodsong"


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being set up (created once, so reloading shows the same code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def otpauth_uri(device: TOTPDevice) -> str:
    """The URI authenticator apps read (shown as a QR code and as text)."""
    label = quote(f"{ISSUER}:{device.user.get_username()}", safe=":@")
    return (
        f"otpauth://totp/{label}?secret={secret_base32(device)}&issuer={ISSUER}"
        f"&digits={device.digits}&period={device.step}&algorithm=SHA1"
    )


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth URI as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    return str(segno.make(otpauth_uri(device), error="m").svg_data_uri(scale=5))
