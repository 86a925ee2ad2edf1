"""Decimals travel as strings, in and out ("45.5", "12.5000"): a JSON number is read as a binary float
before any code sees it, and an amount must not change on its way in."""

import re
from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema


def decimal_text_in(pattern: str, example: str, description: str):
    """A decimal given as a string matching `pattern` (the service's bounds and places, spelt out)."""

    def parse(value):
        if isinstance(value, str) and re.fullmatch(pattern, value):
            return Decimal(value)
        raise ValueError(f'give the number as a string, e.g. "{example}" ({description})')

    schema = {
        "type": "string",
        "pattern": f"^({pattern})$",
        "description": description,
        "examples": [example],
    }
    return Annotated[Decimal, PlainValidator(parse), WithJsonSchema(schema)]


def decimal_text_out(places: int, description: str):
    """A decimal answered as a string with exactly `places` decimals ("45.0", "12.5000")."""
    quantum = Decimal(1).scaleb(-places)
    schema = {"type": "string", "pattern": rf"^-?[0-9]+\.[0-9]{{{places}}}$", "description": description}
    # Fixed-point text, never "5E-8": str() of a small Decimal is in scientific notation.
    serializer = PlainSerializer(lambda d: f"{d.quantize(quantum):f}", return_type=str)
    return Annotated[Decimal, serializer, WithJsonSchema(schema)]
