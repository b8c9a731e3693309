"""What every form on a complaint shares: the version it was read at, dates typed as moments,
documents, and redisplaying what was typed without judging it yet.

The forms parse what was typed (numbers, dates, choices). Whether the Code allows it is the
services' to say: a text the Code requires is left optional here, so that the service's
message, naming the provision, is the one shown.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from putright.complaints.services import UploadedDocument

LONDON = ZoneInfo("Europe/London")


class CaseForm(forms.Form):
    """A form that changes a complaint, sent with the version of the complaint it was read at,
    so that a change someone else made in between is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)

    def expected_version(self) -> int:
        return int(self.cleaned_data["version"])


def text_area(label: str, *, hint: str = "", required: bool = False, rows: int = 5) -> Any:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def moment_on(day: datetime.date | None) -> datetime.datetime | None:
    """A day typed on a form, as the moment a service records.

    Today is now (the service's default, so the time of day is real). An earlier day is taken
    as midday in London: a day's working-day arithmetic does not depend on the hour, except
    after the landlord's cut-off, which a member of staff recording an earlier day does not
    mean to cross.
    """
    if day is None or day == timezone.localdate():
        return None
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=LONDON)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Any number of documents, read into the shape ``correspondence_record`` takes."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedDocument]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned: list[UploadedFile] = [super(DocumentsField, self).clean(f, initial) for f in files]
        return [
            UploadedDocument(
                name=f.name or "document",
                content_type=f.content_type or "",
                content=f.read(),
            )
            for f in cleaned
            if f
        ]


def typed_values(form: forms.Form) -> dict[str, Any]:
    """What was typed into a bound form, field by field, without validating it.

    For showing a form again with a part added (another remedy, another action): a bound form
    would judge what it holds and show errors for what is not finished yet.
    """
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }
