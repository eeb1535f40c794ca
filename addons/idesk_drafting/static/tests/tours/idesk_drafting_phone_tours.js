import { registry } from "@web/core/registry";

/**
 * The chairman signs on his phone (375x667): from his home, the card "Drafts
 * waiting for me", the draft's card, the form, "Sign" and the confirmation that
 * records his consent. The requests the signature makes after the form is open
 * are counted (the target: at most 3 round trips) and written to the page for
 * the test (idesk_drafting/tests/test_drafting_phone_tour.py).
 */

function insideScroller(element) {
    // Odoo's tab headers scroll sideways on a phone: what is inside scrolls with them.
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(parent).overflowX)) {
            return true;
        }
    }
    return false;
}

function assertFitsTheScreen() {
    const wide = [...document.querySelectorAll(".o_action_manager *")].filter(
        (element) =>
            element.getBoundingClientRect().right > window.innerWidth + 1 &&
            !insideScroller(element)
    );
    if (document.documentElement.scrollWidth > window.innerWidth + 1 || wide.length) {
        throw new Error(
            `Wider than the ${window.innerWidth}px screen: ` +
                wide.slice(0, 3).map((element) => element.className).join(" | ")
        );
    }
}

function serverRequests() {
    // Every JSON-RPC request of the web client and of the chatter (fetch or XHR).
    return performance
        .getEntriesByType("resource")
        .filter((entry) => /\/(web\/dataset|web\/action|mail\/|json)/.test(entry.name));
}

registry.category("web_tour.tours").add("idesk_drafting_sign_phone_tour", {
    steps: () => [
        {
            content: "The home shows the draft waiting for the chairman",
            trigger: ".o_idesk_home [data-counter=drafts_waiting_for_me]",
            run() {
                if (parseInt(this.anchor.dataset.count, 10) < 1) {
                    throw new Error("No draft waiting for the chairman on his home");
                }
                this.anchor.click();
            },
        },
        {
            content: "On the phone the drafts are cards; open the one to sign",
            trigger: ".o_kanban_view .o_kanban_record:contains('Ký trên điện thoại')",
            run() {
                if (document.querySelector(".o_list_view")) {
                    throw new Error("A list table is shown on the phone instead of cards");
                }
                assertFitsTheScreen();
                this.anchor.click();
            },
        },
        {
            content: "The draft's form opens with Sign on screen, not in a menu, a thumb's size",
            trigger: ".o_form_sheet button[name='action_sign_with_consent']",
            run() {
                assertFitsTheScreen();
                const box = this.anchor.getBoundingClientRect();
                if (box.height < 44 || box.top < 0 || box.bottom > window.innerHeight) {
                    throw new Error(`Sign is ${box.height}px high at ${box.bottom}px: not at hand`);
                }
            },
        },
        {
            content: "The text of the draft is shown in the form",
            trigger: ".o_form_sheet div[name='draft_pdf'] .o_field_pdf_viewer iframe",
        },
        {
            content: "Wait until the form and its chatter have loaded, then tap Sign",
            trigger: ".o-mail-Chatter .o-mail-Message",
            async run() {
                await new Promise((resolve) => setTimeout(resolve, 1500));
                // Only what the signature asks from now on (and room for it).
                performance.setResourceTimingBufferSize(10000);
                performance.clearResourceTimings();
                document.querySelector(".o_form_sheet button[name='action_sign_with_consent']").click();
            },
        },
        {
            content: "The confirmation (in Vietnamese) states that the approval stands for the signature",
            trigger: ".modal:contains('thay cho chữ ký') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The draft is signed (\"Đã ký duyệt\"), the decision buttons are gone",
            trigger:
                ".o_form_view:not(:has(button[name='action_sign_with_consent'])) .o_statusbar_status:contains('Đã ký duyệt')",
        },
        {
            content: "Count the requests of the signature once everything is loaded",
            trigger: "body:not(:has(.o_loading_indicator))",
            async run() {
                await new Promise((resolve) => setTimeout(resolve, 1500));
                const made = serverRequests();
                // Round trips: the longest chain of requests each sent after the
                // previous one came back (requests in parallel share a round trip).
                const depth = made.map(() => 1);
                made.forEach((entry, i) => {
                    made.slice(0, i).forEach((before, j) => {
                        if (before.responseEnd <= entry.startTime) {
                            depth[i] = Math.max(depth[i], depth[j] + 1);
                        }
                    });
                });
                const trips = Math.max(0, ...depth);
                const names = made.map((entry) => new URL(entry.name).pathname).join(" ");
                console.log(`idesk_sign_requests ${made.length} round_trips ${trips}: ${names}`);
                if (trips > 3) {
                    throw new Error(`Signing took ${trips} round trips (${made.length} requests: ${names})`);
                }
            },
        },
    ],
});
