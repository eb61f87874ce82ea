// Copy buttons (Components/Controls/CopyButton.razor): copies the button's data-copy text in the browser alone, with
// no circuit round trip. One listener on the document, so buttons Blazor adds later work too, and no inline handler,
// which the Content-Security-Policy forbids.
document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.copy-button[data-copy]') : null;
    if (!button) {
        return;
    }

    var text = button.getAttribute('data-copy');
    var label = button.querySelector('span');
    var done = function () {
        label.textContent = 'Copied';
        setTimeout(function () { label.textContent = 'Copy'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
        return;
    }

    // Plain http on another host has no Clipboard API: copy through a hidden text area instead.
    var area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    done();
});
