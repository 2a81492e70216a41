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

function walk(node: DomNode, out: TextCollector): void {
  if (node.nodeType === TEXT_NODE) {
    out.text(node.textContent ?? '');
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const tag = node.nodeName.toLowerCase();
  if (SKIP.has(tag) || isHidden(node)) return;
  if (tag === 'br') {
    out.lineBreak();
    return;
  }
  if (tag === 'pre') {
    out.verbatim(node.textContent ?? '');
    return;
  }
  // Adjacent table cells would otherwise glue their words together.
  if (tag === 'td' || tag === 'th') out.text(' ');
  const block = BLOCK.has(tag);
  if (block) out.flush();
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) walk(children[i], out);
  if (block) out.flush();
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

export function extractHtmlText(html: string): HtmlExtraction {
  let article: { title?: string | null; content?: unknown } | null = null;
  try {
    // Readability edits the document it is given, hence the separate parse for the fallback.
    const doc = parseDocument(html);
    article = new (htmlLibraries().Readability)<unknown>(doc as unknown as Document, {
      serializer: (n: unknown) => n,
    }).parse();
  } catch {
    // Readability gives up on some odd markup; the body text is still useful.
  }
  const title = article?.title ?? undefined;
  if (article?.content) {
    const text = textOfNode(article.content);
    if (text.trim() !== '') return { text, method: 'article', ...(title ? { title } : {}) };
  }
  const doc = parseDocument(html);
  const text = doc.body ? textOfNode(doc.body) : '';
  const fallbackTitle = title || (doc.title as string | undefined)?.trim();
  return { text, method: 'body', ...(fallbackTitle ? { title: fallbackTitle } : {}) };
}
