// @ts-check
// The Visit Notes preview's only script, loaded with the page's nonce. It swaps
// in re-rendered bodies, follows the editor's scrolling, and turns clicks on
// goals, medications, sections and findings into "reveal in editor" requests.
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
      root.innerHTML = m.html;
      window.scrollTo(0, y);
    } else if (m.type === 'scroll' && typeof m.line === 'number') {
      scrollToLine(m.line);
    }
  });

  /** Scrolls so the block for source line `line` is at the top (interpolating between blocks). */
  function scrollToLine(line) {
    const blocks = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll('[data-line]')));
    if (blocks.length === 0) return;
    if (line < Number(blocks[0].dataset.line)) {
      window.scrollTo(0, 0); // the header card and the map sit above the first section
      return;
    }
    let before = blocks[0];
    let after;
    for (const el of blocks) {
      const l = Number(el.dataset.line);
      if (l <= line) before = el;
      else {
        after = el;
        break;
      }
    }
    const top = (el) => el.getBoundingClientRect().top + window.scrollY;
    let y = top(before);
    const from = Number(before.dataset.line);
    if (after && line > from) {
      const to = Number(after.dataset.line);
      y += ((top(after) - y) * (line - from)) / Math.max(1, to - from);
    }
    window.scrollTo(0, Math.max(0, y - 8));
  }

  document.addEventListener('click', (event) => {
    const target = /** @type {Element | null} */ (event.target);
    const a = target && target.closest('a');
    if (!a) return;
    const rule = a.getAttribute('data-rule');
    if (rule) {
      event.preventDefault();
      vscode.postMessage({ type: 'showRule', ruleId: rule });
      return;
    }
    if (a.classList.contains('vn-reveal')) {
      event.preventDefault();
      const offset = Number(a.getAttribute('data-offset'));
      if (Number.isInteger(offset)) vscode.postMessage({ type: 'reveal', offset });
      const href = a.getAttribute('href') || '';
      const anchor = href.startsWith('#') && href.length > 1 ? document.getElementById(href.slice(1)) : null;
      if (anchor && anchor !== a) {
        anchor.scrollIntoView({ block: 'center' });
        anchor.classList.remove('vn-highlight');
        void anchor.getBoundingClientRect();
        anchor.classList.add('vn-highlight');
      }
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
