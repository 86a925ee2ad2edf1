"""Inquiry look-ups inside the member's workspace (DESIGN §3.4): another workspace's id, or an inquiry of a
customer the member may not see, is a 404."""

from django.http import Http404

from tradewind.trade.inquiries.models import Competitor, Inquiry, InquiryAttachment, LostReason
from tradewind.trade.inquiries.permissions import can_view_inquiry
from tradewind.workspaces.access import get_in_workspace_or_404


def access_inquiry(membership, public_id) -> Inquiry:
    inquiry = get_in_workspace_or_404(
        Inquiry.objects.select_related(
            "customer", "contact", "assignee__user", "lost_reason", "lost_competitor",
            "duplicate_of", "created_by__user",
        ),
        membership,
        public_id=public_id,
    )  # fmt: skip
    if not can_view_inquiry(membership, inquiry):
        raise Http404
    return inquiry


def access_inquiry_attachment(membership, inquiry: Inquiry, public_id) -> InquiryAttachment:
    return get_in_workspace_or_404(
        InquiryAttachment.objects.select_related("file"), membership, inquiry=inquiry, public_id=public_id
    )


def access_competitor(membership, public_id) -> Competitor:
    return get_in_workspace_or_404(Competitor.objects.all(), membership, public_id=public_id)


def access_lost_reason(membership, public_id) -> LostReason:
    return get_in_workspace_or_404(LostReason.objects.all(), membership, public_id=public_id)
