from django.urls import path  # noqa: F401

app_name = "workflow"

# Included under /w/<slug>/.
urlpatterns = []
