"""Staff roles as data: each role is a Django group holding exactly these permissions.

Services check permissions, not role names, so a landlord can give one person several
roles, and an administrator can widen or narrow a role in the admin if its policy differs.
`roles_sync` restores the defaults below for any role that is missing a permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction


@dataclass(frozen=True)
class Role:
    slug: str
    name: str
    description: str
    permissions: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        slug="complaints_officer",
        name="Complaints officer",
        description=(
            "Logs, acknowledges, defines, assigns and refuses complaints; sees every complaint."
        ),
        permissions=(
            "complaints.log_complaint",
            "complaints.view_all_complaints",
            "complaints.triage_complaint",
            "complaints.handle_complaint",
            "complaints.manage_correspondence",
            "residents.view_special_category",
            "residents.manage_residents",
            "learning.manage_learning",
            "outbox.run_post_room",
            "inbound.triage_inbound_mail",
        ),
    ),
    Role(
        slug="complaint_handler",
        name="Complaint handler",
        description="Investigates and responds to the complaints they handle; sees their team's.",
        permissions=(
            "complaints.log_complaint",
            "complaints.handle_complaint",
            "complaints.manage_correspondence",
            "residents.manage_residents",
        ),
    ),
    Role(
        slug="senior_lead",
        name="Senior lead for complaints",
        description=(
            "Manages the complaints service: every complaint, every action, restrictions, reports."
        ),
        permissions=(
            "complaints.log_complaint",
            "complaints.view_all_complaints",
            "complaints.triage_complaint",
            "complaints.handle_complaint",
            "complaints.manage_correspondence",
            "residents.view_special_category",
            "residents.manage_residents",
            "residents.manage_restrictions",
            "inbound.triage_inbound_mail",
            "complaints.view_reports",
            "learning.manage_learning",
            "learning.manage_ombudsman_cases",
            "outbox.run_post_room",
            "selfassessment.prepare_selfassessment",
            "reporting.prepare_annualreport",
            "reporting.publish_annualreport",
            "letters.manage_letter_templates",
        ),
    ),
    Role(
        slug="governing_body",
        name="Member Responsible for Complaints / governing body",
        description="Reads reports and the self-assessment; sees no personal data.",
        permissions=(
            "complaints.view_reports",
            "selfassessment.approve_selfassessment",
            "reporting.respond_annualreport",
        ),
    ),
    Role(
        slug="administrator",
        name="Administrator",
        description="Manages the landlord's settings, staff accounts, categories and API tokens.",
        permissions=(
            "landlords.change_landlord",
            "landlords.change_complaintpolicy",
            "landlords.change_ombudsmancontact",
            "landlords.add_entity",
            "landlords.change_entity",
            "landlords.add_servicearea",
            "landlords.change_servicearea",
            "workdays.add_closureday",
            "workdays.change_closureday",
            "workdays.delete_closureday",
            "complaints.add_category",
            "complaints.change_category",
            "learning.add_rootcause",
            "learning.change_rootcause",
            "learning.view_rootcause",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_user",
            "accounts.add_team",
            "accounts.change_team",
            "accounts.view_team",
            # Whether a role must sign in with two-factor authentication.
            "accounts.view_rolesecurity",
            "accounts.change_rolesecurity",
            # Removing a lost authenticator app, so its owner can set up a new one.
            "otp_totp.view_totpdevice",
            "otp_totp.delete_totpdevice",
            "api.manage_api_tokens",
            # How the landlord's email, texts and letters are delivered (docs/delivery.md).
            "outbox.view_deliverysettings",
            "outbox.add_deliverysettings",
            "outbox.change_deliverysettings",
            # What letters say (templates), who signs them, and the reading level to warn at.
            "letters.manage_letter_templates",
        ),
    ),
)

ROLES_BY_SLUG = {role.slug: role for role in ROLES}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as exc:
        raise LookupError(f"Role permission {dotted} does not exist") from exc


@transaction.atomic
def roles_sync() -> None:
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.add(*(_permission(p) for p in role.permissions))


def roles_sync_after_migrate(using: str = "default", **kwargs: Any) -> None:
    # post_migrate reaches apps in order; create every app's permissions first so that
    # roles can name permissions of apps that come after this one.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()


def role_group(slug: str) -> Group:
    return Group.objects.get(name=ROLES_BY_SLUG[slug].name)
