"""Each landlord's delivery settings in the admin, for its administrators (docs/delivery.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from putright.core.errors import DomainError
from putright.landlords.admin import LandlordScopedAdmin
from putright.outbox.models import DeliverySettings
from putright.outbox.services import delivery_settings_check


class DeliverySettingsForm(forms.ModelForm):
    class Meta:
        model = DeliverySettings
        fields = (
            "landlord",
            "email_provider",
            "post_provider",
            "from_email",
            "reply_to_email",
            "notify_email_template_id",
            "notify_sms_template_id",
            "notify_email_reply_to_id",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        candidate = DeliverySettings(
            **{
                name: cleaned.get(name, "")
                for name in self.Meta.fields
                if name != "landlord" and name in cleaned
            }
        )
        try:
            delivery_settings_check(delivery_settings=candidate)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return cleaned


@admin.register(DeliverySettings)
class DeliverySettingsAdmin(LandlordScopedAdmin):
    form = DeliverySettingsForm
    list_display = ("landlord", "email_provider", "post_provider")
    fieldsets = (
        (None, {"fields": ("landlord", "email_provider", "post_provider")}),
        ("Email server (SMTP)", {"fields": ("from_email", "reply_to_email")}),
        (
            "GOV.UK Notify",
            {
                "fields": (
                    "notify_email_template_id",
                    "notify_sms_template_id",
                    "notify_email_reply_to_id",
                ),
                "description": "The API key is set for the whole installation (NOTIFY_API_KEY).",
            },
        ),
    )

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
