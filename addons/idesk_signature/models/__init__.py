from . import idesk_signing_key
from . import res_users
