/** A new `tag` element of `document` with class `className`. */
export function element<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  className: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
