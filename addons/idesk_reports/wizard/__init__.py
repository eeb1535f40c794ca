from . import idesk_register_print_wizard
from . import idesk_book_close_wizard
from . import idesk_book_reopen_wizard
from . import idesk_correction_note_wizard
from . import idesk_status_report_print
