"""Container numbers (ISO 6346): three letters of the owner code, the category letter (U for freight
containers, J for detachable equipment, Z for trailers and chassis), six digits of serial number and one
check digit — "CSQU 305438 3". A typo in one character changes the check digit, so checking it catches
the usual slips of copying a number off a photo or a forwarder's e-mail before the B/L is wrong."""

from __future__ import annotations

import re
import string

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed

CATEGORIES = "UJZ"
_SHAPE = re.compile(r"^[A-Z]{3}[UJZ][0-9]{7}$")
# What people type between the parts: "CSQU 305438-3", "CSQU/3054383".
_SEPARATORS = re.compile(r"[\s\-/.]+")


def _letter_values() -> dict[str, int]:
    """A=10, B=12 … Z=38: counting up from 10 and skipping the multiples of 11 (11, 22, 33), which would
    make some single-letter slips invisible to the check."""
    values, number = {}, 10
    for letter in string.ascii_uppercase:
        if number % 11 == 0:
            number += 1
        values[letter] = number
        number += 1
    return values


LETTER_VALUES = _letter_values()


def check_digit(first_ten: str) -> int:
    """The check digit of the first ten characters: each character's value times 2 to the power of its
    position (0 to 9), summed, modulo 11; a remainder of 10 is written 0."""
    total = sum(
        (LETTER_VALUES[c] if c.isalpha() else int(c)) * 2**position for position, c in enumerate(first_ten)
    )
    return total % 11 % 10


def container_number_check(text: str, *, field: str = "number") -> str:
    """`text` as an ISO 6346 container number, upper-cased without spaces or dashes ("CSQU3054383"); refused
    with a message naming what is wrong (the shape, or the check digit and what it should be)."""
    number = _SEPARATORS.sub("", (text or "").strip()).upper()
    if not _SHAPE.match(number):
        raise ValidationFailed(
            _(
                "“%(number)s” is not a container number: four letters (the owner code ending in U, J or Z) "
                "and seven digits, e.g. CSQU3054383."
            )
            % {"number": (text or "").strip()[:20]},
            field=field,
        )
    expected = check_digit(number[:10])
    if int(number[10]) != expected:
        raise ValidationFailed(
            _(
                "The check digit of container %(number)s is wrong: by ISO 6346 it should be %(digit)d. "
                "Check the number against the container or the booking."
            )
            % {"number": number, "digit": expected},
            field=field,
        )
    return number
