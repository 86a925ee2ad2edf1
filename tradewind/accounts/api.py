from uuid import UUID

from ninja import Router, Schema

from tradewind.accounts import services
from tradewind.accounts.choices import Language
from tradewind.api.auth import api_user
from tradewind.api.responses import answers
from tradewind.api.schemas import Input, TimeZoneOrBlank, text

router = Router(tags=["me"])


class MeOut(Schema):
    id: UUID
    email: str
    full_name: str
    language: str
    time_zone: str


class PreferencesIn(Input):
    full_name: text(150, required=True) | None = None
    language: Language | None = None
    time_zone: TimeZoneOrBlank | None = None


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


@router.patch("/me", response=answers(MeOut), summary="Change my name, language or time zone")
def me_update(request, payload: PreferencesIn):
    user = services.user_update_preferences(user=api_user(request), **payload.dict(exclude_unset=True))
    return _me(user)
