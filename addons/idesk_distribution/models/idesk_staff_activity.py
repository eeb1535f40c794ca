from odoo import api, fields, models


class IdeskStaffActivity(models.Model):
    """Unread received items on the staff's daily use lines (regulation art. 7.1).

    An item is unread while the person it was sent to has not opened it: an
    assignment to that person still in the state "received" (opening the
    document, starting or finishing it records ``read_date`` and leaves that
    state). Items sent to a unit as a whole are the unit clerk's to register
    and are not counted per person."""

    _inherit = "idesk.staff.activity"

    unread_count = fields.Integer(
        string="Unread items",
        compute="_compute_unread",
        search="_search_unread_count",
    )
    unread_since = fields.Datetime(string="Oldest unread", compute="_compute_unread")

    @api.model
    def _unread_domain(self):
        return [
            ("user_id", "!=", False),
            ("state", "=", "received"),
            ("document_id.recalled", "=", False),
        ]

    def _compute_unread(self):
        # sudo: only counts and dates of the assignments of the lines the viewer
        # may read (record rules on idesk.staff.activity); no document is shown
        groups = (
            self.env["idesk.assignment"]
            .sudo()
            ._read_group(
                [*self._unread_domain(), ("user_id", "in", self.user_id.ids)],
                ["user_id"],
                ["__count", "create_date:min"],
            )
        )
        unread = {user.id: (count, since) for user, count, since in groups}
        for line in self:
            line.unread_count, line.unread_since = unread.get(
                line.user_id.id, (0, False)
            )

    def _search_unread_count(self, operator, value):
        if operator not in (">", ">=", "=", "!=", "<", "<=") or not isinstance(
            value, int
        ):
            return [("id", "=", False)]
        # sudo: which accounts have unread items; the rules of the lines still apply
        groups = (
            self.env["idesk.assignment"]
            .sudo()
            ._read_group(self._unread_domain(), ["user_id"], ["__count"])
        )
        counts = {user.id: count for user, count in groups}
        compare = {
            ">": lambda c: c > value,
            ">=": lambda c: c >= value,
            "=": lambda c: c == value,
            "!=": lambda c: c != value,
            "<": lambda c: c < value,
            "<=": lambda c: c <= value,
        }[operator]
        if compare(0):
            # accounts without any unread item match too
            excluded = [uid for uid, count in counts.items() if not compare(count)]
            return [("user_id", "not in", excluded)]
        return [("user_id", "in", [uid for uid, c in counts.items() if compare(c)])]
