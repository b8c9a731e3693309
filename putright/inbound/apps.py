"""Mail coming in: messages piped or polled, matched to complaints or left for triage."""

from django.apps import AppConfig


class InboundConfig(AppConfig):
    name = "putright.inbound"
    label = "inbound"
    verbose_name = "Mail coming in"
