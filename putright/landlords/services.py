from __future__ import annotations

from typing import Any

from django.db import transaction

from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.core.services import changes, record_event
from putright.landlords.models import ComplaintPolicy, Landlord, OmbudsmanContact
from putright.landlords.timescales import CODE_TIMESCALES, CODE_TIMESCALES_BY_FIELD

POLICY_FIELDS = [
    *(t.field for t in CODE_TIMESCALES),
    "receipt_cutoff_time",
    "partly_upheld_allowed_at_stage1",
    "partly_upheld_allowed_at_stage2",
    "complaint_time_limit_months",
]


def policy_validate_timescales(values: dict[str, Any]) -> None:
    """Raise when a timescale is looser than the Code allows, or makes no sense."""
    for name, value in values.items():
        timescale = CODE_TIMESCALES_BY_FIELD.get(name)
        if timescale is None:
            continue
        if value is None or int(value) < 1:
            raise DomainError(
                f"{timescale.label} must be at least 1 working day.",
                provision=timescale.provision,
                field=name,
            )
        if int(value) > timescale.code_maximum:
            raise DomainError(
                f"{timescale.label} cannot be longer than the Code's {timescale.code_maximum} "
                f"working days; a landlord may set stricter targets, never looser ones.",
                provision=timescale.provision,
                field=name,
            )
    months = values.get("complaint_time_limit_months")
    if months is not None and int(months) < 12:
        raise DomainError(
            "The time limit for making a complaint cannot be shorter than 12 months.",
            provision="2.3",
            field="complaint_time_limit_months",
        )


@transaction.atomic
def landlord_create(
    *, name: str, slug: str, actor: Actor | None = None, **details: Any
) -> Landlord:
    """A landlord with the Code's default policy and the Ombudsman's published contact details."""
    landlord = Landlord.objects.create(name=name, slug=slug, **details)
    ComplaintPolicy.objects.create(landlord=landlord)
    OmbudsmanContact.objects.create(landlord=landlord)
    record_event(
        actor=actor or Actor.system(landlord.pk),
        subject=landlord,
        action="landlord.created",
        summary=f"Landlord {name} set up with the Code's default timescales",
    )
    return landlord


@transaction.atomic
def landlord_policy_update(*, landlord: Landlord, actor: Actor, **values: Any) -> ComplaintPolicy:
    actor.require("landlords.change_complaintpolicy", "change the complaints policy")
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise DomainError(f"Unknown policy settings: {', '.join(sorted(unknown))}.")
    policy_validate_timescales(values)
    policy = ComplaintPolicy.objects.select_for_update().get(landlord=landlord)
    before = changes(policy, list(values))
    for name, value in values.items():
        setattr(policy, name, value)
    policy.save(update_fields=list(values))
    record_event(
        actor=actor,
        subject=policy,
        action="policy.updated",
        summary="Complaints policy changed",
        before=before,
        after=changes(policy, list(values)),
    )
    return policy
