from odoo import _, api, models

from .idesk_document_ocr import OCR_MAX_ATTEMPTS


class IdeskHealthLine(models.TransientModel):
    """The OCR queue in the network administrator's health view."""

    _inherit = "idesk.health.line"

    @api.model
    def _get_health_lines(self):
        lines = super()._get_health_lines()
        Document = self.env["idesk.document"]  # superuser: counts of every agency
        category = _("Text recognition (OCR)")
        pending = [("ocr_state", "=", "pending")]
        failed = [("ocr_state", "=", "failed")]
        given_up = failed + [("ocr_attempts", ">=", OCR_MAX_ATTEMPTS)]
        failed_count = Document.search_count(failed)
        last = Document.search(failed, order="write_date desc, id desc", limit=1)
        if Document.search_count(given_up):
            failed_status = "error"
        else:
            failed_status = "warning" if failed_count else "ok"
        waiting = _("Scans waiting for text recognition")
        failing = _("Scans whose text recognition failed")
        lines += [
            {
                "sequence": 250,
                "category": category,
                "name": waiting,
                "value": str(Document.search_count(pending)),
                "status": "ok",
                "action": self._health_list_action(waiting, "idesk.document", pending),
            },
            {
                "sequence": 251,
                "category": category,
                "name": failing,
                "value": str(failed_count),
                "status": failed_status,
                "action": self._health_list_action(failing, "idesk.document", failed),
            },
            {
                "sequence": 252,
                "category": category,
                "name": _("Last text recognition failure"),
                "value": _(
                    "%(date)s, %(document)s: %(error)s",
                    date=self._health_datetime(last.write_date),
                    document=last.display_name,
                    error=last.ocr_error or "",
                )
                if last
                else _("none"),
                "status": "warning" if last else "ok",
            },
        ]
        return lines
