import { registry } from "@web/core/registry";

/**
 * The chairman signs on his phone (375x667): from his home, the card "Drafts
 * waiting for me", the draft's card, the form, "Sign" and the confirmation that
 * records his consent. The requests the signature makes after the form is open
 * are counted (the target: at most 3 round trips) and written to the page for
 * the test (idesk_drafting/tests/test_drafting_phone_tour.py).
 */

function assertFitsTheScreen() {
    const wide = [...document.querySelectorAll(".o_action_manager *")].filter(
        (element) => element.getBoundingClientRect().right > window.innerWidth + 1
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
            content: "The draft's form opens with Sign at hand",
            trigger: ".o_form_view .o_form_statusbar button[name='action_sign_with_consent']",
            run() {
                assertFitsTheScreen();
                const box = this.anchor.getBoundingClientRect();
                if (box.height < 36 || box.bottom > window.innerHeight) {
                    throw new Error(`Sign is ${box.height}px high at ${box.bottom}px: not at hand`);
                }
                // Only what the signature asks from now on (and room for it).
                performance.setResourceTimingBufferSize(10000);
                performance.clearResourceTimings();
                this.anchor.click();
            },
        },
        {
            content: "The confirmation (in Vietnamese) states that the approval stands for the signature",
            trigger: ".modal:contains('thay cho chữ ký') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The draft is signed",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value='signed'].o_arrow_button_current",
        },
        {
            content: "Count the requests of the signature once everything is loaded",
            trigger: "body:not(:has(.o_loading_indicator))",
            async run() {
                await new Promise((resolve) => setTimeout(resolve, 1000));
                const made = serverRequests();
                console.log(
                    `idesk_sign_requests ${made.length}: ` +
                        made.map((entry) => new URL(entry.name).pathname).join(" ")
                );
                if (made.length > 3) {
                    throw new Error(
                        `Signing took ${made.length} requests: ` +
                            made.map((entry) => new URL(entry.name).pathname).join(" ")
                    );
                }
            },
        },
    ],
});
