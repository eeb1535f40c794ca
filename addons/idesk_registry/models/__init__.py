from . import idesk_document_type
from . import idesk_urgency
from . import idesk_register_book
from . import idesk_document
from . import idesk_document_register
from . import idesk_document_scan
from . import idesk_document_ocr
from . import idesk_document_demo
