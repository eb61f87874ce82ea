// Escape closes the phone navigation drawer wherever the focus is (MainLayout). It listens in the capture phase,
// because menus inside the drawer handle their own keys and stop them there.
document.addEventListener('keydown', event => {
    if (event.key !== 'Escape' || !document.querySelector('.nav-drawer-open')) {
        return;
    }

    const toggle = document.querySelector('[data-testid="nav-drawer-toggle"]');
    if (toggle) {
        toggle.click();
        toggle.focus();
    }
}, true);
