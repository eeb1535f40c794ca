"""A PIN on its way from the dialog to the token, through the context.

JSON-RPC and XML-RPC carry no Python object: a caller cannot forge one, and
its ``repr`` (in a traceback, a log line of the context) shows no digit.
"""


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value):
        self._value = value or ""

    def reveal(self):
        return self._value

    def __repr__(self):
        return "Secret(***)"

    __str__ = __repr__


def from_context(env, key="idesk_signing_pin"):
    value = env.context.get(key)
    return value.reveal() if isinstance(value, Secret) else None
