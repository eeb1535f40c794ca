from . import test_numbering
from . import test_concurrency
from . import test_symbol
from . import test_duplicate
from . import test_bad_input
from . import test_scan_ocr
from . import test_search
from . import test_access
