from . import test_drafting_flow
from . import test_drafting_access
from . import test_drafting_files
from . import test_drafting_tour
from . import test_drafting_home
