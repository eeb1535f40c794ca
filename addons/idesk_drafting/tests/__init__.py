from . import test_drafting_flow
from . import test_drafting_access
from . import test_drafting_files
from . import test_drafting_tour
from . import test_drafting_home
from . import test_drafting_demo
from . import test_drafting_trace
from . import test_drafting_phone_tour
