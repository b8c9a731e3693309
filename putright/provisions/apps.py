from django.apps import AppConfig


class ProvisionsConfig(AppConfig):
    name = "putright.provisions"
    label = "provisions"
    verbose_name = "Code provisions"
