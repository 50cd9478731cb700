"""Errors a user can act on. Front ends print ``str(error)`` as one line, never a traceback."""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class: the message is meant for the person who gave the input."""


class InputError(NewsbriefError):
    """The input cannot be read or holds nothing to brief (missing, empty, binary, malformed)."""


class FetchError(InputError):
    """A URL was refused (private address, too large, wrong type) or could not be fetched."""


class UnsupportedLanguage(InputError):
    """The text is not English; only English is supported."""
