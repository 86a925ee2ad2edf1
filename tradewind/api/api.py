"""The API root: /api/v1/. Each app contributes a router; auth and errors are set once here."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from tradewind import __version__
from tradewind.accounts.api import router as accounts_router
from tradewind.activity.api import router as activity_router
from tradewind.api.auth import API_AUTH
from tradewind.api.errors import install_error_handlers
from tradewind.api.responses import document_framework_errors
from tradewind.api.schemas import add_vocabularies
from tradewind.catalog.api import router as catalog_router
from tradewind.chat.api import router as chat_router
from tradewind.crm.api import router as crm_router
from tradewind.crm.imports.api import router as crm_imports_router
from tradewind.fx.api import router as fx_router
from tradewind.library.api import router as library_router
from tradewind.mail.api import router as mail_router
from tradewind.notifications.api import router as notifications_router
from tradewind.tasks.api import router as tasks_router
from tradewind.tasks.attachments_api import router as task_attachments_router
from tradewind.trade.aftersales.api import router as aftersales_router
from tradewind.trade.api import router as trade_router
from tradewind.trade.inquiries.api import router as inquiries_router
from tradewind.trade.production.api import router as production_router
from tradewind.trade.receivables.api import router as receivables_router
from tradewind.trade.shipdocs.api import router as shipdocs_router
from tradewind.trade.shipping.api import router as shipping_router
from tradewind.trade.workflow.api import router as workflow_router
from tradewind.workspaces.api import router as workspaces_router


class TradewindAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """ninja's document, plus the refusals the framework makes for every operation (responses.py) and
        the long code lists fields refer to (schemas.one_of)."""
        document = super().get_openapi_schema(*args, **kwargs)
        return add_vocabularies(document_framework_errors(document))


api = TradewindAPI(
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
api.add_router("/", task_attachments_router)
api.add_router("/", notifications_router)
api.add_router("/", crm_router)
api.add_router("/", crm_imports_router)
api.add_router("/", activity_router)
api.add_router("/", catalog_router)
api.add_router("/", inquiries_router)
api.add_router("/", trade_router)
api.add_router("/", workflow_router)
api.add_router("/", production_router)
api.add_router("/", shipping_router)
api.add_router("/", shipdocs_router)
api.add_router("/", receivables_router)
api.add_router("/", aftersales_router)
api.add_router("/", fx_router)
api.add_router("/", chat_router)
api.add_router("/", library_router)
api.add_router("/", mail_router)
