"""The satisfaction survey a resident reaches from the link emailed after their complaint closed.

No sign-in: the link carries a signed token naming the invitation, and the survey takes one
answer. A link that was altered or has expired shows a page saying so; a link already used
shows the thanks again and records nothing more.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from putright.core.errors import DomainError, NotFoundError
from putright.learning.models import SatisfactionResponse
from putright.learning.selectors import (
    SURVEY_LINK_DAYS,
    satisfaction_invitation_answered,
    satisfaction_invitation_for_token,
)
from putright.learning.services import satisfaction_respond
from putright.web.forms import form_add_domain_error

TEMPLATES = "portal/survey"

# Most satisfied first, as residents read a scale.
RATINGS = [(str(value), label) for value, label in reversed(SatisfactionResponse.Rating.choices)]


class SurveyForm(forms.Form):
    handling = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with the way we handled your complaint?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy(
                "Select how satisfied you are with the way your complaint was handled"
            )
        },
    )
    outcome = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with the outcome? (optional)"),
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=gettext_lazy("Is there anything we could have done better? (optional)"),
        help_text=gettext_lazy("Do not include personal or financial information."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


def survey(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = satisfaction_invitation_for_token(token=token)
    except NotFoundError:
        return render(
            request,
            f"{TEMPLATES}/unavailable.html",
            {"page_title": _("This survey link does not work"), "link_days": SURVEY_LINK_DAYS},
            status=404,
        )
    if satisfaction_invitation_answered(invitation):
        return render(
            request,
            f"{TEMPLATES}/answered.html",
            {"page_title": _("Thank you for your answer")},
        )
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            satisfaction_respond(
                token=token,
                handling=data["handling"],
                outcome=data["outcome"],
                comments=data["comments"],
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return redirect("portal:survey", token=token)
    return render(
        request,
        f"{TEMPLATES}/survey.html",
        {
            "page_title": _("How did we handle your complaint?"),
            "page_has_errors": bool(form.errors),
            "form": form,
            "reference": invitation.complaint.reference,
        },
    )


urlpatterns: list[URLPattern] = [
    path("survey/<str:token>/", survey, name="survey"),
]
