from __future__ import annotations

import datetime
from typing import ClassVar

from django.db import models


class Landlord(models.Model):
    """A member of the Housing Ombudsman Scheme running its complaints in Putright."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    ombudsman_membership_number = models.CharField(
        "Housing Ombudsman membership number", max_length=40, blank=True
    )
    address = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    complaint_reference_prefix = models.CharField(max_length=6, default="C")
    service_request_reference_prefix = models.CharField(max_length=6, default="SR")

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class ComplaintPolicy(models.Model):
    """The landlord's complaints policy as the system applies it.

    Timescales are in working days and may only be stricter than the Code's (see
    ``putright.landlords.timescales``); ``landlord_policy_update`` enforces that.
    """

    landlord = models.OneToOneField(Landlord, on_delete=models.CASCADE, related_name="policy")
    stage1_acknowledgement_days = models.PositiveSmallIntegerField(default=5)
    stage1_response_days = models.PositiveSmallIntegerField(default=10)
    stage1_extension_max_days = models.PositiveSmallIntegerField(default=10)
    stage2_acknowledgement_days = models.PositiveSmallIntegerField(default=5)
    stage2_response_days = models.PositiveSmallIntegerField(default=20)
    stage2_extension_max_days = models.PositiveSmallIntegerField(default=20)
    receipt_cutoff_time = models.TimeField(
        default=datetime.time(17, 0),
        help_text="Complaints received after this time count as received on the next working day.",
    )
    partly_upheld_allowed_at_stage1 = models.BooleanField(default=True)
    partly_upheld_allowed_at_stage2 = models.BooleanField(default=True)
    complaint_time_limit_months = models.PositiveSmallIntegerField(
        default=12,
        help_text="Code 2.3: a landlord must accept complaints made within 12 months of the issue.",
    )

    class Meta:
        verbose_name_plural = "complaint policies"

    def __str__(self) -> str:
        return f"Complaints policy of {self.landlord}"


class OmbudsmanContact(models.Model):
    """How residents reach the Housing Ombudsman: given in every letter that must carry it."""

    landlord = models.OneToOneField(
        Landlord, on_delete=models.CASCADE, related_name="ombudsman_contact"
    )
    name = models.CharField(max_length=200, default="Housing Ombudsman Service")
    website = models.URLField(default="https://www.housing-ombudsman.org.uk")
    complaint_form_url = models.URLField(
        default="https://www.housing-ombudsman.org.uk/residents/make-a-complaint/"
    )
    email = models.EmailField(default="info@housing-ombudsman.org.uk")
    phone = models.CharField(max_length=40, default="0300 111 3000")
    postal_address = models.TextField(
        default="Housing Ombudsman Service\nPO Box 152\nLiverpool\nL33 7WQ"
    )

    def __str__(self) -> str:
        return self.name


class Entity(models.Model):
    """A part of the landlord that reports separately, e.g. a council's housing company."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="entities")
    name = models.CharField(max_length=200)
    homes_owned = models.PositiveIntegerField(
        default=0, help_text="Used for complaints per 1,000 homes (TSM CH01)."
    )

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name_plural = "entities"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["landlord", "name"], name="entity_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """A service a complaint can be about and a team can own, e.g. repairs or tenancy management."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="service_areas")
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="service_areas"
    )
    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["landlord", "name"], name="service_area_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
