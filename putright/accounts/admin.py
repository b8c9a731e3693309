"""Staff, roles, teams and role security in the admin, for a landlord's administrators.

An administrator sees and changes only their own landlord's staff and teams, gives roles
(Django groups) but never superuser status or single permissions, and cannot touch a
superuser's account. Access to these pages follows the Administrator role
(``user_admin_access_sync``), so ``is_staff`` is shown, not edited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import RoleSecurity, Team, User
from putright.accounts.services import role_security_ensure
from putright.landlords.models import Landlord


def _landlord_id(request: HttpRequest) -> int | None:
    """The landlord an administrator manages; None for a superuser, who manages every one."""
    if request.user.is_superuser:
        return None
    return getattr(request.user, "landlord_id", None) or 0


def _limit_landlord_choices(
    request: HttpRequest, db_field: ForeignKey, kwargs: dict[str, Any]
) -> None:
    landlord_id = _landlord_id(request)
    if landlord_id is None:
        return
    if db_field.name == "landlord":
        kwargs["queryset"] = Landlord.objects.filter(pk=landlord_id)
    elif db_field.name == "team":
        kwargs["queryset"] = Team.objects.filter(landlord_id=landlord_id)


ROLE_HELP = (
    "What this person may do. Administrators may also use these administration pages; "
    "roles can be made to require two-factor authentication under Role security."
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Landlord and roles", {"fields": ("landlord", "team", "groups", "is_active")}),
        (
            "Access",
            {
                "fields": ("is_staff", "is_superuser", "user_permissions"),
                "description": "Administration pages follow the Administrator role.",
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (
            "Who they are",
            {"fields": ("first_name", "last_name", "email", "job_title", "landlord", "team")},
        ),
        ("Roles", {"fields": ("groups",)}),
    )
    list_display = ("username", "first_name", "last_name", "team", "is_active", "is_staff")
    list_filter = ("is_active", "groups", "team")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        queryset = super().get_queryset(request).select_related("team")
        landlord_id = _landlord_id(request)
        if landlord_id is None:
            return queryset
        return queryset.filter(landlord_id=landlord_id, is_superuser=False)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = ["is_staff", "last_login", "date_joined"]
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        _limit_landlord_choices(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):  # type: ignore[no-untyped-def]
        form = super().get_form(request, obj, change=change, **kwargs)
        if "groups" in form.base_fields:
            form.base_fields["groups"].label = "Roles"
            form.base_fields["groups"].help_text = ROLE_HELP
        if "landlord" in form.base_fields and not request.user.is_superuser:
            field = form.base_fields["landlord"]
            field.required = True
            field.initial = getattr(request.user, "landlord_id", None)
        return form

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        landlord_id = _landlord_id(request)
        if landlord_id is not None:
            # An administrator's new colleague works for the same landlord, whatever was posted.
            obj.landlord_id = landlord_id
        super().save_model(request, obj, form, change)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "landlord", "service_area")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Team]:
        queryset = super().get_queryset(request)
        landlord_id = _landlord_id(request)
        return queryset if landlord_id is None else queryset.filter(landlord_id=landlord_id)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        _limit_landlord_choices(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RoleSecurity)
class RoleSecurityAdmin(admin.ModelAdmin):
    """Each role, and whether everyone holding it must use two-factor authentication."""

    list_display = ("role", "two_factor_required", "landlord")
    list_editable = ("two_factor_required",)
    list_display_links = None
    fields = ("landlord", "role", "two_factor_required")
    readonly_fields = ("landlord", "role")

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoleSecurity]:
        queryset = super().get_queryset(request).select_related("role", "landlord")
        landlord_id = _landlord_id(request)
        return queryset if landlord_id is None else queryset.filter(landlord_id=landlord_id)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Every role is listed, ready to change, even before anyone has changed it.
        landlord_id = _landlord_id(request)
        landlords = (
            Landlord.objects.all()
            if landlord_id is None
            else Landlord.objects.filter(pk=landlord_id)
        )
        for landlord in landlords:
            role_security_ensure(landlord=landlord)
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Authenticator apps: an administrator can see whose are set up and remove a lost one, for
# their own landlord only; secrets are never shown (OTP_ADMIN_HIDE_SENSITIVE_DATA).
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(TOTPDeviceAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[TOTPDevice]:
        queryset = super().get_queryset(request).select_related("user")
        landlord_id = _landlord_id(request)
        return queryset if landlord_id is None else queryset.filter(user__landlord_id=landlord_id)

    def get_list_display(self, request: HttpRequest) -> Any:
        return ["user", "name", "confirmed", "created_at", "last_used_at"]
