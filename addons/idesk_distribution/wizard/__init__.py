from . import idesk_direction_wizard
from . import idesk_recall_wizard
from . import idesk_send_wizard
