"""The steps of logging a contact (see putright/staff/views/contacts.py), one form a step.

Each form parses one page's answers and asks for what that page cannot do without. What the
Code requires of the whole contact is judged by ``putright.complaints.contacts``: the steps
call its rules too, so a page says what is missing while it is still on screen.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone

from putright.complaints.contacts import ContactKind
from putright.complaints.models import Category, Channel, ServiceRequest
from putright.residents.models import ContactMethod, Representative, Resident
from putright.web.forms import DateField, StepForm

NEW = "new"
YES, NO = "yes", "no"


def _text(label: str, *, hint: str = "", required: bool = False, message: str = "") -> Any:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=200,
        error_messages={"required": message} if message else {},
    )


def _text_area(
    label: str, *, hint: str = "", required: bool = False, message: str = "", rows: int = 5
) -> Any:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
    )


def _radios(label: str, choices: Sequence[tuple[str, str]], message: str) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class ChannelForm(StepForm):
    """Code 3.2: residents can raise a complaint in any way."""

    channel = _radios("How did they contact you?", Channel.choices, "Choose how they contacted you")
    received_on = DateField(
        label="Date they contacted you",
        help_text="For example, 27 3 2026. A letter or email counts from the day it arrived.",
    )

    def clean_received_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date they contacted you must be today or in the past")
        return day


class Who(models.TextChoices):
    RESIDENT = "resident", "The resident"
    REPRESENTATIVE = "representative", "Someone acting for a resident"
    ANONYMOUS = "anonymous", "Someone who did not give their name"


class WhoForm(StepForm):
    """Code 1.3, 3.6: a complaint can come from the resident or from someone acting for them."""

    who = _radios("Who is contacting you?", Who.choices, "Choose who is contacting you")


class ResidentForm(StepForm):
    """The resident the contact is from (or about): one on record, or a new one."""

    resident = forms.ChoiceField(
        label="Choose the resident",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the resident, or record a new resident",
            "invalid_choice": "Choose the resident, or record a new resident",
        },
    )

    def __init__(self, *args: Any, residents: Iterable[Resident] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.residents = list(residents)
        field: forms.ChoiceField = self.fields["resident"]  # type: ignore[assignment]
        field.choices = [(str(r.pk), r.name) for r in self.residents] + [
            (NEW, "None of these: record a new resident")
        ]


class NewResidentForm(StepForm):
    """A resident not yet on record. The residents service says what it needs to reach them."""

    name = _text("Full name", required=True, message="Enter the resident's name")
    address_line_1 = _text("Address line 1", hint="Their home, if they are our resident.")
    address_line_2 = _text("Address line 2 (optional)")
    town = _text("Town or city (optional)")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = _text("Phone number")
    preferred_contact_method = _radios(
        "How would they like us to contact them?",
        ContactMethod.choices,
        "Choose how they would like us to contact them",
    )


class RepresentativeForm(StepForm):
    """Code 3.6: someone acting for the resident, and whether the resident has consented."""

    representative = forms.ChoiceField(
        label="Who is acting for the resident?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who is acting for the resident",
            "invalid_choice": "Choose who is acting for the resident",
        },
    )
    name = _text("Their full name")
    relationship = forms.ChoiceField(
        label="How do they know the resident?",
        required=False,
        choices=[("", "Choose"), *Representative.Relationship.choices],
    )
    organisation = _text("Organisation (optional)", hint="For example, a charity or a law firm.")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = _text("Phone number (optional)")
    consent = forms.ChoiceField(
        label="Has the resident agreed to this person acting for them?",
        required=False,
        widget=forms.RadioSelect,
        choices=[(YES, "Yes"), (NO, "Not yet")],
    )
    authority_given_on = DateField(label="Date the resident agreed", required=False)
    authority_evidence = _text_area(
        "How did the resident agree?",
        hint="For example, a signed consent form, or they told you on the phone.",
        rows=3,
    )

    def __init__(
        self, *args: Any, representatives: Iterable[Representative] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.representatives = list(representatives)
        field: forms.ChoiceField = self.fields["representative"]  # type: ignore[assignment]
        field.choices = [(str(r.pk), str(r)) for r in self.representatives] + [
            (NEW, "Someone else" if self.representatives else "Someone not on record")
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        chosen = data.get("representative")
        if chosen is None:
            return data
        on_record = next((r for r in self.representatives if str(r.pk) == chosen), None)
        if chosen == NEW:
            if not (data.get("name") or "").strip():
                self.add_error("name", "Enter the name of the person acting for the resident")
            if not data.get("relationship"):
                self.add_error("relationship", "Choose how they know the resident")
        if on_record is not None and on_record.has_authority:
            return data  # consent is on record already
        if not data.get("consent"):
            self.add_error("consent", "Say whether the resident has agreed to this person acting")
        elif (
            data["consent"] == YES
            and data.get("authority_given_on") is None
            and not self.has_error("authority_given_on")
        ):
            self.add_error("authority_given_on", "Enter the date the resident agreed")
        return data


class WhatForm(StepForm):
    """What they said, in their words (Code 5.12: a full record of the complaint)."""

    description = _text_area(
        "What did they say?",
        hint="In their words, as far as you can. Include what happened and when.",
        required=True,
        message="Enter what they said",
        rows=6,
    )
    outcome_sought = _text_area(
        "What would they like to happen? (optional)",
        hint="For example, a repair done by a date, an apology, or compensation.",
        rows=3,
    )
    category = forms.ChoiceField(
        label="What is it about? (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose a category from the list"},
    )

    def __init__(self, *args: Any, categories: Iterable[Category] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ChoiceField = self.fields["category"]  # type: ignore[assignment]
        field.choices = [("", "Choose a category")] + [(str(c.pk), str(c)) for c in categories]


class KindForm(StepForm):
    """Appendix B: is it a service request, or an expression of dissatisfaction?"""

    kind = _radios(
        "What are they asking for?",
        ContactKind.choices,
        "Choose whether they are asking for something to be done or are unhappy",
    )


class EarlierRequestForm(StepForm):
    """Code 1.5: the service request the resident is unhappy about."""

    service_request = forms.ChoiceField(
        label="Which request are they unhappy about?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the request they are unhappy about, or record what they asked for",
            "invalid_choice": "Choose the request they are unhappy about, or record what they "
            "asked for",
        },
    )
    original_request = _text_area(
        "What did they ask for?",
        hint="It will be recorded as a service request, and stays open until it is done.",
        rows=3,
    )

    def __init__(
        self, *args: Any, service_requests: Iterable[ServiceRequest] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.service_requests = list(service_requests)
        field: forms.ChoiceField = self.fields["service_request"]  # type: ignore[assignment]
        field.choices = [(str(r.pk), r.reference) for r in self.service_requests] + [
            (NEW, "It is not on record: record it now")
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("service_request") == NEW and not (data.get("original_request") or "").strip():
            self.add_error("original_request", "Enter what they asked for")
        return data


class ChoiceForm(StepForm):
    """Code 1.3: whenever a resident expresses dissatisfaction, they are given the choice to
    make a complaint, whether or not they used the word."""

    choice_offered = forms.BooleanField(
        label="I have told them they can make a complaint, and asked if they want to",
        required=False,
    )
    wants_to_complain = forms.ChoiceField(
        label="Do they want to make a complaint?",
        required=False,
        widget=forms.RadioSelect,
        choices=[(YES, "Yes, log a complaint"), (NO, "No")],
    )

    def wants(self) -> bool | None:
        answer = self.cleaned_data.get("wants_to_complain")
        return {YES: True, NO: False}.get(answer or "")
