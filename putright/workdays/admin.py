"""Closure days in the admin, for a landlord's administrators.

A closure day is not a working day: every deadline counted across it moves on a day. The
calendar is read afresh whenever a deadline is counted, so a closure day set in advance moves
the deadlines of complaints logged, acknowledged or extended after it is set. A deadline
already counted (an acknowledgement due date already given to a resident) is not moved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from putright.landlords.admin import LandlordScopedAdmin
from putright.workdays.models import ClosureDay
from putright.workdays.rules import is_working_day


class ClosureDayForm(forms.ModelForm):
    class Meta:
        model = ClosureDay
        fields = ("landlord", "date", "description")
        help_texts = {
            "date": "A weekday the landlord is closed. Bank holidays in England and Wales are "
            "counted already and need no entry. Set closure days in advance: a deadline already "
            "counted does not move.",
        }

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        # Weekends and bank holidays are not working days already: a closure there changes
        # nothing, and saying so saves a puzzled administrator a search.
        if not is_working_day(day):
            raise forms.ValidationError(
                "That day is a weekend or a bank holiday, so it is not a working day already."
            )
        return day


@admin.register(ClosureDay)
class ClosureDayAdmin(LandlordScopedAdmin):
    form = ClosureDayForm
    list_display = ("date", "description", "landlord")
    date_hierarchy = "date"
    search_fields = ("description",)

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ("landlord",) if request.user.is_superuser else ()
