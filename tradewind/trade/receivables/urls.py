from django.urls import path  # noqa: F401

app_name = "receivables"

# Included under /w/<slug>/.
urlpatterns = []
