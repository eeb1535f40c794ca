from . import idesk_register_book
from . import idesk_book_closure
from . import idesk_document
from . import ir_attachment
from . import idesk_status_report
from . import idesk_document_statistics
from . import res_users
from . import idesk_security_log
