"""Control characters: what a form refuses, and how a refusal names them."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 controls and DEL, except tab and line breaks. NUL is refused separately: Django's own
# validator (ProhibitNullCharactersValidator) names it, so a NUL is reported once.
CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Anything that never belongs in a URL path.
PATH_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# Unicode gives control characters no names; these are their usual ones.
_NAMES = {
    "\x00": "NULL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def describe(character: str) -> str:
    """ "U+000B (LINE TABULATION)", or "U+0001 (a control character)" """
    return f"U+{ord(character):04X} ({_NAMES.get(character, 'a control character')})"


@deconstructible
class ControlCharacterValidator:
    message = _(
        "This text contains an invisible control character, %(character)s, which we cannot store. "
        "Delete it (retyping the text around it is the surest way) and save again."
    )
    code = "control_characters_not_allowed"

    def __call__(self, value: object) -> None:
        if not isinstance(value, str):
            return
        found = CONTROL_CHARACTERS.search(value)
        if found:
            raise ValidationError(self.message, code=self.code, params={"character": describe(found.group())})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_no_control_characters = ControlCharacterValidator()
