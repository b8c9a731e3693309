"""Learning from complaints (Code section 9) and the Ombudsman's view of the landlord (8.1c-f, 8.5).

Models hold data only. Every change goes through ``putright.learning.services``, which checks
permissions and appends to the record.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models


class RootCause(models.Model):
    """Why things went wrong as the landlord classifies it. A cause with a parent is a sub-cause."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="root_causes"
    )
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_causes"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "parent", "name"], name="root_cause_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id and self.parent else self.name


class ComplaintRootCause(models.Model):
    """Code 9.1: a root cause found for one complaint (a complaint may have several)."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="root_causes"
    )
    root_cause = models.ForeignKey(RootCause, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["complaint", "recorded_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["complaint", "root_cause"], name="complaint_root_cause_unique"
            ),
        ]
        # The report's periods: root causes recorded in a period.
        indexes: ClassVar = [models.Index(fields=["recorded_at"])]

    def __str__(self) -> str:
        return str(self.root_cause)


class ServiceImprovement(models.Model):
    """Code 9.1-9.3: a change to the service, linked to the complaints that prompted it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="service_improvements"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What will change, and why.")
    service_area = models.ForeignKey(
        "landlords.ServiceArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improvements_owned",
    )
    owner_description = models.CharField(
        max_length=200, blank=True, help_text="A team or role, when no single person owns it."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="What difference the change made.")
    complaints = models.ManyToManyField(
        "complaints.Complaint", blank=True, related_name="service_improvements"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["landlord", "status"])]
        permissions: ClassVar = [
            ("manage_learning", "Can record root causes and service improvements"),
        ]

    def __str__(self) -> str:
        return self.title


class OmbudsmanCase(models.Model):
    """A complaint the Housing Ombudsman has been asked to look at, and what it decided."""

    class Status(models.TextChoices):
        ENQUIRY = "enquiry", "Enquiry or request for evidence"
        INVESTIGATING = "investigating", "Being investigated"
        DETERMINED = "determined", "Determined"
        CLOSED = "closed", "Closed without a determination"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="ombudsman_cases"
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ombudsman_cases",
    )
    ombudsman_reference = models.CharField(max_length=60)
    referred_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ENQUIRY)
    determination_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-referred_on", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "ombudsman_reference"], name="ombudsman_case_unique_reference"
            ),
        ]
        permissions: ClassVar = [
            (
                "manage_ombudsman_cases",
                "Can record Ombudsman cases and publications, Code non-compliance and "
                "exceptional circumstances",
            ),
        ]

    def __str__(self) -> str:
        return self.ombudsman_reference


class OmbudsmanFinding(models.Model):
    """The Ombudsman's finding on one issue of a case."""

    class Finding(models.TextChoices):
        SEVERE_MALADMINISTRATION = "severe_maladministration", "Severe maladministration"
        MALADMINISTRATION = "maladministration", "Maladministration"
        SERVICE_FAILURE = "service_failure", "Service failure"
        REASONABLE_REDRESS = "reasonable_redress", "Reasonable redress"
        NO_MALADMINISTRATION = "no_maladministration", "No maladministration"
        OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # Findings that count against the landlord in the Ombudsman's own statistics.
    ADVERSE: ClassVar = (
        Finding.SEVERE_MALADMINISTRATION,
        Finding.MALADMINISTRATION,
        Finding.SERVICE_FAILURE,
    )

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="findings")
    issue = models.CharField(max_length=300, help_text="The issue, as the Ombudsman named it.")
    finding = models.CharField(max_length=28, choices=Finding.choices)

    class Meta:
        ordering: ClassVar = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.issue}: {self.get_finding_display()}"


class OmbudsmanOrder(models.Model):
    """An order or recommendation in a determination, followed until complied with."""

    class Kind(models.TextChoices):
        ORDER = "order", "Order"
        RECOMMENDATION = "recommendation", "Recommendation"

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField()
    compensation_amount = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0"))
    due_on = models.DateField(null=True, blank=True)
    complied_on = models.DateField(null=True, blank=True)
    evidence_sent_on = models.DateField(
        null=True, blank=True, help_text="When evidence of compliance was sent to the Ombudsman."
    )

    class Meta:
        ordering: ClassVar = ["case", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class OmbudsmanPublication(models.Model):
    """Code 8.1e, 8.1f: the Ombudsman's annual letter and other reports about the landlord."""

    class Kind(models.TextChoices):
        ANNUAL_PERFORMANCE_LETTER = "annual_letter", "Annual performance letter"
        SPECIAL_REPORT = "special_report", "Special investigation report"
        COMPLAINT_HANDLING_FAILURE = "chfo", "Complaint handling failure order"
        OTHER = "other", "Other report"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="ombudsman_publications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=300)
    published_on = models.DateField()
    summary = models.TextField(blank=True)
    document = models.FileField(upload_to="ombudsman/publications/", blank=True, max_length=300)
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CodeNonCompliance(models.Model):
    """Code 8.1c: a finding that the landlord did not comply with a provision of the Code."""

    class Source(models.TextChoices):
        OMBUDSMAN = "ombudsman", "The Housing Ombudsman"
        SELF_ASSESSMENT = "self_assessment", "The landlord's self-assessment"
        INTERNAL = "internal", "Internal review or audit"

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="code_non_compliance"
    )
    provision = models.CharField(max_length=8, help_text="The Code provision, e.g. 6.2.")
    source = models.CharField(max_length=16, choices=Source.choices)
    found_on = models.DateField()
    description = models.TextField()
    ombudsman_case = models.ForeignKey(
        OmbudsmanCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.TextField(blank=True, help_text="What the landlord is doing about it.")
    remedied_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "Code non-compliance finding"
        ordering: ClassVar = ["-found_on", "-id"]

    def __str__(self) -> str:
        return f"{self.provision}: {self.description[:60]}"


class ExceptionalCircumstance(models.Model):
    """Code 8.5: circumstances stopping the landlord meeting the Code, told to the Ombudsman."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="exceptional_circumstances"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    description = models.TextField()
    provisions_affected = models.CharField(max_length=200, blank=True)
    ombudsman_informed_on = models.DateField(null=True, blank=True)
    residents_informed_on = models.DateField(null=True, blank=True)
    # Code 8.5 also asks for a notice on the landlord's website and a timescale for returning
    # to compliance.
    published_on = models.DateField(
        null=True, blank=True, help_text="When it was published on the landlord's website."
    )
    compliant_again_by = models.DateField(
        null=True, blank=True, help_text="When the landlord expects to comply with the Code again."
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"From {self.starts_on}: {self.description[:60]}"


class SatisfactionInvitation(models.Model):
    """A survey about how a closed complaint was handled, sent once per complaint and stage."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="satisfaction_invitations"
    )
    stage_number = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-sent_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["complaint", "stage_number"], name="satisfaction_invitation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} stage {self.stage_number}"


class SatisfactionResponse(models.Model):
    """A resident's answer: satisfied or not with how the complaint was handled."""

    class Rating(models.IntegerChoices):
        VERY_DISSATISFIED = 1, "Very dissatisfied"
        DISSATISFIED = 2, "Dissatisfied"
        NEITHER = 3, "Neither satisfied nor dissatisfied"
        SATISFIED = 4, "Satisfied"
        VERY_SATISFIED = 5, "Very satisfied"

    invitation = models.OneToOneField(
        SatisfactionInvitation, on_delete=models.CASCADE, related_name="response"
    )
    handling = models.PositiveSmallIntegerField(
        choices=Rating.choices, help_text="How satisfied with the way the complaint was handled."
    )
    outcome = models.PositiveSmallIntegerField(
        choices=Rating.choices, null=True, blank=True, help_text="How satisfied with the outcome."
    )
    comments = models.TextField(blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-answered_at"]

    def __str__(self) -> str:
        return self.get_handling_display()

    @property
    def is_satisfied(self) -> bool:
        return self.handling >= self.Rating.SATISFIED
