"""Streamed XLSX writer for the register books (same columns as the PDF).

XlsxWriter in ``constant_memory`` mode flushes every row to a temporary file
as soon as the next row starts, so memory does not grow with the book.
"""

import xlsxwriter

from .register_book_pdf import format_value

# characters per relative width unit, for readable column widths
WIDTH_FACTOR = 1.6


def write_register_book_xlsx(stream, columns, cover, labels, rows):
    """Write the book to ``stream`` (a path or a binary file object) and
    return the number of entries written."""
    workbook = xlsxwriter.Workbook(
        stream, {"constant_memory": True, "in_memory": False}
    )
    try:
        sheet = workbook.add_worksheet(labels.get("sheet", "Register")[:31])
        title = workbook.add_format(
            {"bold": True, "font_size": 14, "font_name": "Times New Roman"}
        )
        plain = workbook.add_format({"font_name": "Times New Roman", "font_size": 11})
        header = workbook.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
                "font_name": "Times New Roman",
            }
        )
        cell = workbook.add_format(
            {
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "font_name": "Times New Roman",
            }
        )
        cancelled = workbook.add_format(
            {
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "font_strikeout": True,
                "font_color": "#666666",
                "font_name": "Times New Roman",
            }
        )
        for index, col in enumerate(columns):
            sheet.set_column(index, index, max(6, col.width * WIDTH_FACTOR))
        row_index = 0
        for key, fmt in (
            ("authority", plain),
            ("agency", title),
            ("title", title),
            ("year", plain),
            ("date_range", plain),
            ("number_range", plain),
            ("volume", plain),
        ):
            if cover.get(key):
                sheet.write_string(row_index, 0, cover[key], fmt)
                row_index += 1
        row_index += 1
        sheet.set_row(row_index, 45)
        for index, col in enumerate(columns):
            sheet.write_string(row_index, index, col.title, header)
        row_index += 1
        for index in range(len(columns)):
            sheet.write_string(row_index, index, f"({index + 1})", header)
        sheet.freeze_panes(row_index + 1, 0)
        row_index += 1
        count = 0
        cancel_label = labels.get("cancelled", "%(reason)s")
        for row in rows:
            is_cancelled = row.get("cancelled")
            for index, col in enumerate(columns):
                text = format_value(row.get(col.key))
                fmt = cell
                if is_cancelled:
                    if col.key == "note":
                        reason = cancel_label % {
                            "reason": format_value(row.get("cancel_reason"))
                        }
                        text = f"{reason}\n{text}" if text else reason
                    elif col.key != "signature":
                        fmt = cancelled
                if text:
                    sheet.write_string(row_index, index, text, fmt)
                else:
                    sheet.write_blank(row_index, index, None, fmt)
            row_index += 1
            count += 1
    finally:
        workbook.close()
    return count
