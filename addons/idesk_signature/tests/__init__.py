from . import test_signature_verdicts
from . import test_signature_registration
from . import test_trust_store
from . import test_signing_key
