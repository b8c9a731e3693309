"""One form for each thing a member of staff can do to a complaint (see views/actions.py).

Labels and hints use the Code's words. Texts the Code requires are optional here: the service
refuses a missing one with a message naming the provision, shown against the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from putright.accounts.models import User
from putright.complaints.models import ComplaintPoint, Correspondence, Refusal, Stage
from putright.remedies.models import Remedy
from putright.remedies.services import AMOUNT_FIELDS
from putright.staff.forms.cases import CaseForm, DocumentsField, text_area
from putright.web.forms import DateField
from putright.workdays.rules import MAX_WORKING_DAYS

YES_NO = [("yes", "Yes"), ("no", "No")]


def _today() -> Any:
    return timezone.localdate()


# ---------------------------------------------------------------- definition and acknowledgement


class DefineForm(CaseForm):
    """Code 5.6, 5.7: the complaint definition, and the points the response must answer."""

    definition = text_area(
        "Your understanding of the complaint",
        hint="In your own words, what the resident is complaining about.",
    )
    outcomes_sought = text_area("The outcomes the resident is seeking", rows=3)
    responsible_for = text_area(
        "Which parts of the complaint the landlord is responsible for", rows=3
    )
    not_responsible_for = text_area(
        "Which parts the landlord is not responsible for (optional)",
        hint="For example, a matter for another organisation. Say who the resident can go to.",
        rows=3,
    )
    points = text_area(
        "Points of complaint",
        hint="Write each point on its own line. The response must answer every point, "
        "with reasons.",
        rows=6,
    )

    def clean_points(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["points"].splitlines() if line.strip()]


class AcknowledgeForm(DefineForm):
    """Code 6.2, 6.11: acknowledged and defined together; the response is due from here."""


# ---------------------------------------------------------------- handlers


class HandlerField(forms.ModelChoiceField):
    """Offers only the people listed, but accepts anyone of the landlord's staff.

    The service, not the list, decides who may handle a stage: someone not listed (the
    stage 1 handler, at stage 2) is refused by the service, which names the provision.
    """

    def __init__(self, *, queryset: QuerySet[User], offered: Iterable[User], **kwargs: Any) -> None:
        super().__init__(queryset=queryset, **kwargs)
        self.choices = [("", "Choose a handler")] + [
            (str(user.pk), f"{user}{f', {user.job_title}' if user.job_title else ''}")
            for user in offered
        ]


class AssignForm(CaseForm):
    def __init__(
        self, *args: Any, staff: QuerySet[User], offered: Iterable[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"] = HandlerField(
            queryset=staff,
            offered=offered,
            label="Who will handle the complaint",
            error_messages={
                "required": "Choose who will handle the complaint",
                "invalid_choice": "Choose someone from the list",
            },
        )


class DeclareConflictForm(CaseForm):
    """Code 5.8 c: the handler says whether they have any actual or perceived conflict."""

    has_conflict = forms.ChoiceField(
        label="Do you have any actual or perceived conflict of interest in this complaint?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you have a conflict of interest"},
    )
    declaration = text_area(
        "If you do, describe the conflict",
        hint="If you have a conflict, you stop handling the complaint and it is assigned "
        "to someone else.",
        rows=3,
    )


# ---------------------------------------------------------------- time


class ExtendForm(CaseForm):
    """Code 6.4, 6.5, 6.15, 6.16."""

    working_days = forms.IntegerField(
        label="Extend by how many working days",
        max_value=MAX_WORKING_DAYS,
        error_messages={
            "required": "Enter the number of working days",
            "invalid": "Enter the number of working days as a whole number, like 10",
        },
    )
    reason = text_area(
        "Why the extension is needed",
        hint="The reason is explained to the resident.",
        rows=3,
    )
    resident_informed_on = DateField(
        label="Date the resident was told",
        initial=_today,
        help_text="For example, 27 3 2026",
    )
    ombudsman_details_given = forms.BooleanField(
        label="The resident was given the Housing Ombudsman's contact details", required=False
    )
    good_reason_beyond_maximum = text_area(
        "Good reason for going beyond the maximum (only if extending past it)",
        hint="Recorded, and explained to the resident.",
        rows=3,
    )
    previewed_days = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def is_confirmed(self) -> bool:
        """Sent again unchanged after the new due date was shown."""
        return self.cleaned_data.get("previewed_days") == self.cleaned_data.get("working_days")


class AgreeUpdatesForm(CaseForm):
    """Code 5.9: how often the resident hears from us while the response is late."""

    interval_working_days = forms.IntegerField(
        label="How often the resident will be updated, in working days",
        max_value=MAX_WORKING_DAYS,
        error_messages={
            "required": "Enter how often the resident will be updated",
            "invalid": "Enter the number of working days as a whole number, like 5",
        },
    )
    method = forms.CharField(
        label="How the updates will be given", required=False, help_text="For example, by phone"
    )
    agreed_on = DateField(label="Date agreed with the resident", initial=_today)


class AddIssueForm(CaseForm):
    """Code 6.8."""

    description = text_area(
        "The additional issue",
        hint="Before the stage 1 response it joins this complaint as a new point; after it, "
        "it becomes a new complaint, linked to this one.",
    )


# ---------------------------------------------------------------- responses


def _point_field(number: int, name: str) -> str:
    return f"point_{number}_{name}"


class RespondForm(CaseForm):
    """Code 6.7, 6.9, 6.18, 6.19: every point answered, with reasons."""

    outcome = forms.ChoiceField(
        label="Outcome of the complaint",
        choices=[("", ""), *list(Stage.Outcome.choices)],
        widget=forms.RadioSelect,
        required=False,
    )
    decision = text_area(
        "The decision",
        hint="What the landlord has decided and why, as the resident will read it.",
        rows=6,
    )

    def __init__(
        self,
        *args: Any,
        points: Sequence[ComplaintPoint],
        partly_upheld_allowed: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.points = list(points)
        if not partly_upheld_allowed:
            # The landlord's policy records an outcome as upheld or not upheld only.
            self.fields["outcome"].choices = [  # type: ignore[attr-defined]
                c
                for c in self.fields["outcome"].choices  # type: ignore[attr-defined]
                if c[0] != Stage.Outcome.PARTLY_UPHELD
            ]
        for point in self.points:
            self.fields[_point_field(point.number, "finding")] = forms.ChoiceField(
                label=f"Point {point.number}: finding",
                choices=ComplaintPoint.Finding.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose upheld or not upheld for point {point.number}"
                },
            )
            self.fields[_point_field(point.number, "reasons")] = text_area(
                f"Point {point.number}: reasons", rows=4
            )
            self.fields[_point_field(point.number, "policy")] = forms.CharField(
                label=f"Point {point.number}: policy, law or good practice relied on (optional)",
                required=False,
            )

    def point_fields(self) -> list[tuple[ComplaintPoint, list[forms.BoundField]]]:
        return [
            (point, [self[_point_field(point.number, n)] for n in ("finding", "reasons", "policy")])
            for point in self.points
        ]

    def findings(self) -> list[tuple[int, str, str, str]]:
        data = self.cleaned_data
        return [
            (
                point.number,
                data[_point_field(point.number, "finding")],
                data[_point_field(point.number, "reasons")],
                data[_point_field(point.number, "policy")],
            )
            for point in self.points
        ]


class RemedyForm(forms.Form):
    """Code 7.1, 7.3: a remedy, saying what will happen and by when."""

    kind = forms.ChoiceField(
        label="Kind of remedy",
        choices=[("", "Choose the kind of remedy"), *list(Remedy.Kind.choices)],
        required=False,
    )
    description = text_area(
        "What will happen to put things right",
        hint="As the resident will read it.",
        rows=3,
    )
    due_on = DateField(label="Date it will be done by", help_text="For example, 30 4 2026")
    amount_time_and_trouble = forms.DecimalField(
        label="Time and trouble (£)", required=False, decimal_places=2, max_digits=9
    )
    amount_distress_and_inconvenience = forms.DecimalField(
        label="Distress and inconvenience (£)", required=False, decimal_places=2, max_digits=9
    )
    amount_quantifiable_loss = forms.DecimalField(
        label="Quantifiable loss (£)", required=False, decimal_places=2, max_digits=9
    )
    amount_statutory = forms.DecimalField(
        label="Statutory payment (£)", required=False, decimal_places=2, max_digits=9
    )
    payment_method = forms.ChoiceField(
        label="How it will be paid",
        choices=[("", "Not a payment"), *list(Remedy.PaymentMethod.choices)],
        required=False,
    )

    AMOUNT_FIELDS = AMOUNT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)

    def amounts(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in AMOUNT_FIELDS if self.cleaned_data[name]}


class OfferRemedyForm(CaseForm, RemedyForm):
    pass


class OutstandingActionForm(forms.Form):
    """Code 6.6, 6.17: what is still to be done after the answer, with an owner and a date."""

    description = text_area("What is still to be done", rows=3)
    owner_description = forms.CharField(
        label="Who will do it, if not one member of staff (optional)",
        required=False,
        help_text="A team or a contractor, for example",
    )
    due_on = DateField(label="Date it is due", help_text="For example, 30 4 2026")

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        owner = forms.ModelChoiceField(
            queryset=staff,
            required=False,
            label="Member of staff who owns it",
            empty_label="Nobody in particular",
            error_messages={"invalid_choice": "Choose someone from the list"},
        )
        # Owner first: who, then (if nobody) which team.
        self.fields = {"description": self.fields["description"], "owner": owner} | {
            k: v for k, v in self.fields.items() if k != "description"
        }


class AddOutstandingActionForm(CaseForm, OutstandingActionForm):
    pass


# ---------------------------------------------------------------- escalation and endings


class EscalateForm(CaseForm):
    """Code 6.10 to 6.12: the resident asks for stage 2. No reason may be required."""

    requested_on = DateField(label="Date the resident asked for stage 2", initial=_today)
    reason = text_area(
        "Why the resident is still unhappy (optional)",
        hint="The resident does not have to give a reason. If they gave one, record it here.",
        rows=4,
    )


class RefuseForm(CaseForm):
    """Code 2.1 to 2.5, 5.11: the ground, the evidence and the explanation to the resident."""

    ground = forms.ChoiceField(
        label="Ground for not accepting it",
        choices=[("", ""), *list(Refusal.Ground.choices)],
        widget=forms.RadioSelect,
        required=False,
    )
    other_reason = text_area("If another reason, state it", rows=3)
    evidence = text_area("The evidence for the decision", rows=4)
    discretion_considered = forms.BooleanField(
        label="I considered using discretion to accept it anyway", required=False
    )
    discretion_notes = text_area("What was considered (optional)", rows=3)
    explanation = text_area(
        "The explanation given to the resident",
        hint="Why the matter is not suitable for the complaints process.",
        rows=5,
    )
    ombudsman_right_explained = forms.BooleanField(
        label="The resident was told of their right to take this decision to the Housing Ombudsman",
        required=False,
    )


class WithdrawForm(CaseForm):
    withdrawn_on = DateField(label="Date the resident withdrew the complaint", initial=_today)
    reason = text_area("The resident's reason, if they gave one (optional)", rows=3)


class CloseForm(CaseForm):
    note = text_area("Note (optional)", rows=3)


# ---------------------------------------------------------------- correspondence


class NoteForm(CaseForm):
    """Code 5.12: notes and supporting documents are kept with the complaint."""

    body = text_area("Note", rows=6)
    documents = DocumentsField(label="Documents (optional)", help_text="Up to 20 MB each.")


class MessageForm(CaseForm):
    """Code 5.12: every message in or out, with the resident or with other parties."""

    direction = forms.ChoiceField(
        label="Was the message received or sent?",
        choices=[
            (Correspondence.Direction.INBOUND, "Received"),
            (Correspondence.Direction.OUTBOUND, "Sent"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the message was received or sent"},
    )
    medium = forms.ChoiceField(
        label="How",
        choices=[(v, label) for v, label in Correspondence.Medium.choices if v != "note"],
        error_messages={"required": "Say how the message was sent or received"},
    )
    counterpart = forms.CharField(
        label="Who it was from or to",
        required=False,
        help_text="Leave blank if it was the resident.",
    )
    subject = forms.CharField(label="Subject (optional)", required=False)
    body = text_area("The message", hint="Or a summary of a phone call.", rows=6)
    occurred_on = DateField(label="Date", initial=_today)
    documents = DocumentsField(label="Documents (optional)", help_text="Up to 20 MB each.")


# ---------------------------------------------------------------- remedies and actions, later


class RemedyResponseForm(CaseForm):
    accepted = forms.ChoiceField(
        label="Did the resident accept the remedy?",
        choices=[("yes", "Yes, they accepted it"), ("no", "No, they declined it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the resident accepted the remedy"},
    )
    on = DateField(label="Date", initial=_today)


class RemedyPaymentForm(CaseForm):
    paid_on = DateField(label="Date it was paid", initial=_today)


class RemedyCompleteForm(CaseForm):
    completed_on = DateField(label="Date it was done", initial=_today)


class ActionUpdateForm(CaseForm):
    """Code 6.6: progress, and when the resident was told."""

    text = text_area("Update", rows=4)
    given_to_resident_on = DateField(
        label="Date the resident was given this update (optional)", required=False
    )


class ActionCompleteForm(CaseForm):
    completed_on = DateField(label="Date it was done", initial=_today)


class ActionCancelForm(CaseForm):
    reason = text_area("Why it is no longer needed", rows=3)
