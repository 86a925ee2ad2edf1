from django.urls import path  # noqa: F401

app_name = "shipdocs"

# Included under /w/<slug>/.
urlpatterns = []
