from odoo import api, fields, models

from .idesk_review_chain import STEP_KINDS


class IdeskReviewStep(models.Model):
    """One reviewer's turn on a draft: who, what for, since when, until when,
    and what he decided. Written only by the review actions; the steps of
    every submission stay as the draft's trace."""

    _name = "idesk.review.step"
    _description = "Review step of a draft"
    _order = "draft_id, round, sequence, id"

    draft_id = fields.Many2one(
        "idesk.draft", required=True, readonly=True, ondelete="cascade", index=True
    )
    round = fields.Integer(string="Submission", readonly=True, default=1)
    sequence = fields.Integer(readonly=True)
    kind = fields.Selection(STEP_KINDS, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Reviewer", required=True, readonly=True, index=True
    )
    state = fields.Selection(
        [
            ("pending", "Waiting"),
            ("active", "In review"),
            ("approved", "Approved"),
            ("returned", "Returned"),
            ("forwarded", "Forwarded"),
            ("skipped", "Skipped"),
            ("cancelled", "Cancelled"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    comment = fields.Text(readonly=True)
    start_date = fields.Datetime(string="Received", readonly=True)
    done_date = fields.Datetime(string="Decided", readonly=True)
    deadline = fields.Date(readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    duration_hours = fields.Float(
        string="Held (hours)", compute="_compute_duration_hours", digits=(16, 1)
    )

    @api.depends("start_date", "done_date")
    def _compute_duration_hours(self):
        now = fields.Datetime.now()
        for step in self:
            if step.start_date:
                end = step.done_date or now
                step.duration_hours = (end - step.start_date).total_seconds() / 3600
            else:
                step.duration_hours = 0.0
