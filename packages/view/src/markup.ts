/**
 * Plotly renders trace names, titles and hover text as HTML-ish markup: user text (class names,
 * layer and model names, metadata) goes through this so it is shown as text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
