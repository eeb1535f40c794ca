from odoo import api, models

# Odoo's sample working times of its demo data; no agency of the town works them.
ODOO_SAMPLE_CALENDARS = (
    "resource.resource_calendar_std_35h",
    "resource.resource_calendar_std_38h",
    "resource.resource_calendar_flex_40h",
)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.model
    def _idesk_name_odoo_calendars(self):
        """The working calendars the town sees are named in Vietnamese.

        Odoo names the company's working time "Standard 40 hours/week" when the
        database is created, before Vietnamese is installed, in a field that is not
        translated: it is renamed in Vietnamese (only while it has Odoo's name).
        Odoo's sample calendars of its demo data are archived when nothing uses them.
        """
        if not self.env["res.lang"].search_count([("code", "=", "vi_VN")]):
            return
        vietnamese = self.with_context(lang="vi_VN").env
        standard = self.env.ref(
            "resource.resource_calendar_std", raise_if_not_found=False
        )
        if standard and standard.name == "Standard 40 hours/week":
            # on the town's time, as the iDESK calendar (else Odoo warns of a
            # time zone mismatch in its form)
            standard.write(
                {
                    "name": vietnamese._("Standard 40 hours/week"),
                    "tz": "Asia/Ho_Chi_Minh",
                }
            )
        for xmlid in ODOO_SAMPLE_CALENDARS:
            calendar = self.env.ref(xmlid, raise_if_not_found=False)
            if (
                calendar
                and calendar.active
                and not self.env["idesk.agency"].search_count(
                    [("resource_calendar_id", "=", calendar.id)]
                )
                and not self.env["res.company"].search_count(
                    [("resource_calendar_id", "=", calendar.id)]
                )
            ):
                calendar.active = False
