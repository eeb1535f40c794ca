from . import idesk_security_log
from . import idesk_trusted_certificate
from . import idesk_document_signature
from . import idesk_document_signature_report
from . import idesk_document_demo
from . import idesk_signing_key
from . import res_users
from . import idesk_signing_key_demo
