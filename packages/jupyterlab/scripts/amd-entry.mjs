/* global document */
// Entry of the AMD bundle (see build-amd.mjs): the widget classes, with their styles injected
// into the page once, since AMD hosts load no CSS of their own.
import viewCss from '@layerviz/view/style/view.css';

import widgetCss from '../style/index.css';

export * from '../lib/index.js';

if (typeof document !== 'undefined' && !document.getElementById('layerviz-styles')) {
  const style = document.createElement('style');
  style.id = 'layerviz-styles';
  style.textContent = `${viewCss}\n${widgetCss}`;
  document.head.appendChild(style);
}
