from ninja import Router

router = Router(tags=["library"])

BASE = "/workspaces/{slug}/library"
