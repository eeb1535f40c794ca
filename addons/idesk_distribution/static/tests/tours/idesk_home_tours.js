import { registry } from "@web/core/registry";

/**
 * The home of each role, from the login page: the person logs in, sees the home
 * with exactly the counters of their role, opens each counter and finds as many
 * lines (or cards, on a phone) as the counter said, then comes back home.
 * The tests (idesk_distribution/tests/test_home_tour.py) check the same counts
 * on the server.
 */

function assertNoHorizontalScroll() {
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) {
        throw new Error(`Horizontal scrolling: page is ${root.scrollWidth}px wide on a ${window.innerWidth}px screen`);
    }
}

function assertTapTarget(element) {
    // reachable: the home scrolls to it (the last cards are below a phone's screen)
    element.scrollIntoView({ block: "nearest" });
    const box = element.getBoundingClientRect();
    if (box.top < -1 || box.bottom > window.innerHeight + 1) {
        throw new Error(`${element.dataset.counter || element.dataset.action} cannot be scrolled into view`);
    }
    if (box.height < 44 || box.width < 44) {
        throw new Error(`${element.dataset.counter || element.dataset.action} is ${box.width}x${box.height}px: too small to tap`);
    }
    if (box.left < -1 || box.right > window.innerWidth + 1) {
        throw new Error(`${element.dataset.counter || element.dataset.action} is outside the screen`);
    }
}

function recordsShown() {
    const total = document.querySelector(".o_control_panel .o_pager_limit");
    if (total) {
        return parseInt(total.textContent, 10);
    }
    return document.querySelectorAll(
        ".o_action_manager .o_data_row, .o_action_manager .o_kanban_record:not(.o_kanban_ghost)"
    ).length;
}

// The counters and main actions of idesk_security, idesk_registry and
// idesk_distribution: the tours check exactly these; the cards another addon adds
// (e.g. idesk_drafting's) are checked by that addon's own tests.
const KNOWN_COUNTERS = [
    "incoming_to_register",
    "outgoing_to_register",
    "to_direct",
    "received_to_register",
    "open_mine",
    "overdue_mine",
    "due_soon_mine",
    "overdue_agency",
    "due_soon_agency",
    "reported_content",
    "blocked_accounts",
];
const KNOWN_ACTIONS = ["receive_scan", "receive_document", "system_health"];

function homeTour(login, counterKeys, { actionKeys = [], actionTargets = {}, phone = false } = {}) {
    const opened = {};
    const steps = [
        {
            content: "Log in",
            trigger: ".oe_login_form input[name=login]",
            run: `edit ${login}`,
        },
        {
            trigger: ".oe_login_form input[name=password]",
            run: `edit ${login}`,
        },
        {
            trigger: ".oe_login_form button[type=submit]",
            run: "click",
        },
        {
            content: "The first screen after login is the home, with the counters of the role",
            trigger: ".o_idesk_home .o_idesk_home_counter",
            run() {
                const shown = [...document.querySelectorAll(".o_idesk_home [data-counter]")]
                    .map((card) => card.dataset.counter)
                    .filter((key) => KNOWN_COUNTERS.includes(key));
                if (shown.join(",") !== counterKeys.join(",")) {
                    throw new Error(`Counters shown: ${shown.join(", ")}; expected: ${counterKeys.join(", ")}`);
                }
                const actions = [...document.querySelectorAll(".o_idesk_home [data-action]")]
                    .map((button) => button.dataset.action)
                    .filter((key) => KNOWN_ACTIONS.includes(key));
                if (actions.join(",") !== actionKeys.join(",")) {
                    throw new Error(`Main actions: ${actions.join(", ")}; expected: ${actionKeys.join(", ")}`);
                }
                for (const target of document.querySelectorAll(".o_idesk_home [data-counter], .o_idesk_home [data-action]")) {
                    assertTapTarget(target);
                }
                document.querySelector(".o_idesk_home").scrollIntoView();
                if (phone) {
                    assertNoHorizontalScroll();
                }
            },
        },
    ];
    for (const key of counterKeys) {
        steps.push(
            {
                content: `Open the counter ${key}`,
                trigger: `.o_idesk_home [data-counter=${key}]`,
                run() {
                    assertTapTarget(this.anchor);
                    opened.count = parseInt(this.anchor.dataset.count, 10);
                    opened.label = this.anchor.querySelector(".o_idesk_home_label").textContent.trim();
                    this.anchor.click();
                },
            },
            {
                content: `The list of ${key} holds as many records as the counter said`,
                trigger: ".o_action_manager:not(:has(.o_idesk_home)) .o_view_controller",
                run() {
                    const title = document.querySelector(".o_last_breadcrumb_item").textContent.trim();
                    if (title !== opened.label) {
                        throw new Error(`The counter "${opened.label}" opened "${title}"`);
                    }
                    const shown = recordsShown();
                    if (shown !== opened.count) {
                        throw new Error(`The counter ${key} said ${opened.count}, its list shows ${shown}`);
                    }
                    if (phone) {
                        assertNoHorizontalScroll();
                    }
                },
            },
            {
                content: "Back home",
                trigger: ".o_breadcrumb .o_back_button",
                run: "click",
            },
            {
                trigger: ".o_idesk_home .o_idesk_home_counter",
            }
        );
    }
    // The main action last: it leaves the home (a new form, another screen).
    for (const [key, opened] of Object.entries(actionTargets)) {
        steps.push(
            {
                content: `Main action ${key}`,
                trigger: `.o_idesk_home [data-action=${key}]`,
                run: "click",
            },
            {
                content: `${key} opens its screen`,
                trigger: opened,
            }
        );
    }
    return { steps: () => steps };
}

// "Tiếp nhận văn bản": a new incoming document, ready to type.
const NEW_INCOMING = ".o_form_view .o_form_editable .o_field_widget[name=issuing_body_name] input";

const tours = registry.category("web_tour.tours");
tours.add(
    "idesk_home_clerk",
    homeTour(
        "vanthu",
        [
            "incoming_to_register",
            "outgoing_to_register",
            "to_direct",
            "received_to_register",
            "open_mine",
            "overdue_mine",
            "due_soon_mine",
            "overdue_agency",
            "due_soon_agency",
        ],
        {
            actionKeys: ["receive_scan", "receive_document"],
            actionTargets: { receive_document: NEW_INCOMING },
        }
    )
);
tours.add(
    "idesk_home_leader_phone",
    homeTour(
        "chanhvp",
        ["to_direct", "open_mine", "overdue_mine", "due_soon_mine", "overdue_agency", "due_soon_agency"],
        { phone: true }
    )
);
tours.add(
    "idesk_home_ward_clerk_phone",
    homeTour(
        "vanthu.nhonhau",
        [
            "incoming_to_register",
            "outgoing_to_register",
            "to_direct",
            "received_to_register",
            "open_mine",
            "overdue_mine",
            "due_soon_mine",
            "overdue_agency",
            "due_soon_agency",
        ],
        {
            actionKeys: ["receive_scan", "receive_document"],
            actionTargets: { receive_scan: ".o_idesk_drop_zone" },
            phone: true,
        }
    )
);
tours.add(
    "idesk_home_officer",
    homeTour("chuyenvien", ["open_mine", "overdue_mine", "due_soon_mine"])
);
tours.add(
    "idesk_home_admin",
    homeTour(
        "quantri",
        ["open_mine", "overdue_mine", "due_soon_mine", "reported_content", "blocked_accounts"],
        {
            actionKeys: ["system_health"],
            actionTargets: { system_health: ".o_list_view .o_data_row [name=status]" },
        }
    )
);
