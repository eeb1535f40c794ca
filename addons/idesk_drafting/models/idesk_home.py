from odoo import _, api, models


class IdeskHome(models.AbstractModel):
    """The drafting part of the home: drafts waiting for the person (to review,
    sign or correct), signed drafts the clerk issues, and "Draft a document"."""

    _inherit = "idesk.home"

    @api.model
    def _get_home_counters(self):
        counters = super()._get_home_counters()
        user = self.env.user
        if not user.agency_id:
            return counters
        counters.append(
            {
                "key": "drafts_waiting_for_me",
                "sequence": 25,
                "label": _("Drafts waiting for me"),
                "severity": "warning",
                "action": self._home_list_action(
                    "idesk_drafting.action_idesk_draft",
                    _("Drafts waiting for me"),
                    [
                        ("holder_id", "=", user.id),
                        ("state", "not in", ("issued", "cancelled")),
                    ],
                ),
            }
        )
        if user.has_group("idesk_security.group_idesk_clerk"):
            counters.append(
                {
                    "key": "drafts_to_issue",
                    "sequence": 16,
                    "label": _("Signed drafts to issue"),
                    "severity": "warning",
                    "action": self._home_list_action(
                        "idesk_drafting.action_idesk_draft",
                        _("Signed drafts to issue"),
                        [
                            ("state", "=", "signed"),
                            ("issuing_agency_id", "=", user.agency_id.id),
                        ],
                    ),
                }
            )
        return counters

    @api.model
    def _get_home_actions(self):
        actions = super()._get_home_actions()
        if self.env.user.agency_id and self.env["idesk.draft"].has_access("create"):
            actions.append(
                {
                    "key": "draft_document",
                    "sequence": 20,
                    "label": _("Draft a document"),
                    "action": "idesk_drafting.action_idesk_draft_new",
                }
            )
        return actions
