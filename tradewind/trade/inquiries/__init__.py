"""Inquiries (询盘): what a buyer asked, who answers it, how fast, and how it ended.

A Django app of its own (label `inquiries`) inside the trade package, as crm/imports is inside the crm:
the quotations and orders of `tradewind.trade` build on it, and it must not wait for them.

models.py        Inquiry, its items and attachments, InquirySettings, competitors, lost reasons
choices.py       statuses, assignment modes, how an inquiry came in
permissions.py   who reads and who works inquiries
services/        the rules: create and assign (inquiries.py), the state changes (states.py), the response
                 clock (clock.py), the public intake (intake.py), settings, competitors and lost reasons
selectors.py     the list and its filters
api/             /api/v1/… endpoints, the public intake endpoint among them
"""
