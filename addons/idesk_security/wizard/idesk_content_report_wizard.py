from odoo import _, fields, models
from odoo.exceptions import UserError


class IdeskContentReportWizard(models.TransientModel):
    """Report a record as harmful content, or review such a report (regulation art. 3)."""

    _name = "idesk.content.report.wizard"
    _description = "Report or review harmful content"
    _inherit = ["idesk.input.mixin"]

    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_ids = fields.Char(string="Records", required=True, readonly=True)
    mode = fields.Selection(
        [("report", "Report"), ("review", "Review")],
        required=True,
        default="report",
        readonly=True,
    )
    reason = fields.Text(
        help="Why the content is harmful, or the reason of the review decision."
    )
    decision = fields.Selection(
        [
            ("cleared", "Not harmful: show it again"),
            ("harmful", "Harmful content: keep it hidden"),
        ],
    )

    def _get_records(self):
        self.ensure_one()
        if (
            self.res_model not in self.env
            or "content_state" not in self.env[self.res_model]._fields
        ):
            raise UserError(_("This record cannot be reported as harmful content."))
        ids = [int(i) for i in self.res_ids.split(",") if i.strip().isdigit()]
        return self.env[self.res_model].browse(ids).exists()

    def action_confirm(self):
        records = self._get_records()
        if self.mode == "report":
            records.action_report_harmful_content(
                reason=self.reason or " "
            )  # blank: refused with a message
        else:
            if not self.decision:
                raise UserError(_("Please choose a decision."))
            records.action_review_content(decision=self.decision, note=self.reason)
        return {"type": "ir.actions.act_window_close"}
