"""Residents, the people acting for them, their homes, and what the Code asks landlords to know
about them. Disabilities, vulnerabilities and adjustments are special-category data: only roles
holding ``residents.view_special_category`` may read them (see ``residents.selectors``)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    SMS = "sms", "Text message"


class Property(models.Model):
    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="properties"
    )
    entity = models.ForeignKey("landlords.Entity", null=True, blank=True, on_delete=models.SET_NULL)
    uprn = models.CharField("UPRN", max_length=12, blank=True)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, db_index=True)

    class Meta:
        verbose_name_plural = "properties"
        ordering: ClassVar = ["postcode", "address_line_1"]

    def __str__(self) -> str:
        return ", ".join(
            p for p in (self.address_line_1, self.address_line_2, self.town, self.postcode) if p
        )


class Resident(models.Model):
    landlord = models.ForeignKey(
        "landlords.Landlord", on_delete=models.CASCADE, related_name="residents"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(
        blank=True, help_text="Where letters go, if not the property."
    )
    home = models.ForeignKey(
        Property, null=True, blank=True, on_delete=models.SET_NULL, related_name="residents"
    )
    tenancy_reference = models.CharField(max_length=40, blank=True)
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    contact_frequency = models.CharField(
        max_length=200, blank=True, help_text="How often the resident wants to hear from us."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["name"]
        permissions: ClassVar = [
            ("view_special_category", "Can see disabilities, vulnerabilities and adjustments"),
            ("manage_residents", "Can record residents, representatives and adjustments"),
            ("manage_restrictions", "Can restrict contact for unacceptable behaviour"),
        ]

    def __str__(self) -> str:
        return self.name


class Representative(models.Model):
    """Someone acting for a resident (Code 1.3, 3.6), with the resident's authority."""

    class Relationship(models.TextChoices):
        RELATIVE = "relative", "Relative"
        FRIEND = "friend", "Friend"
        ADVOCATE = "advocate", "Advocate or support worker"
        COUNCILLOR = "councillor", "Councillor"
        MP = "mp", "MP"
        SOLICITOR = "solicitor", "Solicitor"
        OTHER = "other", "Other"

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    authority_given_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the resident gave their consent for this person to act.",
    )
    authority_evidence = models.TextField(
        blank=True, help_text="How the consent was given or is held."
    )
    receives_copies = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"

    @property
    def has_authority(self) -> bool:
        return self.authority_given_on is not None


class ReasonableAdjustment(models.Model):
    """Code 5.10: every adjustment agreed and every disability disclosed, with a review date."""

    class Kind(models.TextChoices):
        LARGE_PRINT = "large_print", "Large print"
        EASY_READ = "easy_read", "Easy read"
        PHONE_INSTEAD_OF_LETTERS = "phone", "Phone calls instead of letters"
        REPRESENTATIVE = "representative", "Someone to act for them"
        INTERPRETER = "interpreter", "An interpreter"
        BRAILLE = "braille", "Braille"
        OTHER = "other", "Other"

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    details = models.TextField(blank=True)
    disability_disclosed = models.TextField(blank=True)
    agreed_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["-agreed_on"]
        indexes: ClassVar = [models.Index(fields=["review_on"])]

    def __str__(self) -> str:
        return self.get_kind_display()


class Vulnerability(models.Model):
    """Code 6.1: circumstances triage must consider when deciding how quickly to respond."""

    class Kind(models.TextChoices):
        HEALTH = "health", "Physical or mental health"
        AGE = "age", "Age"
        SAFEGUARDING = "safeguarding", "Safeguarding concern"
        HOUSEHOLD = "household", "Household circumstances"
        FINANCIAL = "financial", "Financial hardship"
        LANGUAGE = "language", "Language or literacy"
        OTHER = "other", "Other"

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="vulnerabilities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    details = models.TextField(blank=True)
    recorded_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "vulnerabilities"
        ordering: ClassVar = ["-recorded_on"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Restriction(models.Model):
    """Code 5.14, 5.15: a proportionate restriction on contact for unacceptable behaviour."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="restrictions")
    behaviour = models.TextField()
    evidence = models.TextField()
    restriction = models.TextField(
        help_text="What contact is restricted, and how the resident can still reach us."
    )
    equality_considerations = models.TextField(
        help_text="How the Equality Act 2010 was considered, including any disability."
    )
    starts_on = models.DateField()
    review_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reviewed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["review_on"]
        indexes: ClassVar = [models.Index(fields=["review_on"])]

    def __str__(self) -> str:
        return f"Restriction from {self.starts_on}"


class ComplaintSignInLink(models.Model):
    """A single-use, expiring link that lets a resident (or their representative) see one
    complaint in the resident service without an account. Only a hash of its secret is kept,
    so a copy of the database cannot be used to sign in."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="sign_in_links"
    )
    secret_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"Sign-in link {self.pk}"


class ResidentServiceAttempt(models.Model):
    """One use of a rate-limited action of the resident service (submitting a complaint,
    asking for a sign-in link), counted per client address. The address is kept only as a
    keyed hash: enough to count, not enough to say who it was."""

    action = models.CharField(max_length=40)
    client_key = models.CharField(max_length=64)
    attempted_at = models.DateTimeField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["action", "client_key", "attempted_at"])]

    def __str__(self) -> str:
        return f"{self.action} at {self.attempted_at:%Y-%m-%d %H:%M}"
