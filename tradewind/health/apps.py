from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "tradewind.health"
    label = "health"
