"""The GOV.UK form kit: dates typed in three boxes, errors linked from the summary."""

from __future__ import annotations

import datetime

from django import forms

from putright.core.errors import DomainError
from putright.web.forms import DateField, error_summary, form_add_domain_error, govuk_field


class ExtensionForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea, error_messages={"required": "Enter a reason"})
    new_date = DateField(label="New due date")
    working_days = forms.IntegerField(label="Working days")
    ground = forms.ChoiceField(
        choices=[("a", "First"), ("b", "Second")], widget=forms.RadioSelect, label="Ground"
    )


def test_a_date_typed_as_day_month_and_year_becomes_a_date():
    form = ExtensionForm(
        {
            "reason": "Waiting for a surveyor",
            "new_date-day": "3",
            "new_date-month": "12",
            "new_date-year": "2026",
            "working_days": "5",
            "ground": "a",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["new_date"] == datetime.date(2026, 12, 3)


def test_an_impossible_date_says_it_must_be_a_real_date_and_keeps_what_was_typed():
    form = ExtensionForm({"new_date-day": "31", "new_date-month": "2", "new_date-year": "2026"})
    assert not form.is_valid()
    assert form.errors["new_date"] == ["New due date must be a real date"]
    spec = govuk_field(form["new_date"])
    assert spec["component"] == "date"
    assert [item["value"] for item in spec["params"]["items"]] == ["31", "2", "2026"]
    assert all("govuk-input--error" in item["classes"] for item in spec["params"]["items"])


def test_a_part_missing_from_a_date_is_named():
    form = ExtensionForm({"new_date-day": "3", "new_date-year": "2026"})
    assert not form.is_valid()
    assert form.errors["new_date"] == ["New due date must include a day, month and year"]


def test_the_error_summary_links_each_message_to_its_field_and_a_date_to_its_day_box():
    form = ExtensionForm({})
    assert not form.is_valid()
    hrefs = {item["href"] for item in error_summary(form)}
    assert hrefs == {"#id_reason", "#id_new_date-day", "#id_working_days", "#id_ground"}


def test_a_services_refusal_is_shown_against_its_field_citing_the_code():
    form = ExtensionForm({"reason": "x"})
    form.is_valid()
    form_add_domain_error(form, DomainError("Give a reason.", provision="6.4", field="reason"))
    assert "Give a reason. (Complaint Handling Code 6.4)" in form.errors["reason"]
    form_add_domain_error(form, DomainError("Changed by someone else.", field="version"))
    assert form.non_field_errors() == ["Changed by someone else."]


def test_choices_render_as_radios_with_the_chosen_one_checked():
    form = ExtensionForm({"ground": "b"})
    spec = govuk_field(form["ground"])
    assert spec["component"] == "radios"
    assert [(i["value"], i["checked"]) for i in spec["params"]["items"]] == [
        ("a", False),
        ("b", True),
    ]
