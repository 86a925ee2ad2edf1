"""The customers API's router; the endpoints are in the modules beside it."""

from ninja import Router

router = Router(tags=["customers"])
