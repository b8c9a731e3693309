"""The facts a letter is written from, as plain data a sandboxed template can read.

Templates never see models: only the strings, lists and dicts built here. So a template
cannot follow a relation to another resident's record, and what a letter can say is exactly
what this module hands it. ``sample_context`` gives the same shape with invented facts, to
check an administrator's template before it is used.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from putright.complaints.models import Complaint, Extension, Refusal, Stage
from putright.landlords.models import Landlord, OmbudsmanContact
from putright.letters.models import LetterKind
from putright.remedies.models import ActionUpdate, OutstandingAction, Remedy

Context = dict[str, Any]

NO_REMEDY = "We are not offering a remedy as part of this response."
NO_ACTIONS = "There is nothing further we need to do about your complaint."


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A date as GOV.UK writes it: 4 June 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def one_line(address: str) -> str:
    return ", ".join(line.strip() for line in address.splitlines() if line.strip())


def money(amount: Decimal) -> str:
    return f"£{amount:,.2f}" if amount else ""


def landlord_facts(landlord: Landlord) -> Context:
    ways = []
    if landlord.email:
        ways.append(f"Email: {landlord.email}")
    if landlord.phone:
        ways.append(f"Phone: {landlord.phone}")
    if landlord.address:
        ways.append(f"Post: {one_line(landlord.address)}")
    return {
        "name": landlord.name,
        "address": landlord.address,
        "email": landlord.email,
        "phone": landlord.phone,
        "website": landlord.website,
        "contact_ways": ways,
    }


def ombudsman_facts(landlord: Landlord) -> Context:
    contact = OmbudsmanContact.objects.filter(landlord=landlord).first() or OmbudsmanContact()
    return {
        "name": contact.name,
        "website": contact.website,
        "complaint_form_url": contact.complaint_form_url,
        "email": contact.email,
        "phone": contact.phone,
        "postal_address": contact.postal_address,
        "postal_address_line": one_line(contact.postal_address),
    }


def stage_facts(stage: Stage | None) -> Context:
    if stage is None:
        return {
            "number": 1,
            "name": "stage 1",
            "response_name": "stage 1 response",
            "definition": "",
            "outcomes_sought": "",
            "responsible_for": "",
            "not_responsible_for": "",
            "points": [],
            "response_due": "",
            "outcome": "",
            "decision": "",
        }
    return {
        "number": stage.number,
        "name": f"stage {stage.number}",
        "response_name": "final response" if stage.number == 2 else "stage 1 response",
        "definition": stage.definition,
        "outcomes_sought": stage.outcomes_sought,
        "responsible_for": stage.responsible_for,
        "not_responsible_for": stage.not_responsible_for,
        "points": [
            {
                "number": point.number,
                "description": point.description,
                "finding": point.get_finding_display().lower() if point.finding else "",
                "reasons": point.reasons,
                "policy_relied_on": point.policy_relied_on,
            }
            for point in stage.points.order_by("number")
        ],
        "response_due": day(stage.response_due),
        "outcome": stage.get_outcome_display().lower() if stage.outcome else "",
        "decision": stage.decision,
    }


def remedy_facts(remedy: Remedy) -> Context:
    return {
        "kind": remedy.get_kind_display(),
        "description": remedy.description,
        "due_on": day(remedy.due_on),
        "amount": money(remedy.total_amount),
        "payment_method": (
            remedy.get_payment_method_display().lower() if remedy.payment_method else ""
        ),
    }


def action_facts(action: OutstandingAction) -> Context:
    return {"description": action.description, "due_on": day(action.due_on)}


def letter_context(
    *,
    kind: str,
    complaint: Complaint,
    recipient_name: str,
    recipient_address: str,
    stage: Stage | None = None,
    extension: Extension | None = None,
    refusal: Refusal | None = None,
    remedy: Remedy | None = None,
    action: OutstandingAction | None = None,
    update: ActionUpdate | None = None,
) -> Context:
    """Everything a letter of ``kind`` about ``complaint`` may say, to one recipient."""
    if stage is None:
        stage = complaint.stages.order_by("-number").first()
    context: Context = {
        "letter": {"date": day(timezone.localdate()), "kind": LetterKind(kind).label},
        "recipient": {"name": recipient_name, "address": recipient_address},
        "landlord": landlord_facts(complaint.landlord),
        "ombudsman": ombudsman_facts(complaint.landlord),
        "complaint": {
            "reference": complaint.reference,
            "received_on": day(complaint.received_on),
            "description": complaint.description,
            "outcome_sought": complaint.outcome_sought,
        },
        "stage": stage_facts(stage),
        "no_remedy": NO_REMEDY,
        "no_actions": NO_ACTIONS,
    }
    if kind in (LetterKind.STAGE1_RESPONSE, LetterKind.STAGE2_RESPONSE) and stage is not None:
        # Code 6.9 e, f / 6.19 e, f: what was offered and what is still to do at this stage.
        context["remedies"] = [
            remedy_facts(r)
            for r in stage.remedies.exclude(status=Remedy.Status.DECLINED).order_by("created_at")
        ]
        context["actions"] = [
            action_facts(a)
            for a in stage.outstanding_actions.filter(
                status=OutstandingAction.Status.OPEN
            ).order_by("due_on", "id")
        ]
    if extension is not None:
        context["extension"] = {
            "working_days": extension.working_days,
            "reason": extension.reason,
            "previous_due": day(extension.previous_due),
            "new_due": day(extension.new_due),
        }
    if refusal is not None:
        context["refusal"] = {
            "kind": refusal.get_kind_display(),
            "ground": refusal.get_ground_display(),
            "other_reason": refusal.other_reason,
            "explanation": refusal.explanation,
        }
    if remedy is not None:
        context["remedy"] = remedy_facts(remedy)
    if action is not None:
        context["action"] = action_facts(action)
    if update is not None:
        context["update"] = {"text": update.text}
    return context


def staff_written_text(kind: str, context: Context) -> str:
    """The free text staff wrote for this letter: what the reading level is measured on."""
    stage = context["stage"]
    parts: list[str] = []
    if kind in (LetterKind.STAGE1_ACKNOWLEDGEMENT, LetterKind.STAGE2_ACKNOWLEDGEMENT):
        parts += [
            stage["definition"],
            stage["outcomes_sought"],
            stage["responsible_for"],
            stage["not_responsible_for"],
        ]
    elif kind in (LetterKind.STAGE1_RESPONSE, LetterKind.STAGE2_RESPONSE):
        parts += [stage["decision"], *(p["reasons"] for p in stage["points"])]
        parts += [r["description"] for r in context.get("remedies", [])]
        parts += [a["description"] for a in context.get("actions", [])]
    elif kind == LetterKind.EXTENSION:
        parts.append(context["extension"]["reason"])
    elif kind in (LetterKind.NOT_ACCEPTED, LetterKind.ESCALATION_REFUSED):
        parts += [context["refusal"]["other_reason"], context["refusal"]["explanation"]]
    elif kind == LetterKind.ACTION_UPDATE:
        parts.append(context["update"]["text"])
    elif kind == LetterKind.REMEDY_OFFER:
        parts.append(context["remedy"]["description"])
    # Each field ends a sentence, whether or not staff typed the full stop.
    return "\n\n".join(p.strip().rstrip(".") + "." for p in parts if p and p.strip())


def sample_context(kind: str, *, with_remedies: bool = True) -> Context:
    """Invented facts in the shape of ``letter_context``, to try a template on."""
    stage_number = (
        2
        if kind
        in (
            LetterKind.STAGE2_ACKNOWLEDGEMENT,
            LetterKind.STAGE2_RESPONSE,
            LetterKind.ESCALATION_REFUSED,
        )
        else 1
    )
    remedy = {
        "kind": "Providing a financial remedy",
        "description": "We will pay you for the time and trouble the delay caused",
        "due_on": "15 June 2026",
        "amount": "£150.00",
        "payment_method": "bank transfer",
    }
    action = {"description": "Replace the kitchen extractor fan", "due_on": "22 June 2026"}
    context: Context = {
        "letter": {"date": "1 June 2026", "kind": LetterKind(kind).label},
        "recipient": {"name": "Sample Resident", "address": "1 Sample Street\nSampletown"},
        "landlord": {
            "name": "Sample Homes",
            "address": "Sample House\nSampletown\nSA1 1AA",
            "email": "complaints@sample-homes.example",
            "phone": "0100 000 0000",
            "website": "https://sample-homes.example",
            "contact_ways": [
                "Email: complaints@sample-homes.example",
                "Phone: 0100 000 0000",
                "Post: Sample House, Sampletown, SA1 1AA",
            ],
        },
        "ombudsman": {
            "name": "Sample Ombudsman Service",
            "website": "https://ombudsman.example",
            "complaint_form_url": "https://ombudsman.example/complain",
            "email": "info@ombudsman.example",
            "phone": "0300 000 0001",
            "postal_address": "PO Box 1\nSampletown",
            "postal_address_line": "PO Box 1, Sampletown",
        },
        "complaint": {
            "reference": "C2026-00001",
            "received_on": "20 May 2026",
            "description": "Sample description of what went wrong.",
            "outcome_sought": "Sample outcome.",
        },
        "stage": {
            "number": stage_number,
            "name": f"stage {stage_number}",
            "response_name": "final response" if stage_number == 2 else "stage 1 response",
            "definition": "Sample definition: the repair to the fan was late",
            "outcomes_sought": "Sample outcomes: the fan repaired",
            "responsible_for": "Sample responsibility: repairs inside the home",
            "not_responsible_for": "Sample exclusion: the neighbour's garden",
            "points": [
                {
                    "number": 1,
                    "description": "Sample point about the repair",
                    "finding": "upheld",
                    "reasons": "Sample reasons: the repair took nine weeks",
                    "policy_relied_on": "Sample repairs policy",
                },
            ],
            "response_due": "5 June 2026",
            "outcome": "upheld",
            "decision": "Sample decision: we got this wrong",
        },
        "remedies": [remedy] if with_remedies else [],
        "actions": [action] if with_remedies else [],
        "no_remedy": NO_REMEDY,
        "no_actions": NO_ACTIONS,
        "extension": {
            "working_days": 10,
            "reason": "Sample reason: we are waiting for a contractor's report",
            "previous_due": "5 June 2026",
            "new_due": "19 June 2026",
        },
        "refusal": {
            "kind": "Complaint not accepted",
            "ground": "The issue arose more than 12 months ago",
            "other_reason": "",
            "explanation": "Sample explanation: the issue was in 2023",
        },
        "remedy": remedy,
        "action": action,
        "update": {"text": "Sample update: the new fan arrives on Monday"},
    }
    return context
