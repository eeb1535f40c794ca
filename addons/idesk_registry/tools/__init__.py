from . import text
from . import scan
from . import ocr
