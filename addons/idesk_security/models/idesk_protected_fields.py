"""Protected fields and links: one mechanism for every iDESK model and wizard.

Odoo treats ``readonly=True`` as a hint for the web client: over XML-RPC or
JSON-RPC, through ``load``, ``copy``, relation commands or a ``default_*`` key
of the context anyone may still send such a value. On iDESK a field declared
readonly in Python (numbers, states, registration, stamping, processing,
content review, related and computed fields) is written only by iDESK's own
code: as superuser, or with the context of ``_idesk_system()``, whose token no
RPC client can forge (JSON and XML cannot carry a Python object).

A link (many2one, many2many) to a record carrying documents
(``idesk.access.mixin``) must point to a record its author may open, so that
no wizard, assignment or other record shows the number, summary or files of a
document through its link (related fields are read as superuser, and the web
client reads link names as superuser).
"""

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError

# Context value no RPC client can forge.
SYSTEM_TOKEN = object()
# Odoo's own bookkeeping columns, written by the ORM itself.
ORM_FIELDS = {"id", "display_name", *models.MAGIC_COLUMNS}


class IdeskInputMixin(models.AbstractModel):
    _inherit = "idesk.input.mixin"

    # ------------------------------------------------------------------
    # The system's own writes
    # ------------------------------------------------------------------
    def _idesk_system(self):
        """These records, for iDESK's own writes of protected fields (after its
        own checks of who may do what)."""
        return self.with_context(idesk_system_token=SYSTEM_TOKEN)

    def _idesk_has_system_token(self):
        return self.env.context.get("idesk_system_token") is SYSTEM_TOKEN

    def _idesk_is_system(self):
        return self.env.su or self._idesk_has_system_token()

    @api.model
    def _idesk_protected_fields(self):
        """Names of the fields people never write: declared readonly in Python
        on a stored model. Wizards (transient models) are exempt: their
        readonly fields are filled from the action that opens them, and what
        they write on documents goes through the documents' own protection."""
        if self._transient:
            return set()
        return {
            name
            for name, field in self._fields.items()
            if field.readonly and name not in ORM_FIELDS
        }

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._idesk_is_system():
            # iDESK's own steps create as superuser or with the token, after
            # their checks; the context of the call that led there is the
            # caller's: its ``default_*`` keys (shared_agency_ids, stamped,
            # content_state…) must not fill the records the step makes.
            context = {
                key: value
                for key, value in self.env.context.items()
                if not (key.startswith("default_") and key[8:] in self._fields)
            }
            self = self.with_env(self.env(context=context))
        else:
            protected = self._idesk_protected_fields()
            sent = {
                key[len("default_") :]: value
                for key, value in self.env.context.items()
                if key.startswith("default_")
            }
            for vals in [sent, *vals_list]:
                self._idesk_refuse_protected(
                    {
                        name
                        for name in protected & vals.keys()
                        if not self._idesk_is_default_value(name, vals[name])
                    }
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self._idesk_is_system():
            self._idesk_refuse_protected(self._idesk_protected_fields() & vals.keys())
        return super().write(vals)

    def _validate_fields(self, field_names, excluded_names=()):
        field_names = list(field_names)
        result = super()._validate_fields(field_names, excluded_names)
        if not self._idesk_is_system():
            self._idesk_check_links_readable(field_names)
        return result

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _idesk_is_default_value(self, name, value):
        """Whether ``value`` is what the field holds anyway on a new record
        (an empty value, or the field's own default, e.g. state ``draft``)."""
        if not value:
            return True
        field = self._fields[name]
        return bool(field.default) and field.default(self) == value

    @api.model
    def _idesk_refuse_protected(self, names):
        if not names:
            return
        env = self._idesk_in_user_lang().env
        labels = ", ".join(
            sorted(self._fields[name]._description_string(env) for name in names)
        )
        raise AccessError(
            env._(
                "%(fields)s: these values are set by iDESK itself, through its actions "
                "(registering, stamping, directing, reviewing…); they cannot be typed in "
                "or sent by a program. Nothing has been saved.",
                fields=labels,
            )
        )

    def _idesk_check_links_readable(self, field_names):
        access_mixin = self.pool["idesk.access.mixin"]
        for name in field_names:
            field = self._fields.get(name)
            if not (
                field
                and field.type in ("many2one", "many2many")
                and isinstance(self.env[field.comodel_name], access_mixin)
            ):
                continue
            # The link's ids, read without a rule: whether they may be opened is
            # what is checked next, as the user.
            targets = self.sudo()[name].with_env(self.env)
            if targets - targets._idesk_readable():
                env = self._idesk_in_user_lang().env
                raise AccessError(
                    env._(
                        "%(field)s: you can only refer to records you may open.",
                        field=field._description_string(env),
                    )
                )

    def _idesk_readable(self):
        """The records of ``self`` that the current user may open, whatever
        ``sudo()`` says (the web client reads the names of linked records as
        superuser)."""
        if self.env.uid == SUPERUSER_ID:
            return self
        saved = self.filtered("id")
        as_user = saved.with_env(self.env(su=False))
        return (self - saved) | as_user._filtered_access("read").with_env(self.env)
