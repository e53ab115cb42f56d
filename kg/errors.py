"""Errors that reach users as one clear line."""


class KGError(Exception):
    """An error the CLI prints as one line (no traceback)."""


class ModelNotFound(KGError):
    pass


class InputError(KGError):
    """An input that cannot be read; the build skips it and goes on."""
