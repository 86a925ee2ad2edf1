"""ASGI entry point of a web process: HTTP through Django (WSGI, bounded threads), websockets under /ws/
through Channels, on one port. `tradewind serve` runs it in N processes; see docs/serving.md."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradewind.settings")
django_wsgi_app = get_wsgi_application()  # sets Django up: must run before importing anything with models

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from tradewind.serving.app import ServingApplication  # noqa: E402
from tradewind.serving.locals import locale_state_per_thread  # noqa: E402
from tradewind.serving.server import die_with_parent, in_serve_web_process  # noqa: E402
from tradewind.workspaces.consumers import WorkspaceConsumer  # noqa: E402

websocket_urlpatterns = [path("ws/w/<slug:slug>/", WorkspaceConsumer.as_asgi())]

if in_serve_web_process():
    die_with_parent()  # uvicorn starts its processes without a hook for it
    locale_state_per_thread()
application = ServingApplication(
    wsgi_app=django_wsgi_app,
    websocket_app=AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    threads=settings.SERVING.threads,
    queue=settings.SERVING.queue,
    queue_timeout=settings.SERVING.queue_timeout,
)
