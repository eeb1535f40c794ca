from . import register_book_pdf
from . import register_book_xlsx
from . import register_book_columns
