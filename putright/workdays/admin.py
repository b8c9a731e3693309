from django.contrib import admin

from putright.workdays.models import ClosureDay


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    list_display = ("date", "description", "landlord")
    list_filter = ("landlord",)
    date_hierarchy = "date"
    search_fields = ("description",)
