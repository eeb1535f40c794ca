from . import test_drafting_signature
