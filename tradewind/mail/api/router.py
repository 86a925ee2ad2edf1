from ninja import Router

router = Router(tags=["mail"])

BASE = "/workspaces/{slug}/mail"
