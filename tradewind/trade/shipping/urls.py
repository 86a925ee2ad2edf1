from django.urls import path  # noqa: F401

app_name = "shipping"

# Included under /w/<slug>/.
urlpatterns = []
