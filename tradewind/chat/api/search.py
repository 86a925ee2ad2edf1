"""Message search under /api/v1/workspaces/{slug}/chat/search: words (Chinese included), person,
conversation and dates, only in the conversations the caller may read; newest first."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithoutCount
from tradewind.api.responses import answers
from tradewind.chat.access import access_conversation
from tradewind.chat.api.answers import card_out, messages_out
from tradewind.chat.api.conversations import BASE
from tradewind.chat.api.router import router
from tradewind.chat.api.schemas import CardIn, CardOut, FoundOut, SearchIn
from tradewind.chat.references import card_lookup
from tradewind.chat.search import MessageSearch, message_search
from tradewind.core.errors import ValidationFailed
from tradewind.workspaces.models import Membership


class _Found:
    """The page's messages answered with their conversation (sliced lazily by the paginator)."""

    def __init__(self, m, rows):
        self.m, self.rows = m, rows

    def __getitem__(self, item):
        found = list(self.rows[item])
        return [
            {**out, "conversation": f.conversation.public_id, "conversation_kind": f.conversation.kind}
            for f, out in zip(found, messages_out(self.m, found), strict=True)
        ]


@router.get(
    BASE + "/cards", response=answers(CardOut), summary="The card of a named object", url_name="chat_card"
)
def chat_card(request, slug: str, filters: Query[CardIn]):
    """What a message naming `ref` shows you: 404 when it names nothing, or nothing you may see."""
    card = card_lookup(api_membership(request, slug), filters.ref)
    if card is None:
        raise Http404
    return card_out(card)


@router.get(BASE + "/search", response=list[FoundOut], summary="Search messages", url_name="chat_search")
@paginate(PageWithoutCount)
def chat_search(request, slug: str, filters: Query[SearchIn]):
    """Every word must be in the message (any script: "报价" finds 报价单). At least one filter."""
    m = api_membership(request, slug)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationFailed(_("The first date comes after the last."), field="date_from")
    person = None
    if filters.person:
        person = Membership.objects.filter(workspace_id=m.workspace_id, public_id=filters.person).first()
        if person is None:
            raise Http404
    conversation = access_conversation(m, filters.conversation) if filters.conversation else None
    search = MessageSearch(
        q=filters.q, person=person, conversation=conversation,
        date_from=filters.date_from, date_to=filters.date_to, has_file=filters.has_file,
    )  # fmt: skip
    return _Found(m, message_search(membership=m, search=search))
