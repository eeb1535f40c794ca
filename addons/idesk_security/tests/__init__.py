from . import test_agency
from . import test_access_matrix
from . import test_account_safety
from . import test_ldap
from . import test_views_demo
from . import test_health
from . import test_health_browser
from . import test_mail_retry
