/**
 * Bounds the work one page can cost before Readability sees it. Readability's scoring walks
 * ancestors and re-reads subtrees, so its time grows far faster than the nesting depth: a page of
 * 800 nested <div> took 5 s, 2,000 took 66 s and 100,000 (a 1.1 MB page) about 17 minutes. Real
 * articles sit well under 100 levels, so anything deeper is flattened: the element at the cap
 * keeps its text, one paragraph per block, and loses the elements inside it.
 */

/** Deepest element kept as it is (the <html> element is level 0). */
export const MAX_DEPTH = 100;

/**
 * Deepest tag the markup pass keeps. The HTML parser itself (htmlparser2, under linkedom) keeps its
 * open elements in an array it shifts and unshifts, so parsing alone is quadratic in depth: 100,000
 * nested <div> took 5–25 s to parse before any extraction. Tags past this depth are dropped from
 * the text before parsing; the element pass then flattens exactly, at MAX_DEPTH, what is left.
 * Well above MAX_DEPTH, because this count only approximates the parser's (it knows the few
 * common implied closes, not all of them).
 */
export const MAX_MARKUP_DEPTH = 1000;

/** Elements whose start begins a new paragraph when a deep subtree is flattened. */
const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'EM', 'FONT', 'I', 'KBD', 'MARK', 'Q', 'S', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their closing tag. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** Elements a new one of the same name closes (`<p>a<p>b`, `<li>a<li>b`): the common implied closes. */
const SELF_CLOSING = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);
const rawCloses = new Map<string, RegExp>();
const rawClose = (name: string) => rawCloses.get(name) ?? rawCloses.set(name, new RegExp(`</${name}`, 'gi')).get(name)!;
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>/y;

/**
 * The markup with every tag nested deeper than `maxDepth` dropped (a block tag becomes <br>, so
 * its text stays a separate line), in one linear scan. Returns the same string when nothing is that
 * deep, which is every ordinary page.
 */
export function flattenDeepMarkup(html: string, maxDepth = MAX_MARKUP_DEPTH): string {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
  };
  let out: string[] | null = null;
  let copied = 0;
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? -1 : html.indexOf('<', end + 3);
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const end = i + m[0].length;
    let keep = true;
    if (closing) {
      if (open.get(name)) {
        keep = stack.length <= maxDepth;
        while (stack.length && stack[stack.length - 1] !== name) pop();
        pop();
      }
    } else if (!VOID.has(name) && !m[0].endsWith('/>')) {
      if (SELF_CLOSING.has(name) && stack[stack.length - 1] === name) pop();
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      // A raw-text element holds no tags, so it never deepens the page: kept, its text stays hidden.
      keep = stack.length <= maxDepth || RAW.has(name);
    }
    if (!keep) {
      out ??= [];
      out.push(html.slice(copied, i), INLINE.has(name.toUpperCase()) ? '' : '<br>');
      copied = end;
    }
    if (!closing && RAW.has(name)) {
      // Raw text (a script, a title) is not markup: skip to its closing tag.
      const closeTag = rawClose(name);
      closeTag.lastIndex = end;
      const close = closeTag.exec(html);
      if (close && stack[stack.length - 1] === name) pop();
      i = close ? html.indexOf('<', close.index + name.length + 2) : -1;
      continue;
    }
    i = html.indexOf('<', end);
  }
  if (!out) return html;
  out.push(html.slice(copied));
  return out.join('');
}

/**
 * Flattens every element deeper than `maxDepth` in place and returns how many subtrees were
 * flattened (0 for ordinary pages). Iterative throughout: a recursive walk would overflow the
 * stack on the pages this guards against.
 */
export function flattenDeepElements(doc: Document, maxDepth = MAX_DEPTH): number {
  const root = doc.documentElement;
  if (!root) return 0;
  let flattened = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth >= maxDepth) {
      if (el.firstElementChild) {
        flattenSubtree(doc, el);
        flattened++;
      }
      continue;
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return flattened;
}

/** Replaces an element's content with its text, one <p> per block-level run. */
function flattenSubtree(doc: Document, el: Element): void {
  const chunks: string[] = [];
  let current = '';
  const walker = doc.createTreeWalker(el, 1 | 4); // elements and text
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if (!INLINE.has((node as Element).tagName) && current.trim()) {
        chunks.push(current.trim());
        current = '';
      }
      continue;
    }
    if (SKIP.has(node.parentElement?.tagName ?? '')) continue;
    current += node.textContent ?? '';
  }
  if (current.trim()) chunks.push(current.trim());
  el.textContent = '';
  for (const chunk of chunks) {
    const p = doc.createElement('p');
    p.textContent = chunk;
    el.appendChild(p);
  }
}
