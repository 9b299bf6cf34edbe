// @ts-check
// The Visit Notes timeline's only script, loaded with the page's nonce. It swaps
// in re-rendered bodies (keeping the page's and the table's scroll positions)
// and turns a click on a visit's date into an "open this note" request.
// It never evaluates note content: bodies arrive already escaped by the renderer.
(function () {
  // @ts-expect-error acquireVsCodeApi is provided by the webview host
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('vn-root'));

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update' && typeof m.html === 'string') {
      const y = window.scrollY;
      const table = root.querySelector('.vn-scroll');
      const x = table ? table.scrollLeft : 0;
      root.innerHTML = m.html;
      if (typeof m.state === 'string') root.setAttribute('data-state', m.state);
      const after = root.querySelector('.vn-scroll');
      if (after) after.scrollLeft = x;
      window.scrollTo(0, y);
    }
  });

  document.addEventListener('click', (event) => {
    const target = /** @type {Element | null} */ (event.target);
    const a = target && target.closest('a.vn-open');
    if (!a) return;
    event.preventDefault();
    const path = a.getAttribute('data-path');
    if (path) vscode.postMessage({ type: 'open', path });
  });

  vscode.postMessage({ type: 'ready' });
})();
