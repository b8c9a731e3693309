"""The questions of the resident service, one form a page, with GOV.UK's error messages.

Each form checks what its own page can; what the Code requires of the whole complaint is
judged by the services when it is sent. Answers are plain JSON so the session can keep them.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from putright.residents.models import ContactMethod, ReasonableAdjustment, Representative
from putright.web.forms import DateField, StepForm

MYSELF, SOMEONE_ELSE = "myself", "someone_else"
YES, NOT_YET = "yes", "not_yet"
NO_ADJUSTMENTS = "none"
# A UK postcode, spaces optional: enough to catch a typing slip, not a full address check.
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$")
DESCRIPTION_LIMIT = 5000
SHORT_LIMIT = 1000


def _text(label: Any, *, required: bool, message: Any = "", hint: Any = "", **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        max_length=kw.pop("max_length", 200),
        error_messages={
            "required": message,
            "max_length": _("%(label)s must be 200 characters or fewer") % {"label": label},
        },
        **kw,
    )


def _long_text(
    label: Any,
    *,
    required: bool,
    limit: int,
    message: Any = "",
    hint: Any = "",
    called: Any = "",
) -> Any:
    """A text box; ``called`` names it in the too-long message when its label is a question."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": message,
            "max_length": _("%(label)s must be %(limit)s characters or fewer")
            % {"label": called or label, "limit": limit},
        },
    )


def _email(label: Any, *, required: bool = False, message: Any = "", hint: Any = "") -> Any:
    return forms.EmailField(
        label=label,
        required=required,
        help_text=hint,
        max_length=200,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": message,
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )


def _phone(label: Any, *, hint: Any = "") -> Any:
    return forms.RegexField(
        label=label,
        required=False,
        help_text=hint,
        regex=r"^\+?[0-9 ()-]{10,20}$",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
        error_messages={
            "invalid": _("Enter a phone number, like 01632 960 001 or 07700 900 982"),
            "max_length": _("Enter a phone number, like 01632 960 001 or 07700 900 982"),
        },
    )


def _postcode_clean(value: str) -> str:
    postcode = " ".join(value.upper().split())
    if not POSTCODE.match(postcode):
        raise forms.ValidationError(_("Enter a real postcode, like RV1 2AB"))
    compact = postcode.replace(" ", "")
    return f"{compact[:-3]} {compact[-3:]}"


# ---------------------------------------------------------------- making a complaint


class WhoForm(StepForm):
    who = forms.ChoiceField(
        label=_("Who is the complaint for?"),
        choices=[
            (MYSELF, _("Myself")),
            (SOMEONE_ELSE, _("Someone else. I am complaining for them")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who the complaint is for"),
            "invalid_choice": _("Select who the complaint is for"),
        },
    )


class RepresentativeForm(StepForm):
    """Code 3.6: someone may complain for a resident, with the resident's agreement."""

    name = _text(_("Your full name"), required=True, message=_("Enter your full name"))
    relationship = forms.ChoiceField(
        label=_("How do you know them?"),
        choices=Representative.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you know them"),
            "invalid_choice": _("Select how you know them"),
        },
    )
    email = _email(_("Your email address"), hint=_("We will send updates to you."))
    phone = _phone(_("Your phone number (optional)"))
    consent = forms.ChoiceField(
        label=_("Has the person you are complaining for agreed to this?"),
        help_text=_("We will check with them if they have not agreed yet."),
        choices=[(YES, _("Yes, they have agreed")), (NOT_YET, _("Not yet"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select if they have agreed to you complaining for them"),
            "invalid_choice": _("Select if they have agreed to you complaining for them"),
        },
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Enter your email address or phone number"))
        return data


class ResidentForm(StepForm):
    name = _text(_("Full name"), required=True, message=_("Enter the full name"))
    email = _email(_("Email address (optional)"))
    phone = _phone(_("Phone number (optional)"))

    def __init__(self, *args: Any, for_someone_else: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_someone_else:
            self.fields["name"].label = _("Their full name")
            self.fields["name"].error_messages["required"] = _(
                "Enter the full name of the person you are complaining for"
            )
            self.fields["email"].label = _("Their email address (optional)")
            self.fields["phone"].label = _("Their phone number (optional)")
        else:
            self.fields["name"].label = _("Your full name")
            self.fields["name"].error_messages["required"] = _("Enter your full name")
            self.fields["email"].label = _("Your email address")
            self.fields["email"].help_text = _(
                "We will use this to send you updates and a link to track your complaint."
            )
            self.fields["phone"].label = _("Your phone number (optional)")

        self.for_someone_else = for_someone_else
        for field in self.fields.values():
            field.error_messages["max_length"] = _("%(label)s must be 200 characters or fewer") % {
                "label": str(field.label).replace(" (optional)", "")
            }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            not self.for_someone_else
            and not self.errors
            and not data.get("email")
            and not data.get("phone")
        ):
            self.add_error("email", _("Enter your email address or phone number"))
        return data


class AddressForm(StepForm):
    address_line_1 = _text(
        _("Address line 1"),
        required=True,
        message=_("Enter address line 1, typically the building and street"),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line_2 = _text(
        _("Address line 2 (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    town = _text(
        _("Town or city"),
        required=True,
        message=_("Enter town or city"),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postcode = _text(
        _("Postcode"),
        required=True,
        message=_("Enter postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def clean_postcode(self) -> str:
        return _postcode_clean(self.cleaned_data["postcode"])


class WhatForm(StepForm):
    description = _long_text(
        _("What went wrong?"),
        required=True,
        message=_("Enter what went wrong"),
        hint=_(
            "Tell us what happened, and how it has affected you. "
            "You do not need to use the word “complaint”."
        ),
        limit=DESCRIPTION_LIMIT,
        called=_("What went wrong"),
    )


def _past_date(label: Any) -> DateField:
    return DateField(label=label, required=False)


class WhenForm(StepForm):
    """Code 2.3: the 12 months run from when it happened or when the resident found out. The
    form asks for both and never refuses an older date: staff decide, with reasons."""

    occurred_on = _past_date(_("Date it happened"))
    became_aware_on = _past_date(_("Date you found out about it"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].help_text = _(
            "For example, 27 3 2026. Leave this blank if you are not sure."
        )
        self.fields["became_aware_on"].help_text = _(
            "Only if this was later. For example, 4 5 2026."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        today = timezone.localdate()
        for name, message in (
            ("occurred_on", _("The date it happened must be today or in the past")),
            ("became_aware_on", _("The date you found out must be today or in the past")),
        ):
            value = data.get(name)
            if value and value > today:
                self.add_error(name, message)
        happened, found_out = data.get("occurred_on"), data.get("became_aware_on")
        if happened and found_out and found_out < happened and not self.errors:
            self.add_error(
                "became_aware_on",
                _("The date you found out must be the same as or after the date it happened"),
            )
        return data


class OutcomeForm(StepForm):
    outcome_sought = _long_text(
        _("What would you like us to do to put things right?"),
        required=False,
        hint=_("For example, finish a repair, say sorry, or pay for something that was damaged."),
        limit=SHORT_LIMIT,
        called=_("What you would like us to do"),
    )


class ContactForm(StepForm):
    preferred_contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how we should contact you"),
            "invalid_choice": _("Select how we should contact you"),
        },
    )
    contact_frequency = forms.ChoiceField(
        label=_("How often would you like an update?"),
        choices=[
            ("news", _("Only when there is news")),
            ("weekly", _("Every week")),
            ("fortnightly", _("Every 2 weeks")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how often you would like an update"),
            "invalid_choice": _("Select how often you would like an update"),
        },
    )

    def __init__(
        self, *args: Any, email_given: bool = True, phone_given: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.email_given, self.phone_given = email_given, phone_given

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        method = data.get("preferred_contact_method")
        if method == ContactMethod.EMAIL and not self.email_given:
            self.add_error(
                "preferred_contact_method",
                _("You did not give an email address. Go back and add one, or choose another way"),
            )
        if method in (ContactMethod.PHONE, ContactMethod.SMS) and not self.phone_given:
            self.add_error(
                "preferred_contact_method",
                _("You did not give a phone number. Go back and add one, or choose another way"),
            )
        return data


CONTACT_FREQUENCY_TEXT = {
    "news": "When there is news",
    "weekly": "Every week",
    "fortnightly": "Every 2 weeks",
}


NO_HELP_CHOSEN_MESSAGE = _("Select the help you need, or that you do not need any help")


class AdjustmentsForm(StepForm):
    """Code 3.1, 5.10: ask what help someone needs to take part, before they have to ask."""

    adjustments = forms.MultipleChoiceField(
        label=_("Do you need any help from us to take part?"),
        help_text=_("Select all that apply."),
        choices=[
            (ReasonableAdjustment.Kind.LARGE_PRINT, _("Letters in large print")),
            (ReasonableAdjustment.Kind.EASY_READ, _("Letters in easy read")),
            (ReasonableAdjustment.Kind.BRAILLE, _("Letters in braille")),
            (
                ReasonableAdjustment.Kind.PHONE_INSTEAD_OF_LETTERS,
                _("Phone calls instead of letters"),
            ),
            (ReasonableAdjustment.Kind.REPRESENTATIVE, _("Someone to help me or speak for me")),
            (ReasonableAdjustment.Kind.INTERPRETER, _("An interpreter")),
            (ReasonableAdjustment.Kind.OTHER, _("Something else")),
            (NO_ADJUSTMENTS, _("No, I do not need any help")),
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": NO_HELP_CHOSEN_MESSAGE,
            "invalid_choice": NO_HELP_CHOSEN_MESSAGE,
        },
    )
    adjustment_details = _long_text(
        _("Tell us more (optional)"),
        required=False,
        hint=_("For example, which language you need, or what else would help."),
        limit=SHORT_LIMIT,
        called=_("What you tell us about the help you need"),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        chosen = data.get("adjustments") or []
        if NO_ADJUSTMENTS in chosen and len(chosen) > 1:
            self.add_error(
                "adjustments",
                _("Select the help you need, or that you do not need any help, but not both"),
            )
        if (
            ReasonableAdjustment.Kind.OTHER in chosen
            and not (data.get("adjustment_details") or "").strip()
        ):
            self.add_error("adjustment_details", _("Tell us what else would help"))
        if (
            ReasonableAdjustment.Kind.INTERPRETER in chosen
            and not (data.get("adjustment_details") or "").strip()
        ):
            self.add_error("adjustment_details", _("Tell us which language you need"))
        return data


class DocumentsForm(StepForm):
    """Files are read by the view (they cannot live in the session); this form only names the
    input so its errors show against it."""

    documents = forms.Field(label=_("Upload a file"), required=False)


class SubmitForm(StepForm):
    """The check-your-answers page. ``website`` is a honeypot: hidden from people, so only a
    program filling in every box fills it in."""

    website = forms.CharField(required=False, label=_("Leave this blank"))


# ---------------------------------------------------------------- tracking a complaint


class TrackForm(StepForm):
    reference = _text(
        _("Complaint reference"),
        required=True,
        message=_("Enter your complaint reference"),
        hint=_("This is on the emails and letters we sent you, for example C-2026-00012."),
        max_length=30,
    )
    email = _email(_("Email address"))
    postcode = _text(_("Or postcode of the home"), required=False, max_length=10)

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode") or ""
        return _postcode_clean(value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not data.get("email") and not data.get("postcode"):
            self.add_error("email", _("Enter your email address or the postcode of the home"))
        return data


class AddInformationForm(StepForm):
    message = _long_text(
        _("What would you like to tell us?"),
        required=False,
        limit=DESCRIPTION_LIMIT,
        called=_("Your message"),
    )
    # Read by the view from the uploaded files; named here so its errors show against it.
    documents = forms.Field(label=_("Upload a file (optional)"), required=False)


class EscalateForm(StepForm):
    """Code 6.12: a resident never has to say why they want stage 2."""

    reason = _long_text(
        _("Tell us why you are unhappy (optional)"),
        required=False,
        hint=_("You do not have to tell us. It can help the person looking at it again."),
        limit=DESCRIPTION_LIMIT,
        called=_("Your reason"),
    )


class WithdrawForm(StepForm):
    confirm = forms.ChoiceField(
        label=_("Are you sure you want to withdraw your complaint?"),
        choices=[(YES, _("Yes, withdraw my complaint")), ("no", _("No, keep it open"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select if you want to withdraw your complaint"),
            "invalid_choice": _("Select if you want to withdraw your complaint"),
        },
    )
    reason = _long_text(
        _("Why are you withdrawing it? (optional)"),
        required=False,
        limit=SHORT_LIMIT,
        called=_("Your reason"),
    )


class ContactPreferencesForm(StepForm):
    preferred_contact_method = ContactForm.base_fields["preferred_contact_method"]
    contact_frequency = ContactForm.base_fields["contact_frequency"]
