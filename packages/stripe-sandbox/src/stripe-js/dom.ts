/** Small DOM helpers for the elements' shadow roots and the 3-D Secure dialog. */

type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element: `text` sets textContent, `className` the class, `true` an empty attribute. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  children?: (Node | null | undefined | false)[],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'className') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children ?? []) if (child) node.appendChild(child);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(
  viewBox: string,
  attrs: Record<string, string>,
  shapes: [string, Record<string, string>][],
): SVGElement {
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('viewBox', viewBox);
  root.setAttribute('aria-hidden', 'true');
  for (const [k, v] of Object.entries(attrs)) root.setAttribute(k, v);
  for (const [tag, shapeAttrs] of shapes) {
    const shape = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(shapeAttrs)) shape.setAttribute(k, v);
    root.appendChild(shape);
  }
  return root;
}

export function genericCardIcon(): SVGElement {
  return svg('0 0 24 16', { class: 'generic-icon' }, [
    [
      'rect',
      {
        x: '0.75',
        y: '0.75',
        width: '22.5',
        height: '14.5',
        rx: '2',
        fill: 'none',
        stroke: 'currentColor',
        'stroke-width': '1.5',
      },
    ],
    ['rect', { x: '0.75', y: '4', width: '22.5', height: '3', fill: 'currentColor' }],
  ]);
}

export function lockIcon(): SVGElement {
  return svg('0 0 16 16', { width: '18', height: '18' }, [
    [
      'path',
      {
        fill: '#0570de',
        d: 'M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 5V4.5a2 2 0 1 1 4 0V6H6Z',
      },
    ],
  ]);
}

/** Presses the submit of the form around `node` (light DOM), as Enter in Stripe's card iframe does. */
export function submitEnclosingForm(node: Element | null): void {
  const form = node?.closest('form');
  if (!form) return;
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}
