from . import test_register_book_pdf
from . import test_book_closure
from . import test_closure_rpc
from . import test_status_report
from . import test_status_report_results
from . import test_hostile_routes
from . import test_report_pdfs
from . import test_untranslated_strings
