"""The base of errors whose message is plain Dutch for the person who meets it (at a kiosk, in the
console), safe to show as-is."""


class DutchError(ValueError):
    """str(error) says, in Dutch, what went wrong and what to do next. It never repeats private input."""
