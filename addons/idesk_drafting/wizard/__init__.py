from . import idesk_draft_upload_wizard
from . import idesk_draft_review_wizard
