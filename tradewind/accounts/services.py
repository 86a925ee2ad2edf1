"""Account rules: registration, sign-in throttling, passwords, preferences, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.accounts.choices import AccountAuditAction, Language
from tradewind.accounts.models import ApiToken, SignInAttempt, User
from tradewind.core import geo
from tradewind.core.errors import Throttled, ValidationFailed
from tradewind.core.realtime import close_sockets_on_commit, user_group
from tradewind.workspaces.audit import audit_record, audit_record_for_user

TOKEN_PREFIX = "tw_"  # noqa: S105 - a public prefix, not a secret


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def email_clean(email: str) -> str:
    email = normalize_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email") from None
    return email


def _check_password(password: str, user: User, field: str = "password") -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), field=field) from None


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, language: str = "") -> User:
    """Create an account. E-mail addresses are unique regardless of case."""
    email = email_clean(email)
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValidationFailed(_("Enter your name."), field="full_name")
    if language not in Language.values:
        raise ValidationFailed(_("Choose a language from the list."), field="language")
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationFailed(_("An account with this e-mail address already exists."), field="email")
    user = User(email=email, full_name=full_name[:150], language=language)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    return user


def signin_authenticate(*, request, email: str, password: str, ip: str | None, user_agent: str = "") -> User:
    """Check a sign-in. After too many recent failures for the account or the IP, refuse without
    looking at the password (429). Every failure is stored and audited in the account's workspaces."""
    email = normalize_email(email)
    since = timezone.now() - timedelta(seconds=settings.SIGNIN_WINDOW_SECONDS)
    failures = SignInAttempt.objects.filter(succeeded=False, at__gte=since)
    known_user = User.objects.filter(email__iexact=email).first() if email else None
    minutes = max(1, settings.SIGNIN_WINDOW_SECONDS // 60)
    if (email and failures.filter(email=email).count() >= settings.SIGNIN_MAX_FAILURES_PER_ACCOUNT) or (
        ip and failures.filter(ip=ip).count() >= settings.SIGNIN_MAX_FAILURES_PER_IP
    ):
        if known_user:
            audit_record_for_user(
                user=known_user, action=AccountAuditAction.SIGN_IN_FAILED, ip=ip, data={"reason": "throttled"}
            )
        raise Throttled(
            _(
                "Too many failed sign-in attempts. "
                "Wait %(minutes)d minutes and try again, or reset your password."
            )
            % {"minutes": minutes}
        )
    user = authenticate(request, email=email, password=password) if email and password else None
    SignInAttempt.objects.create(
        email=email[:254],
        user=user or known_user,
        ip=ip,
        user_agent=user_agent[:300],
        succeeded=user is not None,
    )
    if user is None:
        if known_user:
            audit_record_for_user(
                user=known_user,
                action=AccountAuditAction.SIGN_IN_FAILED,
                ip=ip,
                data={"reason": "bad_credentials"},
            )
        raise ValidationFailed(
            _("The e-mail address or password is not correct."), code="invalid_credentials"
        )
    audit_record_for_user(user=user, action=AccountAuditAction.SIGN_IN, ip=ip)
    return user


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str, ip: str | None) -> None:
    """A password change ends the user's sessions and sockets on every other device."""
    if not user.check_password(old_password):
        raise ValidationFailed(_("Your current password is not correct."), field="old_password")
    _check_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    close_sockets_on_commit(user_group(user.pk), "password_changed")
    audit_record_for_user(user=user, action=AccountAuditAction.PASSWORD_CHANGED, ip=ip)


@transaction.atomic
def user_set_password(*, user: User, new_password: str) -> None:
    """Password reset by e-mailed link: like a change, it ends every session of the user."""
    _check_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    close_sockets_on_commit(user_group(user.pk), "password_changed")
    audit_record_for_user(user=user, action=AccountAuditAction.PASSWORD_CHANGED, data={"via": "reset"})


@transaction.atomic
def user_sign_out_everywhere(*, user: User, ip: str | None) -> None:
    User.objects.filter(pk=user.pk).update(session_epoch=user.session_epoch + 1)
    user.session_epoch += 1
    close_sockets_on_commit(user_group(user.pk), "signed_out")
    audit_record_for_user(user=user, action=AccountAuditAction.SIGN_OUT_EVERYWHERE, ip=ip)


def user_update_preferences(
    *, user: User, full_name: str | None = None, language: str | None = None, time_zone: str | None = None
) -> User:
    fields = []
    if full_name is not None:
        if not full_name.strip():
            raise ValidationFailed(_("Enter your name."), field="full_name")
        user.full_name = full_name.strip()[:150]
        fields.append("full_name")
    if language is not None:
        if language not in Language.values:
            raise ValidationFailed(_("Choose a language from the list."), field="language")
        user.language = language
        fields.append("language")
    if time_zone is not None:
        if time_zone and time_zone not in geo.time_zones():
            raise ValidationFailed(_("Choose a time zone from the list."), field="time_zone")
        user.time_zone = time_zone
        fields.append("time_zone")
    if fields:
        user.save(update_fields=fields)
    return user


# --- personal access tokens -------------------------------------------------------------------------


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, membership, name: str, expires_at: datetime | None, ip: str | None
) -> tuple[ApiToken, str]:
    """Create a token acting as `membership`. The raw token is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the token a name, e.g. the script that will use it."), field="name")
    now = timezone.now()
    if expires_at is not None:
        if expires_at <= now:
            raise ValidationFailed(_("The expiry date must be in the future."), field="expires_at")
        if expires_at > now + timedelta(days=settings.API_TOKEN_MAX_DAYS):
            raise ValidationFailed(
                _("A token may live at most %(days)d days.") % {"days": settings.API_TOKEN_MAX_DAYS},
                field="expires_at",
            )
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    token = ApiToken.objects.create(
        workspace=membership.workspace,
        membership=membership,
        name=name[:100],
        prefix=secret[:8],
        token_hash=_hash_token(raw),
        expires_at=expires_at,
    )
    audit_record(
        workspace=membership.workspace,
        actor=membership.user,
        action=AccountAuditAction.TOKEN_CREATED,
        target=f"{token.name} ({token.prefix}…)",
        ip=ip,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor, ip: str | None) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            workspace=token.workspace,
            actor=actor,
            action=AccountAuditAction.TOKEN_REVOKED,
            target=f"{token.name} ({token.prefix}…)",
            ip=ip,
        )


def api_token_authenticate(raw: str):
    """The membership a bearer token acts as, or None. Checked on every request, so revocation,
    expiry and deactivation take effect at once."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("membership__user", "membership__workspace")
        .filter(token_hash=_hash_token(raw))
        .first()
    )
    if token is None or not token.is_usable:
        return None
    membership = token.membership
    if not membership.is_active or not membership.user.is_active:
        return None
    now = timezone.now()
    # One write a minute at most: last-used is informative, not worth a write per request.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return membership
