"""Complaints and service requests: what the Code asks a landlord to know, record and prove.

Models hold data only. Every change goes through ``putright.complaints.services``, which
enforces the Code and appends to the case history.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Channel(models.TextChoices):
    """Code 3.2: a complaint can be made in any way."""

    ONLINE_FORM = "online_form", "Online form"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    SOCIAL_MEDIA = "social_media", "Social media"
    COUNCILLOR_OR_MP = "councillor_or_mp", "Via a councillor or MP"
    REPRESENTATIVE = "representative", "Via a representative"
    SURVEY = "survey", "Signposted from a survey"
    OTHER = "other", "Other"


class Category(models.Model):
    """What a complaint is about; a category with a parent is a sub-category."""

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subcategories"
    )
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "categories"
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "parent", "name"], name="category_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id and self.parent else self.name


class ReferenceCounter(models.Model):
    """The last reference number issued, per landlord, kind and year; taken under a row lock."""

    landlord = models.ForeignKey("landlords.Landlord", on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["landlord", "kind", "year"], name="reference_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_value}"


class ServiceRequest(models.Model):
    """Code 1.4, 1.5: a request for action.

    It is not a complaint until the resident is dissatisfied with how it is handled.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    landlord = models.ForeignKey("landlords.Landlord", on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=30, unique=True)
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    home = models.ForeignKey("residents.Property", null=True, blank=True, on_delete=models.PROTECT)
    received_at = models.DateTimeField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    description = models.TextField()
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service_area = models.ForeignKey(
        "landlords.ServiceArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    dissatisfaction_expressed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-received_at"]
        indexes: ClassVar = [models.Index(fields=["landlord", "status", "-received_at"])]

    def __str__(self) -> str:
        return self.reference


class Complaint(models.Model):
    class Status(models.TextChoices):
        STAGE1_AWAITING_ACKNOWLEDGEMENT = "stage1_awaiting_ack", "Stage 1: to acknowledge"
        STAGE1_INVESTIGATING = "stage1_investigating", "Stage 1: investigating"
        STAGE1_RESPONDED = "stage1_responded", "Stage 1: responded"
        STAGE2_AWAITING_ACKNOWLEDGEMENT = "stage2_awaiting_ack", "Stage 2: to acknowledge"
        STAGE2_INVESTIGATING = "stage2_investigating", "Stage 2: investigating"
        STAGE2_RESPONDED = "stage2_responded", "Stage 2: final response given"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        ESCALATION_REFUSED = "escalation_refused", "Stage 2 refused"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLOSED = "closed", "Closed"

    OPEN_STATUSES: ClassVar = (
        Status.STAGE1_AWAITING_ACKNOWLEDGEMENT,
        Status.STAGE1_INVESTIGATING,
        Status.STAGE2_AWAITING_ACKNOWLEDGEMENT,
        Status.STAGE2_INVESTIGATING,
    )

    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.PROTECT, related_name="complaints"
    )
    reference = models.CharField(max_length=30, unique=True)
    status = models.CharField(
        max_length=24, choices=Status.choices, default=Status.STAGE1_AWAITING_ACKNOWLEDGEMENT
    )
    version = models.PositiveIntegerField(default=1)
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    representative = models.ForeignKey(
        "residents.Representative",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    home = models.ForeignKey(
        "residents.Property",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    is_anonymous = models.BooleanField(
        default=False, help_text="Recorded and investigated, but no formal response can be sent."
    )
    received_at = models.DateTimeField()
    received_on = models.DateField(
        help_text="The working day the complaint counts as received (after the cut-off: the next)."
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    description = models.TextField(help_text="What happened, in the resident's words.")
    occurred_on = models.DateField(null=True, blank=True)
    became_aware_on = models.DateField(null=True, blank=True)
    outcome_sought = models.TextField(blank=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    service_area = models.ForeignKey(
        "landlords.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    entity = models.ForeignKey(
        "landlords.Entity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    third_party_name = models.CharField(
        max_length=200, blank=True, help_text="Code 5.4, 5.5: a contractor or other party involved."
    )
    third_party_handles_response = models.BooleanField(default=False)
    service_request = models.ForeignKey(
        ServiceRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    related_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="related_complaints"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-received_at", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["landlord", "status", "-received_at"]),
            models.Index(fields=["landlord", "-received_at"]),
            # The report's periods: received and withdrawn in a period.
            models.Index(fields=["landlord", "received_on"]),
            models.Index(fields=["landlord", "withdrawn_at"]),
        ]
        permissions: ClassVar = [
            ("log_complaint", "Can log a complaint or service request"),
            ("view_all_complaints", "Can see every complaint, not only their own and their team's"),
            ("triage_complaint", "Can acknowledge, define, assign, refuse and close complaints"),
            ("handle_complaint", "Can investigate, extend and respond to complaints"),
            ("manage_correspondence", "Can record correspondence and documents"),
            ("view_reports", "Can see complaint reports and the self-assessment"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Stage(models.Model):
    """Stage 1 or stage 2 of a complaint.

    There is no third stage and no 'stage 0' (Code 5.2, 5.3).
    """

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    requested_at = models.DateTimeField(
        help_text="Stage 1: when received; stage 2: when escalation was asked for."
    )
    requested_on = models.DateField(help_text="The working day the request counts as received.")
    escalation_reason = models.TextField(
        blank=True, help_text="Code 6.12: optional; never required."
    )
    acknowledgement_due = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    response_due = models.DateField(
        null=True,
        blank=True,
        help_text="Counted in working days from acknowledgement, plus any extension.",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stages_handled",
    )
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_declaration = models.TextField(blank=True)
    # The complaint definition (Code 5.6, 5.7).
    definition = models.TextField(
        blank=True, help_text="The landlord's understanding of the complaint."
    )
    outcomes_sought = models.TextField(blank=True)
    responsible_for = models.TextField(blank=True)
    not_responsible_for = models.TextField(blank=True)
    defined_at = models.DateTimeField(null=True, blank=True)
    # Code 5.9: when a response will be late, how often the resident is kept informed.
    update_interval_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    update_method = models.CharField(max_length=200, blank=True)
    updates_agreed_on = models.DateField(null=True, blank=True)
    # The response.
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    decision = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["complaint", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["complaint", "number"], name="stage_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__in=[1, 2]), name="stage_number_is_one_or_two"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["acknowledgement_due"]),
            models.Index(fields=["response_due"]),
            # The report's periods: stage 2 requested, acknowledged and responded in a period.
            models.Index(fields=["number", "requested_on"]),
            models.Index(fields=["acknowledged_at"]),
            models.Index(fields=["responded_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} stage {self.number}"

    @property
    def is_defined(self) -> bool:
        return self.defined_at is not None

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def is_responded(self) -> bool:
        return self.responded_at is not None


class ComplaintPoint(models.Model):
    """One point of the complaint definition, answered point by point (Code 6.7, 6.18)."""

    class Source(models.TextChoices):
        DEFINITION = "definition", "Complaint definition"
        ADDITIONAL = "additional", "Raised during the investigation (Code 6.8)"

    class Finding(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    description = models.TextField()
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.DEFINITION)
    added_at = models.DateTimeField()
    finding = models.CharField(max_length=12, choices=Finding.choices, blank=True)
    reasons = models.TextField(blank=True)
    policy_relied_on = models.TextField(
        blank=True, help_text="Policy, law or good practice relied on."
    )

    class Meta:
        ordering: ClassVar = ["stage", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["stage", "number"], name="point_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Point {self.number}"


class Extension(models.Model):
    """Code 6.4, 6.5, 6.15, 6.16: more time, for a reason, with the Ombudsman's details given."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="extensions")
    working_days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    previous_due = models.DateField()
    new_due = models.DateField()
    resident_informed_on = models.DateField()
    ombudsman_details_given = models.BooleanField()
    good_reason_beyond_maximum = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["stage", "created_at"]

    def __str__(self) -> str:
        return f"{self.working_days} working days to {self.new_due}"


class Refusal(models.Model):
    """Code 2.1 to 2.5, 5.11: a complaint not accepted, or a stage 2 request refused.

    The ground, the evidence and the explanation given to the resident are all required.
    """

    class Kind(models.TextChoices):
        NOT_ACCEPTED = "not_accepted", "Complaint not accepted"
        ESCALATION_REFUSED = "escalation_refused", "Escalation to stage 2 refused"

    class Ground(models.TextChoices):
        OVER_TWELVE_MONTHS = "over_12_months", "The issue arose more than 12 months ago"
        LEGAL_PROCEEDINGS = "legal_proceedings", "Legal proceedings have started"
        PREVIOUSLY_CONSIDERED = (
            "previously_considered",
            "Already considered under the complaints policy",
        )
        OTHER = "other", "Another reason, stated"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="refusals")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    ground = models.CharField(max_length=24, choices=Ground.choices)
    other_reason = models.TextField(blank=True)
    evidence = models.TextField()
    discretion_considered = models.BooleanField(default=False)
    discretion_notes = models.TextField(blank=True)
    explanation = models.TextField(help_text="What the resident is told, in writing.")
    ombudsman_right_explained = models.BooleanField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["-decided_at"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Correspondence(models.Model):
    """Code 5.12: every message in or out, with the resident or with other parties."""

    class Direction(models.TextChoices):
        INBOUND = "in", "Received"
        OUTBOUND = "out", "Sent"
        INTERNAL = "internal", "Internal note"

    class Medium(models.TextChoices):
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        PHONE = "phone", "Phone call"
        IN_PERSON = "in_person", "In person"
        SMS = "sms", "Text message"
        ONLINE = "online", "Online service"
        NOTE = "note", "Note"
        OTHER = "other", "Other"

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="correspondence"
    )
    direction = models.CharField(max_length=10, choices=Direction.choices)
    medium = models.CharField(max_length=12, choices=Medium.choices)
    occurred_at = models.DateTimeField()
    counterpart = models.CharField(max_length=200, blank=True, help_text="Who it was from or to.")
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "correspondence"
        ordering: ClassVar = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return self.subject or self.get_medium_display()


def attachment_path(instance: Attachment, filename: str) -> str:
    # Stored under an opaque name: the resident's file name stays in the database only.
    return f"complaints/{instance.complaint_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    correspondence = models.ForeignKey(
        Correspondence, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by_label = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
