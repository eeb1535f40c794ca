from . import idesk_agency
from . import idesk_access_mixin
from . import res_users
