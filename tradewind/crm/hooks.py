"""What other apps do inside the CRM's own writes, without the CRM importing them (as workspace setups and
panels are registered): when a duplicate customer is merged away, and when an interaction is logged.

    customer_merge_hook_register("inquiries", move)     move(*, actor, survivor, merged) -> how many moved
    interaction_hook_register(answer)                    answer(*, actor, customer, channel, at) -> None
    contacts_hook_register(link)                         link(*, actor, customer, emails) -> None

An app registers from its `registry.py`. The hooks run inside the CRM service's transaction, before the
merged customer is deleted (so nothing that points to it is lost to a cascade or left pointing nowhere) and
after the interaction is recorded, or after a customer is created with contacts or a contact is saved
(with the e-mail addresses it has now); a hook that raises undoes the whole write.
"""

from __future__ import annotations

from collections.abc import Callable

_MERGE_HOOKS: dict[str, Callable[..., int]] = {}
_INTERACTION_HOOKS: list[Callable[..., None]] = []
_CONTACTS_HOOKS: list[Callable[..., None]] = []


def customer_merge_hook_register(key: str, hook: Callable[..., int]) -> None:
    """`hook` moves what the app keeps about the merged customer to the survivor; the count it answers
    is recorded under `key` with the merge (CustomerMerge.moved, the timeline, the audit log)."""
    _MERGE_HOOKS[key] = hook


def customer_merge_hooks_run(*, actor, survivor, merged) -> dict[str, int]:
    return {key: hook(actor=actor, survivor=survivor, merged=merged) for key, hook in _MERGE_HOOKS.items()}


def interaction_hook_register(hook: Callable[..., None]) -> None:
    if hook not in _INTERACTION_HOOKS:
        _INTERACTION_HOOKS.append(hook)


def interaction_hooks_run(*, actor, customer, channel: str, at) -> None:
    for hook in _INTERACTION_HOOKS:
        hook(actor=actor, customer=customer, channel=channel, at=at)


def contacts_hook_register(hook: Callable[..., None]) -> None:
    if hook not in _CONTACTS_HOOKS:
        _CONTACTS_HOOKS.append(hook)


def contacts_hooks_run(*, actor, customer, emails) -> None:
    emails = [e for e in emails if e]
    if emails:
        for hook in _CONTACTS_HOOKS:
            hook(actor=actor, customer=customer, emails=emails)
