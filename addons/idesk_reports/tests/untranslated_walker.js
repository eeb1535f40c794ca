/* Walks every action of the iDESK menus the user sees, in each of its views,
 * and logs the visible text of each screen as one line
 * "IDESK_SCREEN {"screen": ..., "text": ...}" for test_untranslated_strings.py.
 * Run by HttpCase.browser_js once the web client is ready (odoo.isReady). */
(async () => {
  try {
    const ROOT_XMLID = "idesk_security.menu_idesk_root";
    const OTHER_VIEWS = ["list", "kanban", "pivot", "graph", "calendar", "activity"];
    const { rpcBus } = odoo.loader.modules.get("@web/core/network/rpc");
    const env = odoo.__WOWL_DEBUG__.root.env;
    const actionService = env.services.action;
    let pending = 0;
    rpcBus.addEventListener("RPC:REQUEST", () => pending++);
    rpcBus.addEventListener("RPC:RESPONSE", () => {
        pending = Math.max(0, pending - 1);
    });
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    // Quiet: no request in flight and the page unchanged for a few ticks.
    async function settle() {
        let quiet = 0;
        let last = "";
        for (let tick = 0; tick < 400 && quiet < 2; tick++) {
            await sleep(20);
            const now = document.body.innerHTML.length + ":" + pending;
            quiet = pending === 0 && now === last ? quiet + 1 : 0;
            last = now;
        }
    }
    function textOf(root) {
        // a long list of names (time zones, countries) is data, not words of the screen
        const names = new Set();
        for (const select of root.querySelectorAll("select")) {
            if (select.options.length > 50) {
                for (const option of select.options) {
                    names.add(option.textContent.trim());
                }
            }
        }
        const parts = [
            root.innerText
                .split("\n")
                .filter((line) => !names.has(line.trim()))
                .join("\n"),
        ];
        for (const el of root.querySelectorAll("[title], [placeholder], [data-tooltip]")) {
            for (const attr of ["title", "placeholder", "data-tooltip"]) {
                if (el.getAttribute(attr)) {
                    parts.push(el.getAttribute(attr));
                }
            }
        }
        // The options of a field's selection; not those of long lists of names
        // (time zones, countries), which are data rather than words of the screen.
        for (const select of root.querySelectorAll("select")) {
            if (select.options.length <= 50) {
                for (const option of select.options) {
                    parts.push(option.textContent);
                }
            }
        }
        return parts.join("\n");
    }
    function pageText() {
        const roots = document.querySelectorAll(
            ".o_main_navbar, .o_action_manager, .modal, .o-overlay-container, .o_notification_manager"
        );
        return [...roots].map(textOf).join("\n");
    }
    function report(screen, text) {
        console.log("IDESK_SCREEN " + JSON.stringify({ screen, text }));
    }
    async function click(selector) {
        const el = document.querySelector(selector);
        if (el) {
            el.click();
            await settle();
        }
        return el;
    }
    // The dropdowns' texts: search filters and groupings, the user menu.
    async function dropdownText(toggler) {
        if (!(await click(toggler))) {
            return "";
        }
        const text = [...document.querySelectorAll(".o-dropdown--menu")].map(textOf).join("\n");
        await click(toggler);
        return text;
    }
    async function closeDialogs() {
        if (document.querySelector(".modal")) {
            await actionService.doAction({ type: "ir.actions.act_window_close" });
            await settle();
        }
    }

    const menus = env.services.menu;
    const root = menus.getAll().find((menu) => menu.xmlid === ROOT_XMLID);
    if (!root) {
        console.error("the iDESK root menu is not visible");
        return;
    }
    const entries = [];
    const names = [];
    (function walk(menu, path) {
        const name = path ? `${path} / ${menu.name}` : menu.name;
        names.push(menu.name);
        if (menu.actionID) {
            entries.push({ name, actionID: menu.actionID });
        }
        for (const child of menu.childrenTree || []) {
            walk(child, name);
        }
    })(menus.getMenuAsTree(root.id), "");
    report("menus", names.join("\n"));
    const seen = new Set();
    const searchViewsSeen = new Set();
    let userMenuDone = false;
    for (const entry of entries) {
        if (seen.has(entry.actionID)) {
            continue;
        }
        seen.add(entry.actionID);
        await actionService.doAction(entry.actionID, { clearBreadcrumbs: true });
        await settle();
        const controller = actionService.currentController;
        const action = controller && controller.action;
        if (!action || action.type !== "ir.actions.act_window" || document.querySelector(".modal")) {
            report(entry.name, pageText());
            await closeDialogs();
            continue;
        }
        const first = controller.view.type;
        // the filters of a search view shared by several actions are read once
        const searchView = `${action.res_model}:${JSON.stringify(action.search_view_id)}`;
        let filters = "";
        if (!searchViewsSeen.has(searchView)) {
            searchViewsSeen.add(searchView);
            filters = await dropdownText(".o_searchview_dropdown_toggler");
        }
        report(`${entry.name} [${first}]`, pageText() + "\n" + filters);
        if (!userMenuDone) {
            report("user menu", await dropdownText(".o_user_menu button, .o_user_menu .dropdown-toggle"));
            userMenuDone = true;
        }
        const types = action.views.map(([, type]) => type);
        for (const type of OTHER_VIEWS) {
            if (type !== first && types.includes(type)) {
                await actionService.switchView(type);
                await settle();
                report(`${entry.name} [${type}]`, pageText());
            }
        }
        if (types.includes("form") && action.res_model && first !== "form") {
            const [resId] = await env.services.orm.search(action.res_model, action.domain || [], {
                limit: 1,
                context: action.context,
            });
            if (resId) {
                await actionService.switchView("form", { resId });
                await settle();
                report(`${entry.name} [form]`, pageText());
            }
        }
        await closeDialogs();
    }
    console.log("test successful");
  } catch (error) {
    console.error(`walker failed: ${error}\n${error.stack}`);
  }
})();
