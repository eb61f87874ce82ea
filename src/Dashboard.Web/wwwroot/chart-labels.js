// The MRR charts (Overview, MRR breakdown) draw their own category labels, at most 12, evenly spaced (MrrChartModel).
// Whether they fit depends on the drawn width and on the labels themselves ("Q2 2026" beside "Feb 10 – Mar 31"), which
// only the browser knows: this keeps the first label and every k-th after it, with the smallest k whose labels do not
// overlap, and hides the rest. It runs on the prerendered page, after every render that moves a label, and on resize.
(() => {
    const gap = 6;

    function fit(row) {
        const labels = [...row.querySelectorAll(':scope > span')];
        labels.forEach(label => label.removeAttribute('data-label-hidden'));
        const boxes = labels.map(label => label.getBoundingClientRect());
        let step = 1;
        while (step < labels.length && overlaps(boxes, step)) {
            step++;
        }
        labels.forEach((label, i) => {
            if (i % step !== 0) {
                label.setAttribute('data-label-hidden', '');
            }
        });
        row.setAttribute('data-label-step', String(step));
    }

    function overlaps(boxes, step) {
        for (let i = step; i < boxes.length; i += step) {
            if (boxes[i - step].right + gap > boxes[i].left) {
                return true;
            }
        }
        return false;
    }

    // A chart's width changes with the window, the navigation drawer and the page's scrollbar, a label's with the
    // fonts and the reader's text spacing.
    const resized = new ResizeObserver(entries => {
        const rows = new Set();
        entries.forEach(entry => {
            if (!entry.target.isConnected) {
                resized.unobserve(entry.target);
                return;
            }
            const row = entry.target.closest('.mrr-chart__categories');
            if (row) {
                rows.add(row);
            }
        });
        rows.forEach(fit);
    });
    const watched = new WeakSet();

    function watch(element) {
        if (!watched.has(element)) {
            watched.add(element);
            resized.observe(element);
        }
    }

    let scheduled = false;
    function fitAll() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        requestAnimationFrame(() => {
            scheduled = false;
            document.querySelectorAll('.mrr-chart__categories').forEach(row => {
                watch(row);
                row.querySelectorAll(':scope > span').forEach(watch);
                fit(row);
            });
        });
    }

    function touchesLabels(mutation) {
        const target = mutation.target.nodeType === Node.ELEMENT_NODE ? mutation.target : mutation.target.parentElement;
        if (target?.closest('.mrr-chart__categories')) {
            return true;
        }
        return [...mutation.addedNodes].some(node =>
            node.nodeType === Node.ELEMENT_NODE && (node.matches('.mrr-chart__categories') || node.querySelector('.mrr-chart__categories')));
    }

    document.querySelectorAll('.mrr-chart__categories').forEach(fit);
    fitAll();
    // Blazor rewrites a label's text or position (style) when the range changes, and adds or removes whole charts.
    new MutationObserver(mutations => {
        if (mutations.some(touchesLabels)) {
            fitAll();
        }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['style'] });
    document.fonts?.ready.then(fitAll);
})();
