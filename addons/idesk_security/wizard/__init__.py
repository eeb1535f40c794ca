from . import idesk_content_report_wizard
from . import idesk_account_unblock_wizard
