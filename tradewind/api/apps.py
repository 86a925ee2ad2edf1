from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tradewind.api"
    label = "api"
