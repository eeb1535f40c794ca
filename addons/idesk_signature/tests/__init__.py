from . import test_signing_key
