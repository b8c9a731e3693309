"""The landlord's root causes, set up by its administrators (Code 9.1).

A cause may have sub-causes, one level deep (e.g. "Communication: not kept informed"). A cause
in use is retired by unticking "active", never deleted: complaints keep the causes found then.
Every change is recorded (``RecordedAdmin``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from putright.landlords.admin import LandlordScopedAdmin
from putright.learning.models import RootCause


class RootCauseForm(forms.ModelForm):
    class Meta:
        model = RootCause
        fields = ("landlord", "name", "parent", "active")
        help_texts = {
            "parent": "Leave empty for a main cause; choose a main cause to make this a sub-cause.",
            "active": "Untick to stop offering it; complaints keep the causes recorded on them.",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent: RootCause | None = cleaned.get("parent")
        landlord = cleaned.get("landlord")
        if parent is not None:
            if parent.parent_id is not None:
                self.add_error("parent", "Choose a main cause: sub-causes go one level deep.")
            elif landlord is not None and parent.landlord_id != landlord.pk:
                self.add_error("parent", "Choose one of this landlord's causes.")
            elif self.instance.pk and parent.pk == self.instance.pk:
                self.add_error("parent", "A cause cannot be its own sub-cause.")
        return cleaned


@admin.register(RootCause)
class RootCauseAdmin(LandlordScopedAdmin):
    form = RootCauseForm
    list_display = ("__str__", "active", "landlord")
    list_filter = ("active",)
    search_fields = ("name", "parent__name")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
