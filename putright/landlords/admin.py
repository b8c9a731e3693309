"""The landlord's settings in the admin, for its administrators.

An administrator sees and changes only their own landlord's records; a superuser sees every
landlord's. The complaints policy is changed through ``landlord_policy_update`` (which
records the change in the history), and its timescales are judged by
``policy_validate_timescales``: a timescale looser than the Code's is refused with the
Code's reason, never saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from putright.core.actors import Actor
from putright.core.errors import DomainError
from putright.core.services import changes, record_event
from putright.landlords.models import (
    ComplaintPolicy,
    Entity,
    Landlord,
    OmbudsmanContact,
    ServiceArea,
)
from putright.landlords.services import (
    POLICY_FIELDS,
    landlord_create,
    landlord_policy_update,
    policy_validate_timescales,
)
from putright.landlords.timescales import CODE_TIMESCALES


def admin_landlord_id(request: HttpRequest) -> int | None:
    """The landlord an administrator manages; None for a superuser, who manages every one.

    Someone who belongs to no landlord manages none (0 matches no record).
    """
    if request.user.is_superuser:
        return None
    return getattr(request.user, "landlord_id", None) or 0


def admin_actor(request: HttpRequest, landlord_id: int) -> Actor:
    """The administrator as the services know them, acting for ``landlord_id``.

    A superuser belongs to no landlord; the history records the change against the landlord
    whose settings they changed.
    """
    actor = Actor.for_user(request.user)  # type: ignore[arg-type]
    if actor.landlord_id is None and request.user.is_superuser:
        actor = dataclasses.replace(actor, landlord_id=landlord_id)
    return actor


class RecordedAdmin(admin.ModelAdmin):
    """Settings changed in the admin go into the record like any other change (Code 5.12).

    Django's admin log keeps a message; the record keeps who changed what, from what to
    what, in the same transaction as the change. Admins that save through a service (which
    records the change itself) override ``save_model`` without calling this one.
    """

    def _landlord_of(self, obj: Model) -> int:
        return obj.pk if isinstance(obj, Landlord) else obj.landlord_id  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        fields = [name for name in form.changed_data if name in {f.name for f in obj._meta.fields}]
        with transaction.atomic():
            before = changes(type(obj)._default_manager.get(pk=obj.pk), fields) if change else {}
            super().save_model(request, obj, form, change)
            verb = "changed" if change else "added"
            record_event(
                actor=admin_actor(request, self._landlord_of(obj)),
                subject=obj,
                action=f"settings.{obj._meta.model_name}.{verb}",
                summary=f"{str(obj._meta.verbose_name).capitalize()} {verb}: {obj}",
                before=before,
                after=changes(obj, fields),
            )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        with transaction.atomic():
            record_event(
                actor=admin_actor(request, self._landlord_of(obj)),
                subject=obj,
                action=f"settings.{obj._meta.model_name}.deleted",
                summary=f"{str(obj._meta.verbose_name).capitalize()} deleted: {obj}",
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # The list page's bulk delete: one event each, as if deleted one at a time.
        for obj in queryset:
            self.delete_model(request, obj)


class LandlordScopedAdmin(RecordedAdmin):
    """Records that belong to a landlord: an administrator sees and sets only their own.

    The landlord stays on the form (limited to theirs), so the database's uniqueness rules
    that include it are checked on the form rather than failing on save.
    """

    landlord_path = "landlord"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        landlord_id = admin_landlord_id(request)
        if landlord_id is None:
            return queryset
        return queryset.filter(**{f"{self.landlord_path}_id": landlord_id})

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        landlord_id = admin_landlord_id(request)
        if landlord_id is not None:
            related = db_field.related_model
            if related is Landlord:
                kwargs["queryset"] = Landlord.objects.filter(pk=landlord_id)
                kwargs["initial"] = landlord_id
                kwargs["empty_label"] = None
            elif related is not None and any(
                f.name == "landlord" for f in related._meta.get_fields()
            ):
                choices = kwargs.get("queryset", related._default_manager.all())
                kwargs["queryset"] = choices.filter(landlord_id=landlord_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        landlord_id = admin_landlord_id(request)
        if landlord_id is not None and self.landlord_path == "landlord":
            obj.landlord_id = landlord_id  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)


# ---------------------------------------------------------------- landlord details


# Addresses typed without a scheme are taken as https://, as Django 6 will.
HTTPS_BY_DEFAULT: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class OmbudsmanContactInline(admin.StackedInline):
    """Code 3.7: how residents reach the Housing Ombudsman, given in the letters that must."""

    model = OmbudsmanContact
    formfield_overrides = HTTPS_BY_DEFAULT
    can_delete = False
    max_num = 1
    verbose_name = "Housing Ombudsman contact details"
    verbose_name_plural = "Housing Ombudsman contact details"


class EntityInline(admin.TabularInline):
    """The parts of the landlord that report separately, and the homes each owns."""

    model = Entity
    extra = 0
    fields = ("name", "homes_owned")
    verbose_name_plural = "entities and the homes each owns"


@admin.register(Landlord)
class LandlordAdmin(RecordedAdmin):
    formfield_overrides = HTTPS_BY_DEFAULT
    list_display = ("name", "ombudsman_membership_number")
    fieldsets = (
        (None, {"fields": ("name", "slug", "ombudsman_membership_number")}),
        ("Contact details", {"fields": ("address", "email", "phone", "website")}),
        (
            "References",
            {
                "fields": ("complaint_reference_prefix", "service_request_reference_prefix"),
                "description": "Printed before the number of every complaint and service "
                "request. Changing them does not change references already given.",
            },
        ),
    )
    inlines = (OmbudsmanContactInline, EntityInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Landlord]:
        queryset = super().get_queryset(request)
        landlord_id = admin_landlord_id(request)
        return queryset if landlord_id is None else queryset.filter(pk=landlord_id)

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {"slug": ("name",)} if obj is None else {}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The slug names the landlord on the command line and in configuration.
        return ("slug",) if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        # A new landlord gets the Ombudsman's published details from landlord_create; they
        # can be changed once it exists.
        return self.inlines if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new landlord starts with the Code's timescales and the Ombudsman's details, and
        # its creation is recorded: landlord_create does all three.
        details = {
            name: value for name, value in form.cleaned_data.items() if name not in ("name", "slug")
        }
        created = landlord_create(
            name=form.cleaned_data["name"],
            slug=form.cleaned_data["slug"],
            actor=Actor.for_user(request.user),  # type: ignore[arg-type]
            **details,
        )
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


# ---------------------------------------------------------------- the complaints policy


def _timescale_help(field: str) -> str:
    timescale = next(t for t in CODE_TIMESCALES if t.field == field)
    return (
        f"Working days. At most {timescale.code_maximum} (Complaint Handling Code "
        f"{timescale.provision}): you may set fewer, never more."
    )


class ComplaintPolicyForm(forms.ModelForm):
    """The policy's settings, each timescale judged by the Code's rule as it is typed."""

    class Meta:
        model = ComplaintPolicy
        fields = POLICY_FIELDS
        help_texts = {t.field: _timescale_help(t.field) for t in CODE_TIMESCALES} | {
            "complaint_time_limit_months": "At least 12 months (Complaint Handling Code 2.3)."
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        # One field at a time, so every field that breaks the Code says so at once.
        for name in POLICY_FIELDS:
            if name not in self.cleaned_data:
                continue
            try:
                policy_validate_timescales({name: self.cleaned_data[name]})
            except DomainError as error:
                self.add_error(name if name in self.fields else None, str(error))
        return self.cleaned_data


@admin.register(ComplaintPolicy)
class ComplaintPolicyAdmin(LandlordScopedAdmin):
    """Code 5.1, section 6: the timescales the landlord works to, never looser than the Code."""

    form = ComplaintPolicyForm
    list_display = (
        "__str__",
        "stage1_acknowledgement_days",
        "stage1_response_days",
        "stage2_acknowledgement_days",
        "stage2_response_days",
    )
    fieldsets = (
        (None, {"fields": ("landlord",)}),
        (
            "Stage 1",
            {
                "fields": (
                    "stage1_acknowledgement_days",
                    "stage1_response_days",
                    "stage1_extension_max_days",
                    "partly_upheld_allowed_at_stage1",
                )
            },
        ),
        (
            "Stage 2",
            {
                "fields": (
                    "stage2_acknowledgement_days",
                    "stage2_response_days",
                    "stage2_extension_max_days",
                    "partly_upheld_allowed_at_stage2",
                )
            },
        ),
        (
            "Receiving complaints",
            {"fields": ("receipt_cutoff_time", "complaint_time_limit_months")},
        ),
    )
    readonly_fields = ("landlord",)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        # Through the service, which checks the rule again and records the change.
        assert isinstance(obj, ComplaintPolicy)
        changed = {
            name: form.cleaned_data[name] for name in form.changed_data if name in POLICY_FIELDS
        }
        if changed:
            updated = landlord_policy_update(
                landlord=obj.landlord, actor=admin_actor(request, obj.landlord_id), **changed
            )
            obj.refresh_from_db()
            assert updated.pk == obj.pk

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # every landlord has exactly one policy, made with it

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# ---------------------------------------------------------------- entities and service areas


@admin.register(Entity)
class EntityAdmin(LandlordScopedAdmin):
    list_display = ("name", "homes_owned", "landlord")
    fields = ("landlord", "name", "homes_owned")
    search_fields = ("name",)


@admin.register(ServiceArea)
class ServiceAreaAdmin(LandlordScopedAdmin):
    list_display = ("name", "entity", "active", "landlord")
    list_filter = ("active",)
    fields = ("landlord", "name", "entity", "active")
    search_fields = ("name",)
