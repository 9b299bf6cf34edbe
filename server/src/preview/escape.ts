/**
 * Escaping for the preview. Every piece of note text passes through `escapeHtml`
 * before it reaches HTML, in element content and in attribute values alike.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A link target the preview may render as a clickable `href`: web and mail links
 * only. Anything else (javascript:, data:, file:, relative paths) is shown as
 * text, so a note can never make the preview run or load something.
 */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) && !/[\s<>"'`]/.test(trimmed) ? trimmed : undefined;
}
