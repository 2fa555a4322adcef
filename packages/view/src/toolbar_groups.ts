/**
 * One group of the view's toolbar: controls that belong together (the layer, colouring and
 * search, the layout, export, status) and wrap onto the next row as one.
 *
 * @param name - the group's class suffix (`lv-group-<name>`).
 * @param label - what a screen reader calls the group.
 */
export function toolbarGroup(
  document: Document,
  name: string,
  label: string,
  ...nodes: Node[]
): HTMLDivElement {
  const group = document.createElement('div');
  group.className = `lv-group lv-group-${name}`;
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  group.append(...nodes);
  return group;
}
