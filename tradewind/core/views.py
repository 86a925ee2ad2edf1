"""Error pages: HTML in the user's language for people, JSON for /api/ clients."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def error_404(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"code": "not_found", "message": _("Not found.")}, status=404)
    return render(request, "errors/404.html", status=404)


def error_403(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"code": "permission_denied", "message": _("You may not do this.")}, status=403)
    return render(request, "errors/403.html", status=403)


def error_400(request, exception=None):
    if _wants_json(request):
        return JsonResponse(
            {"code": "bad_request", "message": _("The request could not be understood.")}, status=400
        )
    return render(request, "errors/400.html", status=400)


def error_500(request):
    # No request context: the failure may come from a context processor or the database.
    if _wants_json(request):
        return JsonResponse(
            {"code": "server_error", "message": _("Something went wrong on our side.")}, status=500
        )
    return render(None, "errors/500.html", status=500)


def csrf_failure(request, reason=""):
    if _wants_json(request):
        return JsonResponse(
            {
                "code": "csrf_failed",
                "message": _("The form expired or came from another site. Reload and retry."),
            },
            status=403,
        )
    return render(request, "errors/csrf.html", status=403)
