"""Hostile routes generated from the model registry.

Every iDESK model and wizard installed (idesk_reports depends on the three
other addons, so all of them are here) is attacked through the ORM, as the
people of another agency and as each role of the owner agency:

- protected fields (declared readonly: numbers, states, processing, review…)
  written by value and through a ``default_*`` context key;
- links to a document the attacker may not open, given through a
  ``default_*`` context key (wizards, assignments, any record);
- every field of every record the attacker can read, names of links included,
  must not show the summary of a document he may not open;
- every public method defined by iDESK, called on the owner agency's records;
- files (``ir.attachment``) created, overwritten or deleted on its records;
- a document shared with the attacker's agency: read allowed, write, delete and
  attach refused.

A new model, field or method is attacked without editing this file. The number
of routes tried per model is printed in pytest's summary (``conftest.py`` reads
``ROUTES``) and in the log.
"""

import base64
import inspect
import logging
from collections import defaultdict
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.idesk_security.tests.common import IdeskTestCommon, one_page_pdf

_logger = logging.getLogger(__name__)
# Routes tried and refused: {model: {route: count}}.
ROUTES = defaultdict(lambda: defaultdict(int))
# A refusal a person can read: AccessError, MissingError and ValidationError
# are UserErrors; anything else (a server crash) fails the test.
REFUSALS = UserError
MARKER = "DẤU-HIỆU-BÍ-MẬT-7F3A"
ATTACKERS = ("b_officer", "b_clerk", "b_leader")
OWNER_ROLES = ("a_officer", "a_clerk", "a_leader")
# Methods of the ORM and of the mail mixins: attacked by the other routes.
FRAMEWORK_MODELS = ("base", "mail.thread", "mail.activity.mixin")


def plausible_value(env, field, current=None):
    """A value a forger would send for ``field`` (different from ``current``)."""
    kind = field.type
    if kind in ("char", "text"):
        return "Giá trị giả mạo"
    if kind == "html":
        return "<p>Giá trị giả mạo</p>"
    if kind in ("integer", "many2one_reference"):
        return 7
    if kind in ("float", "monetary"):
        return 7.5
    if kind == "boolean":
        return not current
    if kind == "date":
        return date(2026, 1, 2)
    if kind == "datetime":
        return datetime(2026, 1, 2, 3, 4, 5)
    if kind == "selection":
        values = [v for v in field.get_values(env) if v != current]
        return values[0] if values else False
    if kind == "binary":
        return base64.b64encode(one_page_pdf("GIẢ MẠO"))
    if kind == "many2one":
        exclude = current.ids if current else []
        record = (
            env[field.comodel_name].sudo().search([("id", "not in", exclude)], limit=1)
        )
        return record.id
    if kind in ("one2many", "many2many"):
        return [(6, 0, env[field.comodel_name].sudo().search([], limit=1).ids)]
    return None


@tagged("post_install", "-at_install")
class TestHostileRoutes(IdeskTestCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.routes = ROUTES
        committee = cls._create_agency("UBND thị xã Tấn Công", "UBNDTC", "committee")
        cls.agency_a = cls._create_agency(
            "Văn phòng Tấn Công", "VPTC", "office", committee
        )
        cls.agency_b = cls._create_agency(
            "UBND xã Tấn Công", "XTC", "commune", committee
        )
        cls.people = {}
        for key, agency in (("a", cls.agency_a), ("b", cls.agency_b)):
            for role in ("officer", "clerk", "leader"):
                cls.people[f"{key}_{role}"] = cls._create_user(
                    f"hostile_{key}_{role}", role, agency, name=f"Hostile {key} {role}"
                )
            agency.clerk_ids = cls.people[f"{key}_clerk"]
            agency.leader_ids = cls.people[f"{key}_leader"]
        Document = cls.env["idesk.document"].with_user(cls.people["a_clerk"])
        province = cls.env["res.partner"].create({"name": "UBND tỉnh Tấn Công"})
        doc_type = cls.env.ref("idesk_registry.type_kh")
        # A's own document, never sent to B, with a scan and an assignment.
        cls.secret = Document._register_new(
            [
                {
                    "direction": "incoming",
                    "issuing_partner_id": province.id,
                    "origin_number_symbol": "77/KH-UBND",
                    "document_date": date.today(),
                    "type_id": doc_type.id,
                    "summary": f"Kế hoạch nội bộ {MARKER}",
                }
            ],
            confirm_duplicate=True,
        )
        cls.secret._attach_scan([("scan.pdf", one_page_pdf("KẾ HOẠCH"))])
        wizard = (
            cls.env["idesk.direction.wizard"]
            .with_user(cls.people["a_leader"])
            .with_context(default_document_id=cls.secret.id)
            .create(
                {
                    "direction_note": "Giao văn phòng xử lý.",
                    "lead_user_id": cls.people["a_officer"].id,
                }
            )
        )
        wizard.action_confirm()
        # A's outgoing document sent to B: B may read it, not change it.
        cls.shared = Document.create(
            {
                "direction": "outgoing",
                "type_id": doc_type.id,
                "summary": "Kế hoạch gửi xã",
                "document_date": date.today(),
                "signer_name": "Nguyễn Văn Thử",
                "signer_authority": "TL.",
                "signer_position": "Chánh Văn phòng",
                "recipient_agency_ids": [(6, 0, cls.agency_b.ids)],
            }
        )
        cls.shared.action_register()
        cls.shared._attach_scan([("ke-hoach.pdf", one_page_pdf())])
        cls.shared.with_context(idesk_confirm_send=True).action_distribute()
        # B's copy of a document A has since withdrawn from B: its link to
        # A's document stays, A's document is no longer B's to read.
        cls.env["idesk.document"].with_user(cls.people["b_clerk"]).create(
            {
                "direction": "incoming",
                "agency_id": cls.agency_b.id,
                "issuing_agency_id": cls.agency_a.id,
                "origin_number_symbol": "77/KH-UBND",
                "document_date": date.today(),
                "type_id": doc_type.id,
                "summary": "Bản nhận của xã",
            }
        )._idesk_system().write({"source_document_id": cls.secret.id})
        cls.env.invalidate_all()

    @classmethod
    def tearDownClass(cls):
        _logger.info("\n".join(route_summary()))
        super().tearDownClass()

    # ------------------------------------------------------------------
    # What is attacked
    # ------------------------------------------------------------------
    def _models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("idesk.") and not model._abstract
        )

    def _target(self, model_name):
        """A record of ``model_name`` belonging to agency A, if any."""
        Model = self.env[model_name].sudo()
        if model_name == "idesk.document":
            return self.secret
        if model_name == "idesk.agency":
            return self.agency_a
        for field, value in (
            ("agency_id", self.agency_a.id),
            ("document_id", self.secret.id),
            ("book_id", self.secret.book_id.id),
        ):
            if field in Model._fields and Model._fields[field].store:
                record = Model.search([(field, "=", value)], limit=1)
                if record:
                    return record
        if Model._transient or not Model._auto:
            return Model.browse()
        return Model.search([], limit=1)

    def _required_vals(self, Model, user, attacked):
        """Values of the required fields a create needs besides ``attacked``,
        each one the user could send without being refused."""
        access_mixin = self.env.registry["idesk.access.mixin"]
        vals = {}
        for name, field in Model._fields.items():
            if (
                name == attacked
                or not (field.required and field.store)
                or field.default
                or field.compute
            ):
                continue
            if isinstance(self.env[field.comodel_name or "base"], access_mixin):
                own = self.env[field.comodel_name].with_user(user).search([], limit=1)
                vals[name] = own.id if field.type == "many2one" else own.ids
            else:
                value = plausible_value(self.env, field)
                if value is not None:
                    vals[name] = value
        return vals

    def _assert_create_by_default_refused(self, Model, user, name, value, route):
        """``user`` creating a ``Model`` with ``value`` given as ``default_<name>``
        is refused, and no record is made."""
        count = Model.sudo().search_count([])
        self._assert_refused(
            Model._name,
            route,
            Model.with_user(user).with_context(**{f"default_{name}": value}).create,
            self._required_vals(Model, user, name),
        )
        self.assertEqual(Model.sudo().search_count([]), count)

    def _count(self, model, route):
        self.routes[model][route] += 1

    def _assert_refused(self, model, route, call, *args):
        """``call(*args)`` must be refused with an error a person can read."""
        with self.assertRaises(REFUSALS), mute_logger("odoo.models", "odoo.sql_db"):
            call(*args)
        self._count(model, route)

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    def test_every_model_people_write_checks_its_input(self):
        """A model that any iDESK role may create or write inherits the value
        checks and the protected fields (idesk.input.mixin)."""
        mixin = self.env.registry["idesk.input.mixin"]
        for model in self._models():
            accesses = (
                self.env["ir.model.access"]
                .sudo()
                .search(
                    [
                        ("model_id.model", "=", model),
                        "|",
                        ("perm_write", "=", True),
                        ("perm_create", "=", True),
                    ]
                )
            )
            if accesses:
                with self.subTest(model=model):
                    self.assertIsInstance(self.env[model], mixin)
                    self._count(model, "checks its input")

    def test_protected_fields_refused_by_value_and_by_context(self):
        for model in self._models():
            Model = self.env[model]
            if not isinstance(Model, self.env.registry["idesk.input.mixin"]):
                continue
            target = self._target(model)
            for name in sorted(Model._idesk_protected_fields()):
                field = Model._fields[name]
                current = target.sudo()[name] if target else None
                value = plausible_value(self.env, field, current)
                if value is None:
                    continue
                before = target.sudo().read([name]) if target else None
                for role in OWNER_ROLES + ATTACKERS:
                    user = self.people[role]
                    with self.subTest(model=model, field=name, role=role):
                        if target:
                            self._assert_refused(
                                model,
                                "protected field written",
                                target.with_user(user).write,
                                {name: value},
                            )
                            self.assertEqual(target.sudo().read([name]), before)
                if not field.store or Model._idesk_is_default_value(name, value):
                    # What a new record holds anyway (e.g. state draft): a
                    # create with it is no forgery.
                    continue
                with self.subTest(model=model, field=name, route="default"):
                    self._assert_create_by_default_refused(
                        Model, self.people["a_clerk"], name, value,
                        "protected field by context",
                    )  # fmt: skip

    def test_links_to_a_document_not_theirs_refused(self):
        """No record (wizard, assignment…) may be made to point to a document
        its author cannot open: its related fields would show it."""
        access_mixin = self.env.registry["idesk.access.mixin"]
        for model in self._models():
            Model = self.env[model]
            if not Model._auto:
                continue
            for name, field in sorted(Model._fields.items()):
                if not (
                    field.type in ("many2one", "many2many")
                    and field.store
                    and not field.related
                    and field.comodel_name == "idesk.document"
                    and isinstance(self.env[field.comodel_name], access_mixin)
                ):
                    continue
                value = (
                    self.secret.id
                    if field.type == "many2one"
                    else [(6, 0, self.secret.ids)]
                )
                for role in ATTACKERS:
                    with self.subTest(model=model, field=name, role=role):
                        self._assert_create_by_default_refused(
                            Model, self.people[role], name, value,
                            "link to another agency's document",
                        )  # fmt: skip

    def test_onchange_with_a_document_not_theirs_shows_nothing(self):
        """An onchange computes a record in memory: no link check runs there, and
        related fields are read as superuser. It must show nothing of the
        document (no summary, no file)."""
        for model in self._models():
            Model = self.env[model]
            links = [
                name
                for name, field in Model._fields.items()
                if field.type == "many2one" and field.comodel_name == "idesk.document"
            ]
            spec = {
                name: {"fields": {"display_name": {}}}
                if field.type in ("many2one", "one2many", "many2many")
                else {}
                for name, field in Model._fields.items()
                if name not in ("id",)
            }
            for name in links:
                for role in ATTACKERS:
                    user = self.people[role]
                    with self.subTest(model=model, field=name, role=role):
                        try:
                            with mute_logger("odoo.models"):
                                result = Model.with_user(user).onchange(
                                    {name: self.secret.id}, [name], spec
                                )
                        except REFUSALS:
                            self._count(model, "onchange refused")
                            continue
                        values = result.get("value", {})
                        self.assertNotIn(MARKER, str(values))
                        files = [
                            key
                            for key, value in values.items()
                            if value and Model._fields[key].type == "binary"
                        ]
                        self.assertFalse(files, f"files shown: {files}")
                        self._count(model, "onchange shows nothing")

    def test_nothing_readable_shows_a_document_not_theirs(self):
        for model in self._models():
            for role in ATTACKERS:
                user = self.people[role]
                Model = self.env[model].with_user(user)
                with self.subTest(model=model, role=role):
                    if not Model.has_access("read"):
                        self._count(model, "read refused")
                        continue
                    records = Model.search([], limit=500)
                    names = [
                        name
                        for name, field in Model._fields.items()
                        if field.type != "binary"
                    ]
                    links = {
                        name: {"fields": {"display_name": {}}}
                        for name, field in Model._fields.items()
                        if field.type == "many2one"
                    }
                    seen = str(records.read(names)) + str(records.web_read(links))
                    self.assertNotIn(MARKER, seen)
                    self._count(model, "fields and link names read")

    def test_public_methods_refused_on_records_not_theirs(self):
        framework = set()
        for name in FRAMEWORK_MODELS:
            framework |= set(dir(type(self.env[name])))
        for model in self._models():
            target = self._target(model)
            if not target:
                continue
            for name in sorted(set(dir(type(target))) - framework):
                method = getattr(type(target), name, None)
                if (
                    name.startswith("_")
                    or not callable(method)
                    or not getattr(method, "__module__", "").startswith(
                        "odoo.addons.idesk_"
                    )
                ):
                    continue
                parameters = list(inspect.signature(method).parameters.values())[1:]
                if any(p.default is inspect.Parameter.empty for p in parameters):
                    continue
                for role in ATTACKERS:
                    user = self.people[role]
                    if target.with_user(user).has_access("read") and (
                        target._name in ("idesk.agency", "idesk.document.type")
                    ):
                        continue
                    with self.subTest(model=model, method=name, role=role):
                        self._assert_refused(
                            model,
                            "public method",
                            getattr(target.with_user(user), name),
                        )

    def test_files_of_records_not_theirs_refused(self):
        Attachment = self.env["ir.attachment"]
        pdf = one_page_pdf("GIẢ MẠO")
        for model in self._models():
            target = self._target(model)
            if not target or not target._auto or target._transient:
                continue
            files = Attachment.sudo().search(
                [("res_model", "=", model), ("res_id", "=", target.id)]
            )
            # An assignee may add his result to his own assignment: the owner
            # agency's officer is an attacker of its documents only.
            attackers = ATTACKERS + (
                ("a_officer",) if model == "idesk.document" else ()
            )
            for role in attackers:
                user = self.people[role]
                with self.subTest(model=model, role=role, route="attach"):
                    self._assert_refused(
                        model,
                        "file attached",
                        Attachment.with_user(user).create,
                        {
                            "name": "gia-mao.pdf",
                            "raw": pdf,
                            "res_model": model,
                            "res_id": target.id,
                        },
                    )
            roles = ("a_officer", "a_clerk", "a_leader") + ATTACKERS
            for attachment in files:
                checksum = attachment.checksum
                for role in roles:
                    user = self.people[role]
                    with self.subTest(model=model, role=role, route="overwrite"):
                        self._assert_refused(
                            model,
                            "file overwritten",
                            attachment.with_user(user).write,
                            {"raw": pdf},
                        )
                        self._assert_refused(
                            model, "file deleted", attachment.with_user(user).unlink
                        )
                        self.assertEqual(attachment.sudo().checksum, checksum)

    def test_recipient_reads_shared_document_never_changes_it(self):
        pdf = one_page_pdf("GIẢ MẠO")
        for role in ATTACKERS + ("a_officer", "a_leader"):
            user = self.people[role]
            document = self.shared.with_user(user)
            with self.subTest(role=role):
                self.assertEqual(document.summary, "Kế hoạch gửi xã")
                for vals in (
                    {"summary": "Sửa trích yếu"},
                    {"signer_name": "Người khác"},
                    {"document_date": date(2026, 1, 1)},
                ):
                    self._assert_refused(
                        "idesk.document", "shared: write", document.write, vals
                    )
                self._assert_refused(
                    "idesk.document", "shared: delete", document.unlink
                )
                self._assert_refused(
                    "idesk.document",
                    "shared: attach",
                    self.env["ir.attachment"].with_user(user).create,
                    {
                        "name": "gia-mao.pdf",
                        "raw": pdf,
                        "res_model": "idesk.document",
                        "res_id": self.shared.id,
                    },
                )
                self.assertEqual(self.shared.sudo().summary, "Kế hoạch gửi xã")


def route_summary():
    """Lines saying how many routes were tried (and refused) per model."""
    lines = ["Hostile routes tried, per model (each one must be refused):"]
    for model in sorted(ROUTES):
        counts = ROUTES[model]
        detail = ", ".join(f"{route} {n}" for route, n in sorted(counts.items()))
        lines.append(f"  {model}: {sum(counts.values())} ({detail})")
    total = sum(sum(counts.values()) for counts in ROUTES.values())
    lines.append(f"  total: {total} routes in {len(ROUTES)} models")
    return lines
