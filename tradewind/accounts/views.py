"""Sign-in, sign-up, passwords and preferences. Each view parses input, calls a service, renders."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.accounts import forms, services
from tradewind.accounts.choices import Language
from tradewind.accounts.models import User
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.workspaces.access import access_api_token, workspace_view


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def signup_open() -> bool:
    """Anyone may sign up if the operator allows it; the first account of a new installation always may."""
    return settings.OPEN_SIGNUP or not User.objects.exists()


@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request, reverse("home")))
    form = forms.SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.signin_authenticate(
                request=request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
            status = 429 if exc.status == 429 else 400  # 429 tells scripts to back off
        else:
            login(request, user)
            return redirect(_safe_next(request, reverse("home")))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": _safe_next(request, ""), "signup_open": signup_open()},
        status=status,
    )


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:sign_in")


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if not signup_open():
        raise Http404
    if request.user.is_authenticated:
        return redirect("home")
    form = forms.SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_register(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in Language.values else "",
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            return redirect("workspaces:create")
    return render(request, "accounts/sign_up.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = forms.PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_password(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
                ip=client_ip(request),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            update_session_auth_hash(request, request.user)  # this device stays signed in; others do not
            messages.success(request, _("Password changed. Other devices have been signed out."))
            return redirect("accounts:preferences")
    return render(
        request, "accounts/password_change.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def sign_out_everywhere(request):
    services.user_sign_out_everywhere(user=request.user, ip=client_ip(request))
    logout(request)
    messages.info(request, _("You are signed out on every device."))
    return redirect("accounts:sign_in")


@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = forms.PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site = urlsplit(settings.SITE_URL)
        reset = PasswordResetForm({"email": form.cleaned_data["email"]})
        if reset.is_valid():
            # The same answer whether or not the address has an account: no account enumeration.
            reset.save(
                domain_override=site.netloc,
                use_https=site.scheme == "https",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                request=request,
            )
        return render(request, "accounts/password_reset_sent.html")
    return render(request, "accounts/password_reset.html", {"form": form}, status=400 if form.errors else 200)


def _user_from_reset_link(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request, uidb64: str, token: str):
    user = _user_from_reset_link(uidb64, token)
    if user is None:
        return render(request, "accounts/password_reset_invalid.html", status=404)
    form = forms.SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(user=user, new_password=form.cleaned_data["new_password"])
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Your password is set. Sign in with it."))
            return redirect("accounts:sign_in")
    return render(
        request, "accounts/password_reset_confirm.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    user = request.user
    initial = {"full_name": user.full_name, "language": user.language, "time_zone": user.time_zone}
    form = forms.PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_preferences(user=user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Preferences saved."))
            return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def set_language(request):
    """The user menu's language switch: stored on the account, or in a cookie before sign-in."""
    language = request.POST.get("language", "")
    response = redirect(_safe_next(request, reverse("home")))
    if language not in Language.values:
        return response
    if request.user.is_authenticated:
        services.user_update_preferences(user=request.user, language=language)
    if language:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


# --- personal access tokens (per membership, so they live under /w/<slug>/) --------------------------


@workspace_view
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = forms.ApiTokenForm(request.POST or None)
    created_raw = None
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_at"]
        # A date means "until the end of that day" in the user's zone.
        expires_at = (
            timezone.make_aware(dt.datetime.combine(expires_on, dt.time(23, 59, 59))) if expires_on else None
        )
        try:
            _token, created_raw = services.api_token_create(
                membership=request.membership,
                name=form.cleaned_data["name"],
                expires_at=expires_at,
                ip=client_ip(request),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            form = forms.ApiTokenForm()
    tokens = request.membership.api_tokens.all()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "created_raw": created_raw, "now": timezone.now()},
        status=400 if form.errors else 200,
    )


@workspace_view
@require_POST
def api_token_revoke(request, token_id):
    token = access_api_token(request.membership, token_id)
    services.api_token_revoke(token=token, actor=request.user, ip=client_ip(request))
    messages.success(request, _("Token revoked. It stopped working immediately."))
    return redirect("workspaces:api_tokens", slug=request.workspace.slug)
