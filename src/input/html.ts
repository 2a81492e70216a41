/**
 * Reduces an HTML page to its main article text, one paragraph per block
 * separated by a blank line, so that findings point at readable prose and the
 * navigation, ads and footers of a saved web page are not judged as writing.
 */
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';

// The DOM library takes a quarter of a second to load: only pages pay for it, not every
// run of the command on plain text.
const require = createRequire(import.meta.url);
let htmlModules: { parseHTML: typeof ParseHtml; Readability: typeof ReadabilityClass } | undefined;
function htmlLibraries() {
  htmlModules ??= {
    parseHTML: (require('linkedom') as { parseHTML: typeof ParseHtml }).parseHTML,
    Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
  };
  return htmlModules;
}

// Never prose, or not visible as part of the page's text.
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'head',
  'select',
  'button',
  'textarea',
  'input',
  'nav',
  'aside',
]);

const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  hasAttribute?: (name: string) => boolean;
  getAttribute?: (name: string) => string | null;
}

/** Collects text into paragraphs; `<br>` starts a new line within one. */
class TextCollector {
  readonly paragraphs: string[] = [];
  private lines: string[] = [''];

  text(s: string): void {
    this.lines[this.lines.length - 1] += s;
  }

  lineBreak(): void {
    this.lines.push('');
  }

  /** A paragraph whose whitespace is significant (`<pre>`). */
  verbatim(s: string): void {
    this.flush();
    const body = s.replace(/^\r?\n/, '').replace(/\s+$/, '');
    if (body.trim() !== '') this.paragraphs.push(body);
  }

  flush(): void {
    const lines = this.lines.map((line) => line.replace(/[ \t\n\r\f]+/g, ' ').trim());
    while (lines.length > 0 && lines[0] === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length > 0) this.paragraphs.push(lines.join('\n'));
    this.lines = [''];
  }
}

function isHidden(node: DomNode): boolean {
  return node.hasAttribute?.('hidden') === true || node.getAttribute?.('aria-hidden') === 'true';
}

/**
 * Depth-first over the tree with an explicit stack, not recursion: hostile pages nest
 * elements tens of thousands deep, which would overflow the call stack.
 */
function walk(root: DomNode, out: TextCollector): void {
  // A block element is pushed again as `leave` to flush its paragraph after its children.
  const stack: { node: DomNode; leave: boolean }[] = [{ node: root, leave: false }];
  while (stack.length > 0) {
    const { node, leave } = stack.pop() as { node: DomNode; leave: boolean };
    if (leave) {
      out.flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      out.text(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag) || isHidden(node)) continue;
    if (tag === 'br') {
      out.lineBreak();
      continue;
    }
    if (tag === 'pre') {
      out.verbatim(node.textContent ?? '');
      continue;
    }
    // Adjacent table cells would otherwise glue their words together.
    if (tag === 'td' || tag === 'th') out.text(' ');
    if (BLOCK.has(tag)) {
      out.flush();
      stack.push({ node, leave: true });
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], leave: false });
  }
}

export function textOfNode(node: unknown): string {
  const out = new TextCollector();
  walk(node as DomNode, out);
  out.flush();
  return out.paragraphs.join('\n\n');
}

function parseDocument(html: string) {
  // linkedom drops content that does not sit inside <html> (and, for a fragment, <body>).
  if (/<html[\s>]/i.test(html)) return htmlLibraries().parseHTML(html).document;
  const body = /<body[\s>]/i.test(html) ? html : `<body>${html}</body>`;
  const wrapped = `<!doctype html><html>${body}</html>`;
  return htmlLibraries().parseHTML(wrapped).document;
}

export interface HtmlExtraction {
  text: string;
  /** 'article' when Readability found the main content, 'body' for the fallback. */
  method: 'article' | 'body';
  title?: string;
}

/**
 * Deepest element nesting Readability is given. Real pages stay far below it (browsers
 * stop nesting some elements at 512); Readability's time grows with the square of the
 * depth (10 s at 4,000 levels), so a hostile page deeper than this gets the body text.
 */
const MAX_READABLE_DEPTH = 512;

/** Whether some element of the tree is nested more than `limit` deep (stops at the first). */
function nestedDeeperThan(root: DomNode, limit: number): boolean {
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [DomNode, number];
    if (depth > limit) return true;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      if (children[i].nodeType === ELEMENT_NODE) stack.push([children[i], depth + 1]);
    }
  }
  return false;
}

/**
 * Nesting of the markup itself beyond which it is flattened before parsing: the DOM
 * library's parse time also grows faster than the depth (5 s at 40,000 levels), and an
 * 8 MB hostile page can nest 400,000 deep.
 */
const MAX_PARSED_NESTING = 2_000;

/** Elements that never hold others open: void elements, and those the parser closes by itself. */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option'.split(
    ' ',
  ),
);

interface Tag {
  /** Lower-cased element name; '' for a comment, doctype or stray '<'. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  start: number;
  /** Just after the tag's '>'. */
  end: number;
}

/**
 * The next tag at or after `from`, found with plain searches so that a hostile page
 * (thousands of '<' and no '>') costs linear time, as a backtracking pattern would not.
 */
function nextTag(html: string, from: number): Tag | undefined {
  const start = html.indexOf('<', from);
  if (start < 0) return undefined;
  if (html.startsWith('<!--', start)) {
    const close = html.indexOf('-->', start + 4);
    const end = close < 0 ? html.length : close + 3;
    return { name: '', closing: false, selfClosing: true, start, end };
  }
  const close = html.indexOf('>', start + 1);
  if (close < 0) return undefined;
  const m = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(html.slice(start, Math.min(close, start + 64)));
  return {
    name: m ? m[2].toLowerCase() : '',
    closing: m?.[1] === '/',
    selfClosing: html[close - 1] === '/',
    start,
    end: close + 1,
  };
}

/** Whether the tags of `html`, opened and closed in order, ever nest deeper than `limit`. */
function markupNestedDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (let tag = nextTag(html, 0); tag; tag = nextTag(html, tag.end)) {
    if (tag.name === '' || tag.selfClosing || NOT_NESTING.has(tag.name)) continue;
    depth = tag.closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > limit) return true;
  }
  return false;
}

/** Elements whose content is dropped when markup is flattened. */
const NO_PROSE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head']);

/**
 * The markup without its nesting: the contents of elements that are never prose dropped,
 * block tags turned into paragraph breaks, line breaks kept, other tags and comments
 * removed; entities are left for the parser to decode.
 */
function flattenMarkup(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let at = 0;
  let lastWasBreak = false;
  const emit = (piece: string, isBreak: boolean) => {
    if (isBreak && lastWasBreak) return;
    out.push(piece);
    lastWasBreak = isBreak;
  };
  for (let tag = nextTag(html, 0); tag; tag = nextTag(html, at)) {
    const text = html.slice(at, tag.start);
    if (text.trim() !== '') emit(text, false);
    at = tag.end;
    if (!tag.closing && !tag.selfClosing && NO_PROSE.has(tag.name)) {
      const close = lower.indexOf(`</${tag.name}`, at);
      const gt = close < 0 ? -1 : html.indexOf('>', close);
      at = gt < 0 ? html.length : gt + 1;
    } else if (tag.name === 'br') emit('<br>', false);
    else if (BLOCK.has(tag.name)) emit('</p><p>', true);
  }
  emit(html.slice(at).replaceAll('<', '&lt;'), false);
  return out.join('');
}

/** The value, or undefined where the DOM library throws (it does on markup without a root, "<html <a"). */
function orUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function bodyText(doc: { body: unknown }): string {
  const body = orUndefined(() => doc.body);
  return body ? textOfNode(body) : '';
}

export function extractHtmlText(html: string): HtmlExtraction {
  if (markupNestedDeeperThan(html, MAX_PARSED_NESTING)) {
    const doc = htmlLibraries().parseHTML(
      `<!doctype html><html><body><p>${flattenMarkup(html)}</p></body></html>`,
    ).document;
    return { text: bodyText(doc), method: 'body' };
  }
  let article: { title?: string | null; content?: unknown } | null = null;
  try {
    // Readability edits the document it is given, hence the separate parse for the fallback.
    const doc = parseDocument(html);
    if (!nestedDeeperThan(doc as unknown as DomNode, MAX_READABLE_DEPTH)) {
      article = new (htmlLibraries().Readability)<unknown>(doc as unknown as Document, {
        serializer: (n: unknown) => n,
      }).parse();
    }
  } catch {
    // Readability gives up on some odd markup; the body text is still useful.
  }
  const title = article?.title ?? undefined;
  if (article?.content) {
    const text = textOfNode(article.content);
    if (text.trim() !== '') return { text, method: 'article', ...(title ? { title } : {}) };
  }
  const doc = parseDocument(html);
  const text = bodyText(doc);
  const fallbackTitle = title || orUndefined(() => (doc.title as string | undefined)?.trim());
  return { text, method: 'body', ...(fallbackTitle ? { title: fallbackTitle } : {}) };
}
