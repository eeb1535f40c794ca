"""Daily use (regulation art. 7.1, 7.2, 8.3): who of the staff has not logged
in today or this week, seen by the unit head and the unit's IT officer; the
IT officer's password reset request, decided by the network administrator."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import IdeskSecurityCommon


class DailyUseCommon(IdeskSecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()
        cls.it_officer = cls.users["it_officer"]
        cls.leader = cls.users["leader"]
        cls.admin = cls.users["admin"]
        cls.own_agency.leader_ids = cls.leader
        cls.colleague = cls.scope_users["own"]
        cls.stranger = cls.scope_users["other"]

    def _login_at(self, user, when=None):
        """``user`` logged in (now, or at ``when``, UTC)."""
        self.env["res.users"].with_user(user)._update_last_login()
        if when:
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE res_users_log SET create_date = %s WHERE create_uid = %s",
                [when, user.id],
            )
        self.env.invalidate_all()

    def _lines(self, user, domain=()):
        lines = self.env["idesk.staff.activity"].with_user(user).search(list(domain))
        return lines.user_id


@tagged("post_install", "-at_install")
class TestDailyUse(DailyUseCommon, TransactionCase):
    def test_leader_sees_who_has_not_logged_in_today(self):
        today, monday = (
            self.env["idesk.staff.activity"].with_user(self.leader)._day_starts()
        )
        self._login_at(self.users["clerk"])
        self._login_at(self.colleague, today - timedelta(minutes=1))
        not_today = self._lines(self.leader, [("seen_today", "=", False)])
        self.assertIn(self.colleague, not_today, "logged in yesterday")
        self.assertIn(self.users["officer"], not_today, "never logged in")
        self.assertNotIn(self.users["clerk"], not_today, "logged in today")
        not_this_week = self._lines(self.leader, [("seen_this_week", "=", False)])
        self.assertIn(self.users["officer"], not_this_week)
        self.assertEqual(
            self.colleague in not_this_week,
            today == monday,
            "yesterday is this week unless today is Monday",
        )

    def test_leader_sees_an_open_session_as_seen_today(self):
        self._login_at(self.colleague, "2020-01-01 08:00:00")
        self.env["bus.presence"].sudo().create(
            {"user_id": self.colleague.id, "status": "online"}
        )
        self.assertNotIn(
            self.colleague, self._lines(self.leader, [("seen_today", "=", False)])
        )

    def test_it_officer_sees_only_his_unit(self):
        seen = self._lines(self.it_officer)
        self.assertIn(self.colleague, seen)
        self.assertNotIn(self.stranger, seen)
        self.assertNotIn(self.scope_users["parent"], seen)
        self.assertEqual(seen.agency_id, self.own_agency)

    def test_leader_sees_his_units_and_it_officer_only_his_own(self):
        ward_staff = self._create_user(
            "test.ward.staff", "officer", self.child_agency, name="Ward staff"
        )
        self.assertIn(ward_staff, self._lines(self.leader), "a unit under his agency")
        self.assertNotIn(self.stranger, self._lines(self.leader))
        self.assertNotIn(ward_staff, self._lines(self.it_officer))

    def test_it_officer_named_by_another_agency_sees_it(self):
        self.other_agency.it_officer_id = self.it_officer
        self.assertIn(self.stranger, self._lines(self.it_officer))
        self.assertNotIn(self.scope_users["parent"], self._lines(self.it_officer))

    def test_network_admin_sees_every_agency(self):
        seen = self._lines(self.admin)
        self.assertIn(self.colleague, seen)
        self.assertIn(self.stranger, seen)

    def test_officer_and_clerk_cannot_see_daily_use(self):
        for role in ("officer", "clerk"):
            with self.assertRaises(AccessError):
                self._lines(self.users[role])


@tagged("post_install", "-at_install")
class TestPasswordRequest(DailyUseCommon, TransactionCase):
    def _request(self, user=None, target=None, reason="Quên mật khẩu sau kỳ nghỉ."):
        return (
            self.env["idesk.password.request"]
            .with_user(user or self.it_officer)
            .create({"user_id": (target or self.colleague).id, "reason": reason})
        )

    def _log(self, event, user):
        return self.env["idesk.security.log"].search(
            [("event", "=", event), ("user_id", "=", user.id)]
        )

    def test_it_officer_password_reset_request_approved_and_logged(self):
        request = self._request()
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.agency_id, self.own_agency)
        requested = self._log("password_reset_request", self.colleague)
        self.assertEqual(requested.actor_id, self.it_officer)
        self.assertIn(
            self.admin,
            request.sudo().activity_ids.user_id,
            "the network administrators are asked",
        )
        generation = self.colleague.idesk_session_generation
        action = request.with_user(self.admin).action_approve()
        password = action["params"]["message"].split(" ")[0]
        self.assertEqual(len(password), 14)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_by_id, self.admin)
        self.assertFalse(
            request.sudo().activity_ids, "the administrators' to-do is done"
        )
        self.assertEqual(
            self.colleague.idesk_session_generation,
            generation + 1,
            "the account's sessions end",
        )
        # the colleague logs in with the temporary password
        self.colleague.with_user(self.colleague)._check_credentials(
            {"login": self.colleague.login, "password": password, "type": "password"},
            {"interactive": False},
        )
        approved = self._log("password_reset_approve", self.colleague)
        self.assertEqual(approved.actor_id, self.admin)
        self.assertNotIn(password, approved.description or "", "never logged")

    def test_it_officer_request_refused_for_ldap_user(self):
        ldap = (
            self.env["res.company.ldap"]
            .sudo()
            .create(
                {
                    "ldap_server": "127.0.0.1",
                    "ldap_base": "dc=annhon,dc=gov,dc=vn",
                    "ldap_filter": "(uid=%s)",
                    "company": self.env.company.id,
                }
            )
        )
        self.colleague.sudo().write({"idesk_ldap_id": ldap.id})
        with self.assertRaisesRegex(UserError, "LDAP"):
            self._request()
        self.assertFalse(
            self.env["idesk.password.request"].search(
                [("user_id", "=", self.colleague.id)]
            )
        )
        self.assertFalse(self._log("password_reset_request", self.colleague))

    def test_nobody_but_the_network_admin_approves(self):
        request = self._request()
        for user in (self.it_officer, self.leader, self.users["clerk"], self.colleague):
            with self.assertRaises(AccessError, msg=user.login):
                request.with_user(user).action_approve()
            with self.assertRaises(AccessError, msg=user.login):
                request.with_user(user).action_refuse()
        with self.assertRaises(AccessError):
            request.with_user(self.it_officer).write({"state": "approved"})
        self.assertEqual(request.state, "requested")
        self.assertFalse(self._log("password_reset_approve", self.colleague))

    def test_network_admin_refuses_and_it_is_logged(self):
        request = self._request()
        request.with_user(self.admin).action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertEqual(
            self._log("password_reset_refuse", self.colleague).actor_id, self.admin
        )
        with self.assertRaises(UserError):
            request.with_user(self.admin).action_approve()

    def test_it_officer_cannot_request_for_another_agency(self):
        with self.assertRaises(AccessError):
            self._request(target=self.stranger)
        with self.assertRaises(UserError):
            self._request(target=self.admin)

    def test_it_officer_sees_only_requests_of_his_unit(self):
        own = self._request()
        other_it = self._create_user(
            "test.other.it", "it_officer", self.other_agency, name="Other IT"
        )
        other = self._request(user=other_it, target=self.stranger)
        Requests = self.env["idesk.password.request"]
        self.assertEqual(Requests.with_user(self.it_officer).search([]), own)
        self.assertEqual(Requests.with_user(other_it).search([]), other)
        self.assertEqual(
            Requests.with_user(self.admin).search([]) & (own | other), own | other
        )
