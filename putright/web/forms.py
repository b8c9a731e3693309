"""Django forms rendered as GOV.UK Frontend components, for every page (staff and residents).

Forms stay plain Django forms: validation, cleaning and re-display of what was typed are
Django's. What this module adds is the translation into GOV.UK macro parameters
(``govuk_field``), the error summary's list (``error_summary``), the GOV.UK three-box date
field, and one way to show a service's ``DomainError`` against the field it concerns.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundField

from putright.core.errors import DomainError


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes named ``<name>-day`` etc., as GOV.UK's date input expects."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            widgets=[forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)],
            attrs=attrs,
        )
        # Django would name them "<name>_-day"; GOV.UK's date input names them "<name>-day".
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = DateInputWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("require_all_fields", False)
        label = str(kwargs.get("label") or "the date").lower()
        self.what = label
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1900, max_value=2999),
        )
        kwargs.setdefault(
            "error_messages",
            {
                "required": f"Enter {label}",
                "incomplete": f"{label.capitalize()} must include a day, month and year",
                "invalid": f"{label.capitalize()} must be a real date",
            },
        )
        super().__init__(fields=fields, **kwargs)

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        if any(part in (None, "") for part in data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def clean(self, value: Any) -> Any:
        filled = [part not in (None, "") for part in value] if isinstance(value, list) else []
        if any(filled) and not all(filled):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            # One message for the date, never one a box: "Enter a whole number" three times
            # means nothing to someone who typed "31 2 2026".
            codes = {getattr(e, "code", None) for e in error.error_list}
            code = next((c for c in ("incomplete", "required") if c in codes), "invalid")
            raise forms.ValidationError(self.error_messages[code], code=code) from None


class StepForm(forms.Form):
    """One page of a question-a-page journey; what it keeps between pages is plain JSON in the
    session, so nothing typed is lost on an error, a Back press or a later page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)

    def stored(self) -> dict[str, Any]:
        """The cleaned answers, as the session keeps them (dates as ISO text)."""
        return {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in self.cleaned_data.items()
        }

    @classmethod
    def initial_from(cls, stored: dict[str, Any] | None) -> dict[str, Any]:
        """The answers kept in the session, ready to show in the form again."""
        initial = dict(stored or {})
        for name, field in cls.base_fields.items():
            if isinstance(field, DateField) and initial.get(name):
                initial[name] = datetime.date.fromisoformat(initial[name])
        return initial


def form_add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show what a service refused, against its field when the form has one, citing the Code."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def _field_id(bound: BoundField) -> str:
    return bound.auto_id or f"id_{bound.html_name}"


def _error_message(bound: BoundField) -> dict[str, str] | None:
    return {"text": " ".join(str(e) for e in bound.errors)} if bound.errors else None


def _choices(bound: BoundField) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in bound.field.choices]  # type: ignore[attr-defined]


def _selected(bound: BoundField) -> set[str]:
    value = bound.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def govuk_field(bound: BoundField, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The GOV.UK component and its parameters for a bound field: ``{component, params}``.

    ``extra`` is merged over the parameters (e.g. ``{"classes": "govuk-input--width-10"}``).
    """
    field, widget = bound.field, bound.field.widget
    field_id = _field_id(bound)
    label = {"text": str(bound.label)}
    hint = {"text": str(field.help_text)} if field.help_text else None
    error = _error_message(bound)
    legend = {"text": str(bound.label), "classes": "govuk-fieldset__legend--s"}

    if isinstance(field, DateField):
        values = bound.value()
        if not isinstance(values, list | tuple):
            values = widget.decompress(values)  # type: ignore[attr-defined]
        values = [("" if v is None else v) for v in values]
        params: dict[str, Any] = {
            "id": field_id,
            "namePrefix": bound.html_name,
            "fieldset": {"legend": legend},
            "items": [
                {
                    "name": "day",
                    "label": "Day",
                    "value": values[0],
                    "classes": "govuk-input--width-2",
                },
                {
                    "name": "month",
                    "label": "Month",
                    "value": values[1],
                    "classes": "govuk-input--width-2",
                },
                {
                    "name": "year",
                    "label": "Year",
                    "value": values[2],
                    "classes": "govuk-input--width-4",
                },
            ],
        }
        if error:
            params["items"] = [
                {**item, "classes": item["classes"] + " govuk-input--error"}
                for item in params["items"]
            ]
        component = "date"
    elif isinstance(widget, forms.RadioSelect):
        chosen = _selected(bound)
        params = {
            "name": bound.html_name,
            "idPrefix": field_id,
            "fieldset": {"legend": legend},
            "items": [
                {"value": value, "text": text, "checked": value in chosen}
                for value, text in _choices(bound)
                if value != ""
            ],
        }
        component = "radios"
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = _selected(bound)
        params = {
            "name": bound.html_name,
            "idPrefix": field_id,
            "fieldset": {"legend": legend},
            "items": [
                {"value": value, "text": text, "checked": value in chosen}
                for value, text in _choices(bound)
            ],
        }
        component = "checkboxes"
    elif isinstance(widget, forms.CheckboxInput):
        params = {
            "name": bound.html_name,
            "idPrefix": field_id,
            "items": [{"value": "on", "text": str(bound.label), "checked": bool(bound.value())}],
        }
        component = "checkboxes"
    elif isinstance(widget, forms.Select):
        chosen = _selected(bound)
        params = {
            "id": field_id,
            "name": bound.html_name,
            "label": label,
            "items": [
                {"value": value, "text": text, "selected": value in chosen}
                for value, text in _choices(bound)
            ],
        }
        component = "select"
    elif isinstance(widget, forms.Textarea):
        params = {
            "id": field_id,
            "name": bound.html_name,
            "label": label,
            "value": bound.value() or "",
            "rows": widget.attrs.get("rows", 5),
        }
        component = "textarea"
    else:
        input_type = getattr(widget, "input_type", "text")
        params = {
            "id": field_id,
            "name": bound.html_name,
            "label": label,
            "value": "" if bound.value() is None else bound.value(),
            "type": "text" if input_type == "number" else input_type,
        }
        if input_type == "number" or isinstance(field, forms.IntegerField | forms.DecimalField):
            params["inputmode"] = "decimal" if isinstance(field, forms.DecimalField) else "numeric"
            params["spellcheck"] = False
        if widget.attrs.get("autocomplete"):
            params["autocomplete"] = widget.attrs["autocomplete"]
        component = "input"

    if hint:
        params["hint"] = hint
    if error:
        params["errorMessage"] = error
    if extra:
        params.update(extra)
    return {"component": component, "params": params}


def error_summary(form: forms.Form) -> list[dict[str, str]]:
    """The error summary's list: each message linked to the first input of its field."""
    items: list[dict[str, str]] = []
    for message in form.non_field_errors():
        items.append({"text": str(message), "href": "#main-content"})
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        bound = form[name]
        href = f"#{_field_id(bound)}"
        if isinstance(bound.field, DateField):
            href += "-day"
        for message in errors:
            items.append({"text": str(message), "href": href})
    return items
