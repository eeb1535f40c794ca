from . import test_deadline
from . import test_direction
from . import test_direction_people
from . import test_distribution
from . import test_reminders
from . import test_mobile_tour
from . import test_digest_links
from . import test_agency_archive
