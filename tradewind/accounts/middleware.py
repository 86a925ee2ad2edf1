import zoneinfo

from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Apply the signed-in user's language and time zone.

    Runs after LocaleMiddleware (which picked the browser's language) and overrides it only when the
    user chose one. The time zone falls back to the workspace's in `workspace_view`, else UTC.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            if user.time_zone:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            else:
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            response = self.get_response(request)
        finally:
            # The zone belongs to this request: the thread may next run a worker job or a test, which
            # must not compute "today" in this user's zone.
            timezone.deactivate()
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
