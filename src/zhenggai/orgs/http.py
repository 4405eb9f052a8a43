"""The request of a logged-in person, for the type checker: `request.user` is a `User`, never anonymous.

Views behind `login_required` take an `AuthenticatedRequest`; Django passes the same HttpRequest,
the annotation only records what `login_required` has already made sure of. It lives here, beside
the user model, because the shared core may not import an app.
"""

from __future__ import annotations

from django.http import HttpRequest

from zhenggai.orgs.models import User


class AuthenticatedRequest(HttpRequest):
    """An HttpRequest whose user has logged in."""

    user: User
