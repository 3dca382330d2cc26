"""Sign-up; login, logout and password change are Django's own auth views with our templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quiz.forms import SignUpForm
from quiz.views.http import HtmxHttpRequest, see_other


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("content:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            # A new account has no failed logins to check: sign it in with the model backend directly.
            login(request, user, backend="config.request_auth.ModelBackend")
            messages.success(request, "You are signed up. Pick a topic and start practising.")
            return see_other(request, reverse("content:home"))
        return render(request, "registration/signup.html", {"form": form}, status=400)
    return render(request, "registration/signup.html", {"form": form})
