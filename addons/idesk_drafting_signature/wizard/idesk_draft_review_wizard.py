"""The signing leader's PIN, typed in the signature dialog.

The PIN must reach the token without being kept anywhere, and Odoo's dialogs
save a wizard (one call) before they run its button (another call). So the
signature is made while the dialog is saved: ``create`` takes the PIN out of
the values before anything is written, signs, and the button only closes the
dialog. A wrong PIN fails the save: nothing is kept, the dialog stays open.
"""

from odoo import api, fields, models

from ..tools.secret import Secret


class IdeskDraftReviewWizard(models.TransientModel):
    _inherit = "idesk.draft.review.wizard"

    pin = fields.Char(
        string="PIN of your token",
        compute="_compute_pin",
        inverse="_inverse_pin",
        help="Typed for this signature only: iDESK keeps it nowhere.",
    )
    needs_pin = fields.Boolean(compute="_compute_needs_pin")
    done = fields.Boolean(readonly=True)

    def _compute_pin(self):
        self.pin = False

    def _inverse_pin(self):
        """Never stored (``create`` removes it first)."""

    @api.depends("decision")
    def _compute_needs_pin(self):
        has_key = bool(self.env["idesk.draft"]._leader_key())
        for wizard in self:
            wizard.needs_pin = wizard.decision == "sign" and has_key

    @api.model_create_multi
    def create(self, vals_list):
        pins = [Secret(vals.pop("pin", None)) for vals in vals_list]
        for vals in vals_list:
            vals.pop("done", None)
        wizards = super().create(vals_list)
        for wizard, pin in zip(wizards, pins, strict=True):
            if wizard.needs_pin:
                wizard._sign_now(pin)
        return wizards

    def write(self, vals):
        vals = dict(vals)
        vals.pop("pin", None)
        return super().write(vals)

    def _sign_now(self, pin):
        draft = self.draft_id.with_context(idesk_signing_digitally=True)
        draft._do_review("sign", comment=self.comment, consent=self.consent)
        draft._sign_digitally(pin.reveal())
        # The decision is made: the dialog's button has nothing left to do.
        self._idesk_system().write({"done": True})

    def action_confirm(self):
        self.ensure_one()
        if self.done:
            return {"type": "ir.actions.act_window_close"}
        return super().action_confirm()
