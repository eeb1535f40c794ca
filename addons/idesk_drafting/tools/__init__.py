from . import convert
from . import marks
