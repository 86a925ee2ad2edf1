from django.apps import AppConfig


class TradeConfig(AppConfig):
    name = "tradewind.trade"
    label = "trade"
    verbose_name = "Trade"

    def ready(self):
        from tradewind.trade import registry  # noqa: F401 - history kinds, subjects, navigation
