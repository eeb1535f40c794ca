from . import idesk_document_cancel_wizard
from . import idesk_document_duplicate_wizard
from . import idesk_scan_upload_wizard
