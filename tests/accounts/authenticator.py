"""A phone's authenticator app, for tests: the real TOTP algorithm on the device's own key."""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or ``steps_ahead`` 30-second steps from now).

    A code is accepted once: a second sign-in inside the same 30 seconds uses the next
    step's code, which the service accepts within its tolerance of one step.
    """
    device.refresh_from_db()
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps_ahead,
    )
    return f"{value:0{device.digits}d}"


def code_from_secret(secret: str, steps_ahead: int = 0) -> str:
    """The code an app shows after someone typed the setup key from the page."""
    key = b32decode(secret.replace(" ", ""))
    return f"{totp(key, drift=steps_ahead):06d}"
