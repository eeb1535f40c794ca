/** @odoo-module **/

import { Component, onWillStart } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The home of each iDESK role (Trang chủ): counters of what waits for the person,
 * each opening the list it counts, and the actions the role does most.
 * Everything shown comes from ``idesk.home.get_home_data()`` (idesk_security).
 */
export class IdeskHome extends Component {
    static template = "idesk_security.IdeskHome";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        onWillStart(async () => {
            this.data = await this.orm.call("idesk.home", "get_home_data", []);
        });
    }

    get display() {
        // On a phone too: the control panel gives the top bar its title.
        return { controlPanel: {} };
    }

    counterClass(counter) {
        const severity = counter.count ? counter.severity : "none";
        return `o_idesk_home_counter o_idesk_home_counter_${severity}`;
    }

    open(action) {
        return this.actionService.doAction(action);
    }
}

registry.category("actions").add("idesk_home", IdeskHome);
