"""The Jinja environment every page renders with: GOV.UK Frontend's macros plus Django's helpers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from putright.web.forms import error_summary, govuk_field


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date_format(value: Any, fmt: str = "j F Y") -> str:
    """Dates as GOV.UK writes them: 23 November 2026."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return formats.date_format(value, fmt)


def datetime_format(value: Any) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "j F Y, g:ia")


def environment(**options: Any) -> Environment:
    base_loader = options.pop("loader", None)
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    env = Environment(**options)  # noqa: S701 - autoescape is set in TEMPLATES OPTIONS
    loaders = [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    if base_loader is not None:
        loaders.insert(0, base_loader)
    env.loader = ChoiceLoader(loaders)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "static": static,
            "static_url": settings.STATIC_URL,
            "url": url,
            "govuk_field": govuk_field,
            "form_error_summary": error_summary,
        }
    )
    env.filters.update({"date": date_format, "datetime": datetime_format})
    return env
