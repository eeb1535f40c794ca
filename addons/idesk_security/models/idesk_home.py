from odoo import _, api, models


class IdeskHome(models.AbstractModel):
    """The home of each iDESK role (Trang chủ): what waits for the person, one tap away.

    ``get_home_data()`` is what the home screen (client action ``idesk_home``) shows:
    counters of what waits for the person, each opening the list it counts, and the
    actions the role does most. It runs with the person's own rights, so each count
    is taken with their record rules on the very domain of the list the card opens:
    the number on a card is the number of lines of its list.

    Other addons add counters and actions by extending the hooks::

        @api.model
        def _get_home_counters(self):
            counters = super()._get_home_counters()
            if self.env.user.has_group("idesk_security.group_idesk_clerk"):
                counters.append({
                    "key": "incoming_to_register",
                    "sequence": 10,
                    "label": _("Incoming to register"),
                    "severity": "warning",
                    "action": self._home_list_action(
                        "idesk_registry.action_idesk_document_incoming",
                        _("Incoming documents to register"),
                        [("state", "=", "draft")],
                    ),
                })
            return counters

    A counter shows only to the roles it concerns: the hook adds it or not.
    """

    _name = "idesk.home"
    _description = "iDESK home"

    @api.model
    def get_home_data(self):
        """The person's home: their name and agency, counters (each with its
        ``count``) and main actions, both sorted by ``sequence``."""
        user = self.env.user
        counters = [
            {**counter, "count": self._home_count(counter["action"])}
            for counter in sorted(
                self._get_home_counters(), key=lambda c: (c["sequence"], c["key"])
            )
        ]
        actions = sorted(
            self._get_home_actions(), key=lambda a: (a["sequence"], a["key"])
        )
        return {
            "user_name": user.name,
            "agency_name": user.agency_id.display_name or "",
            "counters": counters,
            "actions": actions,
        }

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    @api.model
    def _get_home_counters(self):
        """Counters of the current user: a list of dicts with ``key`` (stable name,
        e.g. ``overdue_mine``), ``sequence``, ``label``, ``severity`` (``danger``:
        red, ``warning``: orange, ``info``: neutral; the colour shows only when
        the count is not zero) and ``action`` (the act_window dict the card opens,
        with ``res_model`` and ``domain``; see ``_home_list_action``)."""
        counters = []
        user = self.env.user
        if user.has_group("idesk_security.group_idesk_admin"):
            counters.append(self._home_blocked_accounts_counter())
        return counters

    @api.model
    def _get_home_actions(self):
        """Main actions of the current user's roles: a list of dicts with ``key``,
        ``sequence``, ``label`` and ``action`` (an action dict or xml id)."""
        actions = []
        if self.env.user.has_group("idesk_security.group_idesk_admin"):
            actions.append(
                {
                    "key": "system_health",
                    "sequence": 90,
                    "label": _("System health"),
                    "action": "idesk_security.action_server_idesk_health",
                }
            )
        return actions

    # ------------------------------------------------------------------
    # Helpers for the hooks
    # ------------------------------------------------------------------
    @api.model
    def _home_list_action(self, xml_id, name, domain, context=None):
        """The act_window of ``xml_id`` (its views, search view and empty-list help)
        showing exactly ``domain``: the action's own domain and default filters are
        replaced, so that the list holds what the counter counts."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        for key in ("id", "xml_id", "display_name", "binding_model_id", "binding_type"):
            action.pop(key, None)
        action.update({"name": name, "domain": list(domain), "context": context or {}})
        return action

    @api.model
    def _home_count(self, action):
        return self.env[action["res_model"]].search_count(action["domain"])

    @api.model
    def _home_blocked_accounts_counter(self):
        return {
            "key": "blocked_accounts",
            "sequence": 95,
            "label": _("Blocked accounts"),
            "severity": "danger",
            "action": self._home_list_action(
                "idesk_security.action_idesk_users",
                _("Blocked accounts"),
                [("share", "=", False), ("idesk_blocked", "=", True)],
            ),
        }
