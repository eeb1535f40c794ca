from . import idesk_agency
from . import idesk_access_mixin
from . import idesk_security_log
from . import idesk_ldap_mapping
from . import res_company_ldap
from . import res_users
from . import res_config_settings
from . import res_groups
