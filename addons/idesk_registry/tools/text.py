"""Text helpers: one normal form for everything stored and searched."""

import unicodedata

# Letters that NFD does not decompose into a base letter plus a combining mark.
_EXTRA_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def nfc(value):
    """Return ``value`` in the composed Unicode form (what Vietnamese keyboards
    mostly type); Windows IMEs and some scanners produce the decomposed form."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def fold(value):
    """Lowercase, accents stripped (đ → d), whitespace collapsed: the form
    in which documents are indexed and searched."""
    if not value:
        return ""
    value = unicodedata.normalize("NFD", str(value).translate(_EXTRA_FOLD))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return " ".join(value.lower().split())


def format_number(number):
    """Numbers below 10 are written with a leading zero (Decree 30/2020)."""
    return f"{number:02d}" if number else ""
