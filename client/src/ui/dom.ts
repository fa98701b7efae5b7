// A tiny helper to build DOM nodes: text always goes in as text, never as HTML.
type Props = { [key: string]: unknown; className?: string; textContent?: string };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}
