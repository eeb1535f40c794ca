import { registry } from "@web/core/registry";

// The user menu of iDESK links to no page of odoo.com: its documentation, support
// and account entries sell Odoo's services, which the town does not buy; help is
// the town's IT officer.
for (const item of ["documentation", "support", "odoo_account"]) {
    registry.category("user_menuitems").remove(item);
}
