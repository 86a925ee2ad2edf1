from uuid import UUID

from ninja import Router, Schema

from tradewind.accounts import services
from tradewind.api.auth import api_user
from tradewind.api.schemas import ErrorOut

router = Router(tags=["me"])


class MeOut(Schema):
    id: UUID
    email: str
    full_name: str
    language: str
    time_zone: str


class PreferencesIn(Schema):
    full_name: str | None = None
    language: str | None = None
    time_zone: str | None = None


def _me(user) -> MeOut:
    return MeOut(
        id=user.public_id,
        email=user.email,
        full_name=user.full_name,
        language=user.language,
        time_zone=user.time_zone,
    )


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request):
    return _me(api_user(request))


@router.patch("/me", response={200: MeOut, 422: ErrorOut}, summary="Change my name, language or time zone")
def me_update(request, payload: PreferencesIn):
    user = services.user_update_preferences(user=api_user(request), **payload.dict(exclude_unset=True))
    return _me(user)
