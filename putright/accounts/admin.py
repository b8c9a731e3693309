from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from putright.accounts.models import Team, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Putright", {"fields": ("landlord", "team", "job_title")}),
    )
    list_display = ("username", "first_name", "last_name", "team", "is_active")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "landlord", "service_area")
