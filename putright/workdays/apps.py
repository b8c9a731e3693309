from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "putright.workdays"
    label = "workdays"
    verbose_name = "Working days"
