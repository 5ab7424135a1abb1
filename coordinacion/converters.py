"""Path converters shared by every app."""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    """A primary key: at most 18 digits, so it always fits a database bigint.

    A longer number cannot name a row; refusing it in the URL gives a plain 404 on every backend
    instead of an overflow inside the database driver.
    """

    regex = "[0-9]{1,18}"
