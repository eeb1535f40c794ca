from odoo import _, api, models


class IdeskHome(models.AbstractModel):
    """The registry's part of the home: drafts to register (clerks), reported
    content to review (network administrators), "Receive from a scan" and
    "Receive a document" (clerks)."""

    _inherit = "idesk.home"

    @api.model
    def _get_home_counters(self):
        counters = super()._get_home_counters()
        user = self.env.user
        if user.agency_id and user.has_group("idesk_security.group_idesk_clerk"):
            # The drafts of his agency and of the books he keeps for others.
            Agency = self.env["idesk.agency"]

            def drafts(direction):
                kept = Agency._idesk_kept_agencies(user, direction)
                return [
                    ("direction", "=", direction),
                    ("state", "=", "draft"),
                    ("agency_id", "in", kept.ids),
                ]

            counters += [
                {
                    "key": "incoming_to_register",
                    "sequence": 10,
                    "label": _("Incoming documents to register"),
                    "severity": "warning",
                    "action": self._home_list_action(
                        "idesk_registry.action_idesk_document_incoming",
                        _("Incoming documents to register"),
                        drafts("incoming"),
                        {"default_direction": "incoming"},
                    ),
                },
                {
                    "key": "outgoing_to_register",
                    "sequence": 15,
                    "label": _("Outgoing documents to number"),
                    "severity": "warning",
                    "action": self._home_list_action(
                        "idesk_registry.action_idesk_document_outgoing",
                        _("Outgoing documents to number"),
                        drafts("outgoing"),
                        {"default_direction": "outgoing"},
                    ),
                },
            ]
        if user.has_group("idesk_security.group_idesk_admin"):
            counters.append(
                {
                    "key": "reported_content",
                    "sequence": 90,
                    "label": _("Reported content to review"),
                    "severity": "danger",
                    "action": self._home_list_action(
                        "idesk_registry.action_idesk_document_incoming",
                        _("Reported content to review"),
                        [("content_state", "=", "reported")],
                    ),
                }
            )
        return counters

    @api.model
    def _get_home_actions(self):
        actions = super()._get_home_actions()
        if self.env.user.has_group("idesk_security.group_idesk_clerk"):
            actions.append(
                {
                    "key": "receive_scan",
                    "sequence": 5,
                    "label": _("Receive from a scan"),
                    "action": "idesk_registry.action_idesk_scan_intake",
                }
            )
            actions.append(
                {
                    "key": "receive_document",
                    "sequence": 10,
                    "label": _("Receive a document"),
                    "action": "idesk_registry.action_idesk_document_receive",
                }
            )
        return actions
