"""One error shape for the whole API: `{"detail": sentence, "errors": {field: [sentences]}}`.

`errors` is only sent with 422. Every way a request can fail (our `Invalid`, django-ninja's
own validation and HTTP errors, Http404, PermissionDenied, Django's ValidationError, a body
that is not JSON or is too large) is answered here as JSON in the reader's language.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

NON_FIELD = "__all__"


class Invalid(Exception):
    """Values the API refuses: {field: [messages]}, answered with 422."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def from_form(cls, form):
        return cls({field: [e["message"] for e in items]
                    for field, items in form.errors.get_json_data().items()})

    @classmethod
    def from_django(cls, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return cls({field: [str(m) for e in errors for m in e.messages]
                        for field, errors in exc.error_dict.items()})
        return cls({NON_FIELD: [str(m) for m in exc.messages]})


# Parsing ---------------------------------------------------------------------------------

class NotJson(ValueError):
    """The body is not a JSON document (NaN and Infinity are not JSON either)."""


def _no_constants(name: str):
    raise NotJson(name)


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def surrogate_paths(value, path: tuple = ()) -> list[tuple]:
    """Where, in a parsed JSON value, a key or a string holds an unpaired surrogate."""
    found = []
    if isinstance(value, str):
        if _has_lone_surrogate(value):
            found.append(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            if _has_lone_surrogate(key):
                found.append(path)
            else:
                found.extend(surrogate_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(surrogate_paths(item, (*path, index)))
    return found


def surrogate_error() -> str:
    return _("This text contains an invalid character (an unpaired surrogate).")


class StrictJsonParser(Parser):
    """JSON bodies, refusing what no form or database should ever see.

    A string escape such as "\\ud800" decodes to a lone surrogate, which cannot be stored
    or encoded as UTF-8: the body is refused with 422 before any form or query runs.
    """

    def parse_body(self, request):
        data = json.loads(request.body, parse_constant=_no_constants)
        bad = surrogate_paths(data)
        if bad:
            raise Invalid({(str(path[0]) if path else NON_FIELD): [surrogate_error()]
                           for path in bad})
        return data


# Ninja's validation errors ---------------------------------------------------------------

def _type_sentences() -> dict[str, str]:
    whole = _("Enter a whole number.")
    number = _("Enter a number.")
    day = _("Enter a date as YYYY-MM-DD.")
    moment = _("Enter a date and time in ISO 8601 format.")
    yes_no = _("Enter true or false.")
    return {
        "missing": _("This field is required."),
        "int_parsing": whole, "int_type": whole, "int_from_float": whole,
        "float_parsing": number, "float_type": number, "decimal_parsing": number,
        "decimal_type": number, "finite_number": number,
        "bool_parsing": yes_no, "bool_type": yes_no,
        "date_parsing": day, "date_type": day, "date_from_datetime_parsing": day,
        "date_from_datetime_inexact": day,
        "datetime_parsing": moment, "datetime_type": moment,
        "datetime_from_date_parsing": moment,
        "string_type": _("Enter text."),
        "list_type": _("Enter a list."),
        "dict_type": _("Enter an object."), "model_type": _("Enter an object."),
        "model_attributes_type": _("Enter an object."),
    }


def _sentence(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        return _("Enter a value of at least %(minimum)s.") % {"minimum": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Enter a value of at most %(maximum)s.") % {"maximum": ctx.get("le")}
    return _type_sentences().get(kind, _("This value is not valid."))


def _field(loc) -> str:
    """The field a ninja error names: ("body", "payload", "name", 0) is "name"."""
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)  # the view's body parameter, not a field the client sent
    return str(parts[0]) if parts else NON_FIELD


def from_ninja(exc: NinjaValidationError) -> Invalid:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        if not isinstance(error, dict):
            continue
        messages = errors.setdefault(_field(error.get("loc", ())), [])
        sentence = _sentence(error)
        if sentence not in messages:
            messages.append(sentence)
    return Invalid(errors or {NON_FIELD: [_("This value is not valid.")]})


# Handlers --------------------------------------------------------------------------------

def _answer(api, request, status: int, detail: str, errors: dict | None = None):
    body = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def install(api) -> None:
    """Answer every failure of `api` in the one error shape."""

    def invalid(request, exc: Invalid):
        return _answer(api, request, 422, _("Some values are not valid."), exc.errors)

    def http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, Invalid):
            return invalid(request, cause)
        if isinstance(exc, AuthenticationError) or exc.status_code == 401:
            return _answer(api, request, 401, _("Sign in or send a token."))
        sentences = {
            400: _("The request body is not valid JSON."),
            403: _("Your role does not allow this."),
            404: _("Not found."),
            405: _("This method is not allowed here."),
        }
        detail = sentences.get(exc.status_code, _("The request could not be handled."))
        return _answer(api, request, exc.status_code, detail)

    handlers = {
        Invalid: invalid,
        NinjaValidationError: lambda request, exc: invalid(request, from_ninja(exc)),
        DjangoValidationError: lambda request, exc: invalid(request, Invalid.from_django(exc)),
        HttpError: http_error,
        Http404: lambda request, exc: _answer(api, request, 404, _("Not found.")),
        PermissionDenied: lambda request, exc: _answer(
            api, request, 403, _("Your role does not allow this.")),
        RequestDataTooBig: lambda request, exc: _answer(
            api, request, 413, _("The request body is too large.")),
        IntegrityError: lambda request, exc: _answer(
            api, request, 409, _("This change conflicts with data saved meanwhile: "
                                 "reload and try again.")),
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)


def _method_not_allowed(view):
    def answer():
        allowed = sorted({method for op in view.operations for method in op.methods})
        response = JsonResponse({"detail": _("This method is not allowed here.")}, status=405)
        response["Allow"] = ", ".join(allowed)
        return response

    return answer


def document(api) -> None:
    """Add to each operation's OpenAPI responses the errors it can answer.

    401 without a valid token; 403 and 404 under /w/{ws}/ (role, workspace, ids); 422 when
    it takes parameters; 400 and 413 when it reads a body; 409 for a write that loses a race
    on a unique value. A method a path does not offer answers 405 in the same shape.
    """
    from .schemas import ErrorOut, ValidationOut

    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            view._not_allowed = _method_not_allowed(view)
            for op in view.operations:
                codes = {}
                if op.auth_callbacks:
                    codes[401] = ErrorOut
                if "{ws}" in path:
                    codes[403] = codes[404] = ErrorOut
                sources = {getattr(m, "__ninja_param_source__", "") for m in op.models}
                if sources:
                    codes[422] = ValidationOut
                if "body" in sources:
                    codes[400] = codes[413] = ErrorOut
                if set(op.methods) & {"POST", "PATCH", "PUT", "DELETE"}:
                    codes[409] = ErrorOut
                for code, schema in codes.items():
                    if code not in op.response_models:
                        op.response_models[code] = op._create_response_model(schema)


def not_found(request, rest: str = ""):
    """Any path under /api/ that names no operation: the one error shape, not an HTML page."""
    return JsonResponse({"detail": _("Not found.")}, status=404)
