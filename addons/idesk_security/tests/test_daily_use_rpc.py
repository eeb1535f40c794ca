"""Daily use over XML-RPC: the record rules hold for a real client too."""

import xmlrpc.client

from odoo.tests import HttpCase, tagged

from .test_daily_use import DailyUseCommon


@tagged("post_install", "-at_install")
class TestDailyUseRpc(DailyUseCommon, HttpCase):
    def _call(self, user, model, method, *args):
        # the test users' password is their login (new_test_user)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args)
        )

    def test_it_officer_sees_only_his_unit_over_xmlrpc(self):
        lines = self._call(
            self.it_officer,
            "idesk.staff.activity",
            "search_read",
            [],
            ["user_id", "agency_id"],
        )
        users = {line["user_id"][0] for line in lines}
        self.assertIn(self.colleague.id, users)
        self.assertNotIn(self.stranger.id, users)
        self.assertEqual({line["agency_id"][0] for line in lines}, {self.own_agency.id})
        # asking for the other agency by name gives nothing either
        other = self._call(
            self.it_officer,
            "idesk.staff.activity",
            "search_count",
            [("agency_id", "=", self.other_agency.id)],
        )
        self.assertEqual(other, 0)
        with self.assertRaises(xmlrpc.client.Fault):
            self._call(
                self.it_officer,
                "idesk.staff.activity",
                "read",
                [self.stranger.id],
                ["name"],
            )

    def test_it_officer_cannot_approve_his_request_over_xmlrpc(self):
        request_id = self._call(
            self.it_officer,
            "idesk.password.request",
            "create",
            {"user_id": self.colleague.id, "reason": "Quên mật khẩu."},
        )
        with self.assertRaises(xmlrpc.client.Fault) as denied:
            self._call(
                self.it_officer,
                "idesk.password.request",
                "action_approve",
                [request_id],
            )
        self.assertIn("network administrator", denied.exception.faultString)
        state = self._call(
            self.admin, "idesk.password.request", "read", [request_id], ["state"]
        )[0]["state"]
        self.assertEqual(state, "requested")
