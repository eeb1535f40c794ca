from . import idesk_signature_override_wizard
