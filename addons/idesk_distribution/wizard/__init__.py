from . import idesk_direction_wizard
from . import idesk_direction_wizard_proposal
from . import idesk_recall_wizard
from . import idesk_redirect_wizard
from . import idesk_send_wizard
from . import idesk_delegation_wizard
from . import idesk_result_return_wizard
