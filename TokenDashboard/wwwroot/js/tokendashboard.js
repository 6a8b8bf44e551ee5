// Small browser helpers called through JS interop. Kept in one file, loaded once by App.razor.
window.tokenDashboard = {
    // The theme is kept twice: in localStorage, and in a cookie the server reads to paint the first frame (and the
    // static sign-in pages) in it. Not a secret; a year, this site only.
    theme: {
        isDark: () => localStorage.getItem("td-theme") === "dark",
        setDark: (dark) => {
            const value = dark ? "dark" : "light";
            localStorage.setItem("td-theme", value);
            document.cookie = `td-theme=${value}; path=/; max-age=31536000; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`;
        },
    },

    // Submits a form by id (the menus' Sign out items submit the one Sign out form).
    submitForm: (id) => document.getElementById(id)?.requestSubmit(),

    // Copies text; false when the browser refuses (no permission, insecure context), so the caller can fall back
    // to selecting the text and asking for Ctrl+C.
    copy: async (text) => {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    },

    // Focuses the first input inside element, and keeps it there while the dialog's focus trap settles: the trap
    // moves focus to its own fallback element (a div) right after opening, later still on a loaded machine, which
    // would swallow the keystrokes of someone who starts typing at once. For three seconds focus that lands on
    // anything but a control is taken back; it ends early once the person moves on themselves (Tab, Escape, a
    // pointer), and never takes focus from a control the person chose.
    focusFirstInput: (element) => {
        const input = element?.querySelector("input,textarea");
        if (!input) {
            return;
        }
        // Only while its dialog is the top one: a password step opened above it focuses its own field.
        const onTop = () => {
            const dialogs = document.querySelectorAll(".mud-dialog");
            return dialogs.length === 0 || dialogs[dialogs.length - 1].contains(input);
        };
        holdFocus(input, () => onTop() && !isControl(document.activeElement), (e) => e.key === "Tab" || e.key === "Escape",
            [120, 400, 1000], 3000);
    },

    // Focuses the first button after marker (a dialog's safe answer), once the focus trap has settled; again a little
    // later on a slow machine, unless the person has already moved to another button of the dialog.
    focusNextButton: (marker) => {
        const focus = () => {
            let next = marker?.nextElementSibling;
            while (next && next.tagName !== "BUTTON") {
                next = next.nextElementSibling;
            }
            const dialog = marker?.closest(".mud-dialog");
            const active = document.activeElement;
            if (next && !(active?.tagName === "BUTTON" && dialog?.contains(active))) {
                next.focus();
            }
        };
        setTimeout(focus, 120);
        setTimeout(focus, 400);
    },

    // Gives the focus to element (the token grid) once the dialogs have gone. Closing a dialog returns on the C#
    // side before MudBlazor has removed it: its focus trap, as it goes, hands the focus back to what had it before the
    // dialog opened (a toolbar button now disabled, a menu since closed, so often the page body), after a plain focus
    // call had already run. So: wait (at most 3 s) until no dialog is left, focus, and for half a second take the focus
    // back from wherever the trap moves it, until the person presses a key or the pointer themselves.
    focusWhenDialogsClose: (element) => {
        const start = performance.now();
        const attempt = () => {
            if (!element?.isConnected) {
                return;
            }
            if (document.querySelector(".mud-dialog-container") && performance.now() - start < 3000) {
                requestAnimationFrame(attempt);
                return;
            }
            holdFocus(element, () => !document.querySelector(".mud-dialog-container") && !element.contains(document.activeElement),
                () => true, [50, 200, 500], 500);
        };
        attempt();
    },

    selectText: (element) => {
        const input = element instanceof HTMLInputElement ? element : element?.querySelector("input,textarea");
        if (input) {
            input.focus();
            input.select();
        } else if (element) {
            // Plain text (a <pre> example): select its contents for Ctrl+C.
            const range = document.createRange();
            range.selectNodeContents(element);
            const selection = getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }
    },

    // Saves text as a file without a round trip to the server (the value never travels in a URL).
    download: (fileName, text, type) => {
        const url = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    },

    // Keyboard of the token grid, one Tab stop: arrows (Home/End) move the cursor row, Shift extends the selection,
    // Space toggles the cursor row, Enter opens its details, Shift+F10 (or the menu key) opens its menu, Ctrl/Cmd+A
    // selects every row (instead of the page's text), Delete starts Remove — from the grid or from a row's check box. The rows' own controls leave the Tab
    // order (the grid is one stop, as a grid should be); the header's stay, for sorting and "select all".
    attachGridKeys: (element, dotnet) => {
        const steps = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -1e6, End: 1e6 };
        const handler = (e) => {
            if (isTextInput(e.target) || e.target.closest?.(".mud-popover, [role=menu]")) {
                return;
            }
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "a") {
                e.preventDefault();
                dotnet.invokeMethodAsync("SelectAllFromKeyboard");
            } else if (e.key === "Delete") {
                e.preventDefault();
                dotnet.invokeMethodAsync("RemoveFromKeyboard");
            } else if (e.key in steps && !e.altKey && !e.target.closest?.("thead")) {
                e.preventDefault();
                element.focus();
                dotnet.invokeMethodAsync("MoveFromKeyboard", steps[e.key], e.shiftKey);
            } else if (e.key === " " && e.target === element) {
                e.preventDefault();
                dotnet.invokeMethodAsync("ToggleFromKeyboard");
            } else if (e.key === "Enter" && e.target === element) {
                e.preventDefault();
                dotnet.invokeMethodAsync("OpenFromKeyboard");
            } else if (e.key === "Tab" && !e.shiftKey && e.target === element && cursorMenu()) {
                // From the grid, Tab goes to the cursor row's menu (past the header's controls, which come first in the page).
                e.preventDefault();
                cursorMenu().focus();
            } else if (e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
                const menu = cursorMenu();
                if (menu) {
                    e.preventDefault();
                    menu.focus();
                    menu.click();
                }
            }
        };
        // The cursor row's menu button stays reachable: the one Tab stop after the grid (a roving tab stop).
        const cursorMenu = () => element.querySelector("tbody .td-row-cursor button.td-row-menu");
        const rowsOutOfTabOrder = () => {
            element.querySelectorAll("tbody input, tbody button, tbody [tabindex='0']")
                .forEach((control) => control.setAttribute("tabindex", "-1"));
            cursorMenu()?.setAttribute("tabindex", "0");
        };
        rowsOutOfTabOrder();
        const observer = new MutationObserver(rowsOutOfTabOrder);
        // Class changes too: the cursor moving is a class moving from row to row. (Only tabindex is written here,
        // so the observer never wakes itself.)
        observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
        element.addEventListener("keydown", handler);
        element._tdKeys = handler;
        element._tdObserver = observer;
    },

    // Keeps the keyboard's cursor row in view after it moved. In a long (virtualized) list the row may not be rendered
    // yet: the list scrolls to where its index lies, and the row renders there.
    showGridCursor: (element, index) => {
        const row = element?.querySelector(".td-row-cursor");
        if (row) {
            row.scrollIntoView({ block: "nearest" });
            return;
        }
        const frame = element?.querySelector(".mud-table-container");
        const first = element?.querySelector("tbody .td-row");
        if (frame && first && index >= 0) {
            frame.scrollTop = Math.max(0, index * first.getBoundingClientRect().height - frame.clientHeight / 2);
        }
    },

    // "Some selected": the header check box's third state is a property, not an attribute.
    setIndeterminate: (input, value) => {
        if (input) {
            input.indeterminate = value;
        }
    },

    // A row's action menu, just rendered: placed under its button (above it when there is no room below), inside the
    // window; focus on its first item; arrows move between the items, Escape or Tab closes it (through the backdrop,
    // whose click the component handles) and Escape gives the focus back to the button.
    openRowMenu: (menu) => {
        if (!menu) {
            return;
        }
        const button = menu.parentElement.querySelector(".td-row-menu");
        const backdrop = menu.parentElement.querySelector(".td-menu-backdrop");
        const place = () => {
            const anchor = button.getBoundingClientRect();
            const width = menu.offsetWidth, height = menu.offsetHeight;
            const below = anchor.bottom + height <= window.innerHeight;
            menu.style.top = `${Math.max(4, below ? anchor.bottom : anchor.top - height)}px`;
            menu.style.left = `${Math.min(Math.max(4, anchor.right - width), window.innerWidth - width - 4)}px`;
        };
        place();
        const items = () => [...menu.querySelectorAll("[role=menuitem]")];
        const close = () => backdrop?.click();
        menu.addEventListener("keydown", (e) => {
            const all = items();
            const at = all.indexOf(document.activeElement);
            const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
            if (e.key in moves) {
                e.preventDefault();
                all[(moves[e.key] + all.length) % all.length]?.focus();
            } else if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                close();
                button.focus();
            } else if (e.key === "Tab") {
                close();
            }
        });
        // A scrolled page would leave the menu behind its row: it closes instead.
        window.addEventListener("scroll", close, { once: true, capture: true });
        items()[0]?.focus();
    },

    detachGridKeys: (element) => {
        if (element?._tdKeys) {
            element.removeEventListener("keydown", element._tdKeys);
            element._tdObserver?.disconnect();
            delete element._tdKeys;
            delete element._tdObserver;
        }
    },

    // Escape for a dialog that must ask before it closes (the show-once value, a filled form): wherever the focus is, as long as
    // this dialog is the top one — a question shown over it handles its own Escape.
    attachDialogEscape: (element, dotnet) => {
        const handler = (e) => {
            const containers = document.querySelectorAll(".mud-dialog-container");
            if (e.key !== "Escape" || containers.length === 0 || !containers[containers.length - 1].contains(element)) {
                return;
            }
            // An open list of the dialog (a select, a date picker) closes first, by its own Escape.
            if (document.querySelector(".mud-popover-open:not(.mud-tooltip)")) {
                return;
            }
            e.preventDefault();
            e.stopPropagation();
            dotnet.invokeMethodAsync("EscapePressed");
        };
        document.addEventListener("keydown", handler, true);
        element._tdEscape = handler;
        // Until this runs (a round trip after the dialog shows), Escape does nothing; tests wait for this mark.
        element.setAttribute("data-escape-asks", "");
    },

    detachDialogEscape: (element) => {
        if (element?._tdEscape) {
            document.removeEventListener("keydown", element._tdEscape, true);
            delete element._tdEscape;
            element.removeAttribute("data-escape-asks");
        }
    },
};

// "Skip to content": focus the page itself, so the next Tab starts there (Blazor's router would only scroll).
document.addEventListener("click", (e) => {
    const link = e.target instanceof Element ? e.target.closest("a.td-skip-link") : null;
    const main = document.getElementById("main-content");
    if (link && main) {
        e.preventDefault();
        e.stopPropagation();
        main.focus();
    }
}, true);

// Keeps the focus on target while a dialog's focus trap settles (it moves the focus after our call, later still on a
// loaded machine): focus that lands elsewhere is taken back while takeBack() says so, at each of delays (ms) and on
// every focus move, until `ms` have passed or the person moves on themselves (the pointer, or a key endsOn accepts).
function holdFocus(target, takeBack, endsOn, delays, ms) {
    let chosen = false;
    const reclaim = () => {
        if (!chosen && target.isConnected && takeBack()) {
            target.focus();
        }
    };
    const onKey = (e) => { chosen ||= endsOn(e); };
    const onPointer = () => { chosen = true; };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("focusin", reclaim, true);
    reclaim();
    for (const delay of delays) {
        setTimeout(reclaim, delay);
    }
    setTimeout(() => {
        document.removeEventListener("keydown", onKey, true);
        document.removeEventListener("pointerdown", onPointer, true);
        document.removeEventListener("focusin", reclaim, true);
    }, ms);
}

// What a person can act on: focus there was put there on purpose (by them or by a dialog's own focus call).
function isControl(target) {
    return target instanceof Element && target.matches("input,textarea,select,button,a[href],[role=button],[role=checkbox],[role=switch],[role=combobox]");
}

// A field that takes typed text (a check box is an input too, but its keys are the grid's).
function isTextInput(target) {
    return (target instanceof HTMLInputElement && target.type !== "checkbox" && target.type !== "radio")
        || target instanceof HTMLTextAreaElement;
}
