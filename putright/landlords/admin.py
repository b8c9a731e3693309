from django.contrib import admin

from putright.landlords.models import (
    ComplaintPolicy,
    Entity,
    Landlord,
    OmbudsmanContact,
    ServiceArea,
)


class ComplaintPolicyInline(admin.StackedInline):
    model = ComplaintPolicy
    can_delete = False


class OmbudsmanContactInline(admin.StackedInline):
    model = OmbudsmanContact
    can_delete = False


@admin.register(Landlord)
class LandlordAdmin(admin.ModelAdmin):
    list_display = ("name", "ombudsman_membership_number")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ComplaintPolicyInline, OmbudsmanContactInline)


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "landlord", "homes_owned")


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "landlord", "entity", "active")
    list_filter = ("active",)
