"""Complaint categories and sub-categories in the admin, for a landlord's administrators.

Complaints themselves are never changed here: every change to a complaint goes through the
services, which enforce the Code and record it in the case history. The channels a complaint
can arrive by (Code 3.2) are fixed in ``Channel``, not configured.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from putright.complaints.models import Category
from putright.landlords.admin import LandlordScopedAdmin, admin_landlord_id


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ("landlord", "parent", "name", "active")
        labels = {"parent": "Sub-category of"}
        help_texts = {
            "parent": "Leave empty for a category; choose one to make this a sub-category of it.",
            "active": "An inactive category is no longer offered for new complaints; complaints "
            "already under it keep it, and reports still count them.",
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        parent: Category | None = self.cleaned_data.get("parent")
        landlord = self.cleaned_data.get("landlord")
        name = (self.cleaned_data.get("name") or "").strip()
        # The database's uniqueness rule lets two categories share a name when neither has a
        # parent (NULLs differ in SQL), so the form checks top-level names itself.
        if (
            parent is None
            and landlord is not None
            and Category.objects.filter(landlord=landlord, parent=None, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("name", f"There is already a category called {name}.")
        if parent is None:
            return self.cleaned_data
        # Two levels, as reports show them: "Repairs: Delay".
        if parent.parent_id is not None:
            self.add_error("parent", "Choose a category, not a sub-category.")
        elif self.instance.pk is not None and (
            parent.pk == self.instance.pk or self.instance.subcategories.exists()
        ):
            self.add_error(
                "parent", "A category that has sub-categories cannot become a sub-category."
            )
        elif landlord is not None and parent.landlord_id != landlord.pk:
            self.add_error("parent", "Choose one of this landlord's categories.")
        return self.cleaned_data


class CategoryLevelFilter(admin.SimpleListFilter):
    title = "level"
    parameter_name = "level"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("category", "Categories"), ("sub-category", "Sub-categories")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Category]) -> QuerySet[Category]:
        if self.value() == "category":
            return queryset.filter(parent__isnull=True)
        if self.value() == "sub-category":
            return queryset.filter(parent__isnull=False)
        return queryset


@admin.register(Category)
class CategoryAdmin(LandlordScopedAdmin):
    """What complaints are about: the governing body hears the volume of complaints by category
    (Code 9.7), and the annual report analyses them (Code 8.1)."""

    form = CategoryForm
    list_display = ("__str__", "active")
    list_filter = (CategoryLevelFilter, "active")
    search_fields = ("name", "parent__name")
    ordering = ("parent__name", "name")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Category]:
        return super().get_queryset(request).select_related("parent")

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        if db_field.name == "parent":
            parents = Category.objects.filter(parent__isnull=True)
            landlord_id = admin_landlord_id(request)
            if landlord_id is not None:
                parents = parents.filter(landlord_id=landlord_id)
            kwargs["queryset"] = parents
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Complaints keep the category they were reported under: make it inactive instead.
        return request.user.is_superuser and super().has_delete_permission(request, obj)
