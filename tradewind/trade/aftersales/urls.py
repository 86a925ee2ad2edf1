from django.urls import path  # noqa: F401

app_name = "aftersales"

# Included under /w/<slug>/.
urlpatterns = []
