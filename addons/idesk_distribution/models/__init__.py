from . import idesk_agency
from . import idesk_assignment
from . import idesk_assignment_notify
from . import idesk_assignment_reminder
from . import idesk_document
from . import idesk_document_direction
from . import idesk_document_demo
from . import res_users
