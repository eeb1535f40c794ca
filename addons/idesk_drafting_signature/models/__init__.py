from . import idesk_draft_sign
from . import idesk_draft_issue
from . import idesk_draft_upload
