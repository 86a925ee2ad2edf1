"""The API root: /api/v1/. Each app contributes a router; auth and errors are set once here."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from tradewind import __version__
from tradewind.accounts.api import router as accounts_router
from tradewind.api.auth import API_AUTH
from tradewind.api.errors import install_error_handlers
from tradewind.crm.api import router as crm_router
from tradewind.crm.imports.api import router as crm_imports_router
from tradewind.notifications.api import router as notifications_router
from tradewind.tasks.api import router as tasks_router
from tradewind.workspaces.api import router as workspaces_router

api = NinjaAPI(
    title="Tradewind API",
    version="1",
    description=(
        "Authenticate with a personal access token (`Authorization: Bearer tw_…`, created under "
        "*API tokens* in a workspace) or, from the browser, with your session and the CSRF token. "
        "Errors are JSON: `{code, message, fields}`."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_extra={"info": {"x-tradewind-version": __version__}},
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/", workspaces_router)
api.add_router("/", tasks_router)
api.add_router("/", notifications_router)
api.add_router("/", crm_router)
api.add_router("/", crm_imports_router)
