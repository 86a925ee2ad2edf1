from django.urls import path  # noqa: F401

app_name = "production"

# Included under /w/<slug>/.
urlpatterns = []
