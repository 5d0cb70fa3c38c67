extension WebUIScripts {
    static let dom = #"""
    // DOM helpers. Rule: text from the server or the user is only ever added as a text node.

    /** el('li', {class: 'hit', onclick: f}, 'text', childNode, [more]) */
    export function el(tag, attributes = {}, ...children) {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : String(value));
      }
      append(node, children);
      return node;
    }

    /** Appends nodes and strings (as text nodes), skipping null/undefined/false. */
    export function append(node, children) {
      for (const child of [children].flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
      return node;
    }

    export function clear(node) { node.replaceChildren(); return node; }

    /**
     * A search snippet: text with <mark>…</mark> around matches, NOT otherwise escaped by the
     * server. Only the exact strings "<mark>" and "</mark>" become <mark> elements; everything
     * else, including any other tag-like text, is shown literally as text.
     */
    export function highlighted(snippet) {
      const fragment = document.createDocumentFragment();
      let mark = null;
      for (const part of String(snippet ?? '').split(/(<mark>|<\/mark>)/)) {
        if (part === '<mark>') {
          if (!mark) { mark = document.createElement('mark'); fragment.append(mark); }
        } else if (part === '</mark>') {
          mark = null;
        } else if (part !== '') {
          (mark ?? fragment).append(document.createTextNode(part));
        }
      }
      return fragment;
    }

    /** 75.4 → "1:15", 3725 → "1:02:05". */
    export function clock(seconds) {
      if (typeof seconds !== 'number' || !isFinite(seconds)) return '';
      const total = Math.max(0, Math.floor(seconds));
      const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
      const two = (n) => String(n).padStart(2, '0');
      return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
    }

    export function bytes(count) {
      if (typeof count !== 'number') return '';
      const units = ['B', 'KB', 'MB', 'GB', 'TB'];
      let value = count, unit = 0;
      while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
      return `${value.toFixed(unit === 0 || value >= 10 ? 0 : 1)} ${units[unit]}`;
    }

    export function when(iso) {
      if (!iso) return '';
      const date = new Date(iso);
      return isNaN(date) ? String(iso) : date.toLocaleString();
    }

    /** Where a search hit points, for people: "01:15–01:42", "page 3", "frame at 02:10". */
    export function place(link) {
      if (!link) return '';
      switch (link.kind) {
        case 'time': return link.end && link.end > link.start ? `${clock(link.start)}–${clock(link.end)}` : clock(link.start);
        case 'page': return `page ${link.page}`;
        case 'frame': return `frame at ${clock(link.frame_time ?? link.start)}`;
        default: return '';
      }
    }
    """#
}
