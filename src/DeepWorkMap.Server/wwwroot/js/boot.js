// Run by the page's head before its body is drawn: an address that names a session (a shared link) opens it, so the
// first view already has the side laid out as the session's (a tall sheet on phones) with a line saying it is opening,
// instead of the first-visit explanation that the session would then push away (a layout shift, docs/benchmarks.md).
// layout.js's setSide removes the mark once the page shows what it chose. A classic script: it must run before the
// body is parsed, and the page's policy allows no inline script.
if (new URLSearchParams(location.search).has('session')) document.documentElement.dataset.opening = 'session';
