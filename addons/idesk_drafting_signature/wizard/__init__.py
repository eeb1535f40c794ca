from . import idesk_draft_review_wizard
from . import idesk_draft_issue_wizard
from . import idesk_draft_signed_upload_wizard
