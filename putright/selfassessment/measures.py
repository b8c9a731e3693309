"""What Putright can measure, provision by provision, about how the Code was kept in practice.

``MEASURES`` maps a provision to the function that measures it from the records for a period.
Each returns a ``Measurement``: a sentence of evidence with the figures ("3 of 4 stage 1
complaints acknowledged within 5 working days (75.0 %)") and whether practice, or the
landlord's own settings, fall short of the Code. Provisions missing from ``MEASURES`` are the
landlord's to evidence; the self-assessment leaves their evidence for the landlord to write.

Timeliness is measured against the Code's own timescales (``CODE_TIMESCALES``), not the
landlord's stricter targets: the self-assessment asks whether the Code was met.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from putright.accounts.models import User
from putright.accounts.roles import ROLES_BY_SLUG
from putright.complaints.models import Complaint, ComplaintPoint, Extension, Refusal, Stage
from putright.landlords.models import ComplaintPolicy, Landlord
from putright.landlords.timescales import CODE_TIMESCALES, CODE_TIMESCALES_BY_FIELD
from putright.learning.models import (
    ComplaintRootCause,
    ExceptionalCircumstance,
    ServiceImprovement,
)
from putright.remedies.models import OutstandingAction, Remedy
from putright.workdays.rules import WorkingCalendar
from putright.workdays.selectors import calendar_for_landlord


@dataclass(frozen=True)
class Measurement:
    evidence: str
    shortfall: bool = False


@dataclass
class MeasureContext:
    """The landlord and period being measured, with what several measures share, read once."""

    landlord: Landlord
    period_from: datetime.date
    period_to: datetime.date
    today: datetime.date

    @cached_property
    def calendar(self) -> WorkingCalendar:
        return calendar_for_landlord(landlord_id=self.landlord.pk)

    @cached_property
    def policy(self) -> ComplaintPolicy:
        return ComplaintPolicy.objects.get(landlord_id=self.landlord.pk)

    @property
    def as_of(self) -> datetime.date:
        """The last day whose deadlines can have passed: the period's end, or today if sooner."""
        return min(self.period_to, self.today)

    def in_period(self, day: datetime.date) -> bool:
        return self.period_from <= day <= self.period_to

    def stages(self, number: int) -> QuerySet[Stage]:
        return Stage.objects.filter(complaint__landlord_id=self.landlord.pk, number=number)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %"


def of(part: int, whole: int, what: str) -> str:
    """``"3 of 4 <what> (75.0 %)."``: ``what`` says what the 3 did."""
    return f"{part} of {whole} {what} ({percent(part, whole)})."


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _sentences(parts: Iterable[str]) -> str:
    return " ".join(part for part in parts if part)


def _setting(context: MeasureContext, field: str) -> Measurement:
    """Whether the landlord's policy setting for a Code timescale meets the Code."""
    timescale = CODE_TIMESCALES_BY_FIELD[field]
    value = getattr(context.policy, field)
    if value > timescale.code_maximum:
        return Measurement(
            f"The complaints policy in Putright sets {timescale.label.lower()} at {value} "
            f"working days, longer than the Code's {timescale.code_maximum}.",
            shortfall=True,
        )
    return Measurement(
        f"The complaints policy in Putright sets {timescale.label.lower()} at {value} working "
        f"days (the Code: at most {timescale.code_maximum})."
    )


def _combine(*measurements: Measurement) -> Measurement:
    return Measurement(
        _sentences(m.evidence for m in measurements),
        shortfall=any(m.shortfall for m in measurements),
    )


# ---------------------------------------------------------------- timeliness


def _acknowledgement(context: MeasureContext, number: int, setting: str) -> Measurement:
    """Code 6.2, 6.11: acknowledged within 5 working days of the request being received."""
    code_days = CODE_TIMESCALES_BY_FIELD[setting].code_maximum
    refused_kind = Refusal.Kind.NOT_ACCEPTED if number == 1 else Refusal.Kind.ESCALATION_REFUSED
    rows = (
        context.stages(number)
        .filter(requested_on__range=(context.period_from, context.period_to))
        .annotate(
            refused=Exists(
                Refusal.objects.filter(complaint_id=OuterRef("complaint_id"), kind=refused_kind)
            )
        )
        .values_list("requested_on", "acknowledged_at", "refused", "complaint__withdrawn_at")
    )
    in_time = counted = not_yet_due = 0
    for requested_on, acknowledged_at, refused, withdrawn_at in rows:
        due = context.calendar.add_working_days(requested_on, code_days)
        acknowledged_on = _local_day(acknowledged_at)
        if acknowledged_on is None:
            if refused or withdrawn_at is not None:
                continue  # refused or withdrawn instead: nothing was owed an acknowledgement
            if due >= context.as_of:
                not_yet_due += 1
                continue
        counted += 1
        if acknowledged_on is not None and acknowledged_on <= due:
            in_time += 1
    what = "stage 1 complaints" if number == 1 else "stage 2 requests"
    if not counted:
        practice = Measurement(f"No {what} were due to be acknowledged in the period.")
    else:
        practice = Measurement(
            of(in_time, counted, f"{what} acknowledged within {code_days} working days"),
            shortfall=in_time < counted,
        )
    pending = Measurement(f"{not_yet_due} not yet due to be acknowledged.") if not_yet_due else None
    return _combine(practice, *([pending] if pending else []), _setting(context, setting))


def _response(context: MeasureContext, number: int, setting: str) -> Measurement:
    """Code 6.3, 6.14: responded within the Code's timescale from acknowledgement, counting
    any extension as the Code allows (6.4, 6.15)."""
    code_days = CODE_TIMESCALES_BY_FIELD[setting].code_maximum
    rows = (
        context.stages(number)
        .filter(acknowledged_at__isnull=False)
        .filter(
            Q(responded_at__date__range=(context.period_from, context.period_to))
            | Q(responded_at__isnull=True, complaint__withdrawn_at__isnull=True)
        )
        .annotate(extended_by=Sum("extensions__working_days"), extensions_given=Count("extensions"))
        .values_list("acknowledged_at", "responded_at", "extended_by", "extensions_given")
    )
    in_time = counted = extended = 0
    for acknowledged_at, responded_at, extended_by, extensions_given in rows:
        acknowledged_on = _local_day(acknowledged_at)
        assert acknowledged_on is not None
        due = context.calendar.add_working_days(acknowledged_on, code_days + (extended_by or 0))
        responded_on = _local_day(responded_at)
        if responded_on is None:
            # Unanswered: late once its deadline has passed within the period.
            if not (context.period_from <= due < context.as_of):
                continue
        elif not context.in_period(responded_on):
            continue
        counted += 1
        extended += 1 if extensions_given else 0
        if responded_on is not None and responded_on <= due:
            in_time += 1
    what = "stage 1 responses" if number == 1 else "stage 2 final responses"
    if not counted:
        practice = Measurement(f"No {what} were due in the period.")
    else:
        practice = Measurement(
            of(
                in_time,
                counted,
                f"{what} given within {code_days} working days of acknowledgement, or within "
                "an extension",
            )
            + f" {extended} of them were extended.",
            shortfall=in_time < counted,
        )
    return _combine(practice, _setting(context, setting))


def measure_stage1_acknowledgement(context: MeasureContext) -> Measurement:
    return _acknowledgement(context, 1, "stage1_acknowledgement_days")


def measure_stage2_acknowledgement(context: MeasureContext) -> Measurement:
    return _acknowledgement(context, 2, "stage2_acknowledgement_days")


def measure_stage1_response(context: MeasureContext) -> Measurement:
    return _response(context, 1, "stage1_response_days")


def measure_stage2_response(context: MeasureContext) -> Measurement:
    return _response(context, 2, "stage2_response_days")


# ---------------------------------------------------------------- extensions


def _extensions(context: MeasureContext, number: int) -> QuerySet[Extension]:
    return Extension.objects.filter(
        stage__complaint__landlord_id=context.landlord.pk,
        stage__number=number,
        created_at__date__range=(context.period_from, context.period_to),
    )


def _extension_length(context: MeasureContext, number: int, setting: str) -> Measurement:
    """Code 6.4, 6.15: no more than 10 (20) working days in all without a good reason."""
    maximum = CODE_TIMESCALES_BY_FIELD[setting].code_maximum
    stage_ids = _extensions(context, number).values("stage_id")
    stages = (
        Stage.objects.filter(pk__in=stage_ids)
        .annotate(
            total=Sum("extensions__working_days"),
            good_reasons=Count("extensions", filter=~Q(extensions__good_reason_beyond_maximum="")),
        )
        .values_list("total", "good_reasons")
    )
    extended = beyond = without_reason = 0
    for total, good_reasons in stages:
        extended += 1
        if total > maximum:
            beyond += 1
            without_reason += 0 if good_reasons else 1
    if not extended:
        practice = Measurement(f"No stage {number} response was extended in the period.")
    else:
        practice = Measurement(
            f"{extended} stage {number} responses extended; {beyond} beyond {maximum} working "
            f"days, {without_reason} of them without a good reason recorded.",
            shortfall=without_reason > 0,
        )
    return _combine(practice, _setting(context, setting))


def _ombudsman_details(context: MeasureContext, number: int) -> Measurement:
    """Code 6.5, 6.16: the Ombudsman's contact details given with every extension."""
    extensions = _extensions(context, number).aggregate(
        total=Count("pk"), given=Count("pk", filter=Q(ombudsman_details_given=True))
    )
    total, given = extensions["total"], extensions["given"]
    if not total:
        return Measurement(f"No stage {number} response was extended in the period.")
    if given == total:
        return Measurement(
            f"Every one of the {total} stage {number} extensions was given with the "
            "Ombudsman's contact details."
        )
    return Measurement(
        of(given, total, f"stage {number} extensions given with the Ombudsman's contact details"),
        shortfall=True,
    )


def measure_stage1_extension_length(context: MeasureContext) -> Measurement:
    return _extension_length(context, 1, "stage1_extension_max_days")


def measure_stage2_extension_length(context: MeasureContext) -> Measurement:
    return _extension_length(context, 2, "stage2_extension_max_days")


def measure_stage1_extension_ombudsman_details(context: MeasureContext) -> Measurement:
    return _ombudsman_details(context, 1)


def measure_stage2_extension_ombudsman_details(context: MeasureContext) -> Measurement:
    return _ombudsman_details(context, 2)


# ---------------------------------------------------------------- handlers and responses


def measure_stage2_handler_differs(context: MeasureContext) -> Measurement:
    """Code 6.13: the person considering stage 2 is not the person who considered stage 1."""
    stage1 = Stage.objects.filter(complaint_id=OuterRef("complaint_id"), number=1)
    rows = (
        context.stages(2)
        .filter(
            Q(responded_at__date__range=(context.period_from, context.period_to))
            | Q(
                responded_at__isnull=True,
                handler__isnull=False,
                requested_on__lte=context.period_to,
            )
        )
        .annotate(
            same_person=Exists(
                stage1.filter(
                    Q(handler_id=OuterRef("handler_id"))
                    | Q(responded_by_id=OuterRef("responded_by_id"))
                )
            )
        )
        .aggregate(total=Count("pk"), same=Count("pk", filter=Q(same_person=True)))
    )
    total, same = rows["total"], rows["same"]
    if not total:
        return Measurement("No stage 2 complaint was considered in the period.")
    if not same:
        return Measurement(
            f"In every one of the {total} stage 2 complaints considered in the period, the "
            "stage 2 handler was not the person who considered stage 1."
        )
    return Measurement(
        f"In {same} of {total} stage 2 complaints ({percent(same, total)}) the same person "
        "considered stage 1 and stage 2.",
        shortfall=True,
    )


def _points_answered(context: MeasureContext, number: int) -> Measurement:
    """Code 6.7, 6.18: every point of the complaint definition answered, with reasons."""
    unanswered = ComplaintPoint.objects.filter(stage_id=OuterRef("pk")).filter(
        Q(finding="") | Q(reasons="")
    )
    rows = (
        context.stages(number)
        .filter(responded_at__date__range=(context.period_from, context.period_to))
        .annotate(gaps=Exists(unanswered))
        .aggregate(total=Count("pk"), complete=Count("pk", filter=Q(gaps=False)))
    )
    total, complete = rows["total"], rows["complete"]
    what = "stage 1 responses" if number == 1 else "stage 2 final responses"
    if not total:
        return Measurement(f"No {what} were given in the period.")
    return Measurement(
        of(
            complete,
            total,
            f"{what} answered every point of the complaint definition with a finding and reasons",
        ),
        shortfall=complete < total,
    )


def measure_stage1_points_answered(context: MeasureContext) -> Measurement:
    return _points_answered(context, 1)


def measure_stage2_points_answered(context: MeasureContext) -> Measurement:
    return _points_answered(context, 2)


def measure_update_intervals(context: MeasureContext) -> Measurement:
    """Code 5.9: when a response is late, intervals for keeping the resident informed agreed."""
    late = (
        Stage.objects.filter(
            complaint__landlord_id=context.landlord.pk,
            response_due__range=(context.period_from, context.as_of),
        )
        .filter(Q(responded_at__isnull=True) | Q(responded_at__date__gt=F("response_due")))
        .exclude(complaint__withdrawn_at__isnull=False, responded_at__isnull=True)
        .aggregate(total=Count("pk"), agreed=Count("pk", filter=Q(updates_agreed_on__isnull=False)))
    )
    total, agreed = late["total"], late["agreed"]
    if not total:
        return Measurement("No response fell outside its timescale in the period.")
    return Measurement(
        of(
            agreed,
            total,
            "responses that fell outside their timescale had intervals for updating the "
            "resident agreed",
        ),
        shortfall=agreed < total,
    )


# ---------------------------------------------------------------- refusals


def _refusals(context: MeasureContext, kind: str) -> QuerySet[Refusal]:
    return Refusal.objects.filter(
        complaint__landlord_id=context.landlord.pk,
        kind=kind,
        decided_at__date__range=(context.period_from, context.period_to),
    )


def measure_refusals_evidenced(context: MeasureContext) -> Measurement:
    """Code 2.1: a complaint not accepted only for a valid reason, with the reasoning evidenced."""
    refusals = _refusals(context, Refusal.Kind.NOT_ACCEPTED)
    counts = refusals.aggregate(total=Count("pk"), evidenced=Count("pk", filter=~Q(evidence="")))
    total = counts["total"]
    if not total:
        return Measurement("No complaint was refused in the period.")
    grounds = dict(Refusal.Ground.choices)
    by_ground = refusals.values_list("ground").annotate(n=Count("pk")).order_by("-n", "ground")
    breakdown = "; ".join(f"{grounds.get(g, g).lower()}: {n}" for g, n in by_ground)
    return Measurement(
        of(counts["evidenced"], total, "complaints not accepted had the evidence recorded")
        + f" By ground: {breakdown}.",
        shortfall=counts["evidenced"] < total,
    )


def measure_time_limit(context: MeasureContext) -> Measurement:
    """Code 2.3: complaints accepted within 12 months; discretion considered beyond that."""
    months = context.policy.complaint_time_limit_months
    setting = Measurement(
        f"The complaints policy in Putright accepts complaints made within {months} months.",
        shortfall=months < 12,
    )
    counts = _refusals(context, Refusal.Kind.NOT_ACCEPTED).aggregate(
        total=Count("pk", filter=Q(ground=Refusal.Ground.OVER_TWELVE_MONTHS)),
        considered=Count(
            "pk", filter=Q(ground=Refusal.Ground.OVER_TWELVE_MONTHS, discretion_considered=True)
        ),
    )
    if not counts["total"]:
        return _combine(setting, Measurement("No complaint was refused as over 12 months old."))
    practice = Measurement(
        of(
            counts["considered"],
            counts["total"],
            "complaints refused as over 12 months old had discretion considered and recorded",
        ),
        shortfall=counts["considered"] < counts["total"],
    )
    return _combine(setting, practice)


def _right_to_ombudsman(context: MeasureContext, kind: str, what: str) -> Measurement:
    counts = _refusals(context, kind).aggregate(
        total=Count("pk"),
        explained=Count("pk", filter=Q(ombudsman_right_explained=True) & ~Q(explanation="")),
    )
    total, explained = counts["total"], counts["explained"]
    if not total:
        return Measurement(f"No {what} in the period.")
    if explained == total:
        return Measurement(
            f"Every one of the {total} {what} was explained to the resident in writing, with "
            "their right to take the decision to the Ombudsman."
        )
    return Measurement(
        of(explained, total, f"{what} explained with the right to go to the Ombudsman"),
        shortfall=True,
    )


def measure_refusals_explained(context: MeasureContext) -> Measurement:
    """Code 2.4: every refusal explained, with the right to take it to the Ombudsman."""
    return _right_to_ombudsman(context, Refusal.Kind.NOT_ACCEPTED, "complaints not accepted")


def measure_escalation_refusals_explained(context: MeasureContext) -> Measurement:
    """Code 5.11: escalation refused only for valid reasons, clearly set out."""
    return _right_to_ombudsman(
        context, Refusal.Kind.ESCALATION_REFUSED, "requests for stage 2 refused"
    )


# ---------------------------------------------------------------- putting things right


def measure_outstanding_actions(context: MeasureContext) -> Measurement:
    """Code 6.6, 6.17: outstanding actions tracked and done promptly."""
    actions = OutstandingAction.objects.filter(
        complaint__landlord_id=context.landlord.pk,
        due_on__range=(context.period_from, context.period_to),
    ).exclude(status=OutstandingAction.Status.CANCELLED)
    counts = actions.aggregate(
        total=Count("pk"),
        on_time=Count(
            "pk",
            filter=Q(status=OutstandingAction.Status.COMPLETED, completed_on__lte=F("due_on")),
        ),
        overdue=Count(
            "pk", filter=Q(status=OutstandingAction.Status.OPEN, due_on__lt=context.as_of)
        ),
    )
    if not counts["total"]:
        return Measurement("No outstanding action fell due in the period.")
    return Measurement(
        of(
            counts["on_time"],
            counts["total"],
            "outstanding actions due in the period completed by their due date",
        )
        + f" {counts['overdue']} still open past their due date.",
        shortfall=counts["overdue"] > 0,
    )


def measure_remedies_followed_through(context: MeasureContext) -> Measurement:
    """Code 7.3: every remedy followed through to completion, by when it said."""
    remedies = Remedy.objects.filter(
        complaint__landlord_id=context.landlord.pk,
        due_on__range=(context.period_from, context.period_to),
    ).exclude(status=Remedy.Status.DECLINED)
    counts = remedies.aggregate(
        total=Count("pk"),
        on_time=Count(
            "pk", filter=Q(status=Remedy.Status.COMPLETED, completed_on__lte=F("due_on"))
        ),
        overdue=Count(
            "pk",
            filter=Q(status__in=[Remedy.Status.OFFERED, Remedy.Status.ACCEPTED])
            & Q(due_on__lt=context.as_of),
        ),
    )
    if not counts["total"]:
        return Measurement("No remedy fell due in the period.")
    return Measurement(
        of(counts["on_time"], counts["total"], "remedies due in the period completed on time")
        + f" {counts['overdue']} not yet completed past their due date.",
        shortfall=counts["overdue"] > 0,
    )


# ---------------------------------------------------------------- oversight


def measure_exceptional_circumstances(context: MeasureContext) -> Measurement:
    """Code 8.5: exceptional circumstances reported to the Ombudsman and residents."""
    circumstances = ExceptionalCircumstance.objects.filter(
        landlord_id=context.landlord.pk, starts_on__lte=context.period_to
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=context.period_from))
    counts = circumstances.aggregate(
        total=Count("pk"),
        informed=Count(
            "pk",
            filter=Q(ombudsman_informed_on__isnull=False, residents_informed_on__isnull=False),
        ),
    )
    if not counts["total"]:
        return Measurement("No exceptional circumstances affected compliance in the period.")
    return Measurement(
        of(
            counts["informed"],
            counts["total"],
            "exceptional circumstances reported to the Ombudsman and the residents affected",
        ),
        shortfall=counts["informed"] < counts["total"],
    )


def measure_learning(context: MeasureContext) -> Measurement:
    """Code 9.1: learning looked for beyond the individual complaint."""
    closed = Complaint.objects.filter(
        landlord_id=context.landlord.pk,
        closed_at__date__range=(context.period_from, context.period_to),
    )
    counts = closed.aggregate(
        total=Count("pk"),
        with_cause=Count(
            "pk", filter=Q(Exists(ComplaintRootCause.objects.filter(complaint_id=OuterRef("pk"))))
        ),
    )
    improvements = ServiceImprovement.objects.filter(
        landlord_id=context.landlord.pk,
        created_at__date__range=(context.period_from, context.period_to),
    ).aggregate(total=Count("pk"), linked=Count("pk", filter=Q(complaints__isnull=False)))
    parts = [
        of(
            counts["with_cause"],
            counts["total"],
            "complaints closed in the period had a root cause recorded",
        )
        if counts["total"]
        else "No complaint was closed in the period.",
        f"{improvements['total']} service improvements recorded in the period.",
    ]
    return Measurement(_sentences(parts))


def _role_holders(context: MeasureContext, slug: str) -> int:
    return (
        User.objects.filter(
            landlord_id=context.landlord.pk, is_active=True, groups__name=ROLES_BY_SLUG[slug].name
        )
        .distinct()
        .count()
    )


def measure_senior_lead(context: MeasureContext) -> Measurement:
    """Code 9.4: a suitably senior lead person accountable for complaint handling."""
    holders = _role_holders(context, "senior_lead")
    if not holders:
        return Measurement("No one holds the senior lead role in Putright.", shortfall=True)
    return Measurement(f"{holders} active staff hold the senior lead role in Putright.")


def measure_member_responsible(context: MeasureContext) -> Measurement:
    """Code 9.5: a Member Responsible for Complaints on the governing body."""
    holders = _role_holders(context, "governing_body")
    if not holders:
        return Measurement(
            "No one holds the Member Responsible for Complaints / governing body role in Putright.",
            shortfall=True,
        )
    return Measurement(
        f"{holders} people hold the Member Responsible for Complaints / governing body role "
        "in Putright and receive its reports."
    )


Measure = Callable[[MeasureContext], Measurement]

# The registry: provision -> how Putright measures it. Provisions not here are evidenced by
# the landlord (they are organisational, or about documents Putright does not hold).
MEASURES: dict[str, Measure] = {
    "2.1": measure_refusals_evidenced,
    "2.3": measure_time_limit,
    "2.4": measure_refusals_explained,
    "5.9": measure_update_intervals,
    "5.11": measure_escalation_refusals_explained,
    "6.2": measure_stage1_acknowledgement,
    "6.3": measure_stage1_response,
    "6.4": measure_stage1_extension_length,
    "6.5": measure_stage1_extension_ombudsman_details,
    "6.6": measure_outstanding_actions,
    "6.7": measure_stage1_points_answered,
    "6.11": measure_stage2_acknowledgement,
    "6.13": measure_stage2_handler_differs,
    "6.14": measure_stage2_response,
    "6.15": measure_stage2_extension_length,
    "6.16": measure_stage2_extension_ombudsman_details,
    "6.17": measure_outstanding_actions,
    "6.18": measure_stage2_points_answered,
    "7.3": measure_remedies_followed_through,
    "8.5": measure_exceptional_circumstances,
    "9.1": measure_learning,
    "9.4": measure_senior_lead,
    "9.5": measure_member_responsible,
}

# Every timescale the Code sets is measured where it is set.
assert {t.provision for t in CODE_TIMESCALES} <= set(MEASURES)


def measure_all(
    *,
    landlord: Landlord,
    period_from: datetime.date,
    period_to: datetime.date,
    today: datetime.date | None = None,
) -> dict[str, Measurement]:
    """Every measure in the registry, for the landlord and period."""
    context = MeasureContext(
        landlord=landlord,
        period_from=period_from,
        period_to=period_to,
        today=today or timezone.localdate(),
    )
    return {provision: measure(context) for provision, measure in MEASURES.items()}
