"""The error bodies every API router answers with."""

from ninja import Field, Schema


class ErrorOut(Schema):
    """Every error of the API: a sentence, and with 422 the sentences per field."""

    detail: str = Field(description="What went wrong, as a sentence in the user's language.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Only with 422: the reasons per field (`__all__` for the whole request).")


class ValidationOut(ErrorOut):
    errors: dict[str, list[str]] = Field(
        description="The reasons per field (`__all__` for the whole request).")
