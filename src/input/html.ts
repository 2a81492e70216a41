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
  // Not shown as part of the page, even when it stands outside <head>.
  'title',
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

/** What a tag does to the text, for the tree walk and the tag stream alike. */
type TagRole = 'skip' | 'line' | 'cell' | 'pre' | 'block' | 'inline';

function roleOf(tag: string): TagRole {
  if (SKIP.has(tag)) return 'skip';
  if (tag === 'br') return 'line';
  if (tag === 'pre') return 'pre';
  // Adjacent table cells would otherwise glue their words together.
  if (tag === 'td' || tag === 'th') return 'cell';
  return BLOCK.has(tag) ? 'block' : 'inline';
}

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
    const role = roleOf(node.nodeName.toLowerCase());
    if (role === 'skip' || isHidden(node)) continue;
    if (role === 'line') {
      out.lineBreak();
      continue;
    }
    if (role === 'pre') {
      out.verbatim(node.textContent ?? '');
      continue;
    }
    if (role === 'cell') out.text(' ');
    if (role === 'block') {
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

/**
 * Nesting beyond which the page is not parsed into a tree at all: the tree builder's time
 * also grows faster than the depth (htmlparser2, under linkedom: 15 s at 200,000 levels),
 * and an 8 MB hostile page can nest 400,000 deep. Such a page is read as a stream of tags.
 */
const MAX_PARSED_NESTING = 2_000;

const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));

/**
 * Open elements an opening tag closes first, as the tree builder does ("<li>" ends an open
 * li, a block ends an open p); everything else nests, "<div/>" included.
 */
function impliedCloses(tag: string): readonly string[] {
  if (tag === 'li') return ['li'];
  if (tag === 'dt' || tag === 'dd') return ['dt', 'dd'];
  if (tag === 'option') return ['option'];
  if (tag === 'tr') return ['tr', 'td', 'th'];
  if (tag === 'td' || tag === 'th') return ['td', 'th'];
  return BLOCK.has(tag) || tag === 'pre' ? ['p'] : [];
}

interface TagEvents {
  open(name: string): void;
  close(name: string): void;
  text?(s: string): void;
}

type TokenizerClass = typeof import('htmlparser2').Tokenizer;
let tokenizerClass: TokenizerClass | undefined;

/**
 * The tags and text of `html` in order, read by htmlparser2's tokenizer (the one under
 * linkedom, so comments, quoted attributes and script bodies are read alike): linear time,
 * whatever the nesting.
 */
function scanTags(html: string, on: TagEvents): void {
  tokenizerClass ??= (require('htmlparser2') as { Tokenizer: TokenizerClass }).Tokenizer;
  const ignore = () => {};
  let name = '';
  const tokenizer = new tokenizerClass(
    { decodeEntities: true },
    {
      onopentagname: (start, end) => {
        name = html.slice(start, end).toLowerCase();
      },
      onopentagend: () => on.open(name),
      // HTML ignores "/>" (but on void elements, which never nest anyway).
      onselfclosingtag: () => on.open(name),
      onclosetag: (start, end) => on.close(html.slice(start, end).toLowerCase()),
      ontext: (start, end) => on.text?.(html.slice(start, end)),
      ontextentity: (codepoint) => on.text?.(String.fromCodePoint(codepoint)),
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onprocessinginstruction: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}

/** How deep the page's elements nest, as the tree builder would nest them, counted up to `cap` + 1. */
function markupDepth(html: string, cap: number): number {
  const open: string[] = [];
  let deepest = 0;
  scanTags(html, {
    open(name) {
      if (deepest > cap || VOID.has(name)) return;
      const closes = impliedCloses(name);
      while (open.length > 0 && closes.includes(open[open.length - 1])) open.pop();
      open.push(name);
      deepest = Math.max(deepest, open.length);
    },
    close(name) {
      // An end tag closes the nearest open element of its name; looking only a few dozen
      // levels down keeps a run of stray end tags linear.
      for (let i = open.length - 1; i >= Math.max(0, open.length - 64); i--) {
        if (open[i] === name) {
          open.length = i;
          return;
        }
      }
    },
  });
  return deepest;
}

/**
 * The text of a page too deeply nested to parse into a tree, read from its stream of tags:
 * blocks make paragraphs, `<br>` lines, and what is never prose (SKIP) is left out.
 */
function streamedText(html: string): string {
  const out = new TextCollector();
  let skipping: string | undefined;
  let skipDepth = 0;
  scanTags(html, {
    open(name) {
      if (skipping) {
        if (name === skipping) skipDepth++;
        return;
      }
      const role = roleOf(name);
      if (role === 'skip') {
        // A void element (<input>) has no content to skip.
        if (!VOID.has(name)) {
          skipping = name;
          skipDepth = 1;
        }
      } else if (role === 'line') out.lineBreak();
      else if (role === 'cell') out.text(' ');
      // Without a tree, <pre> keeps no layout: it is a paragraph like any block.
      else if (role === 'block' || role === 'pre') out.flush();
    },
    close(name) {
      if (skipping) {
        if (name === skipping && --skipDepth === 0) skipping = undefined;
        return;
      }
      const role = roleOf(name);
      if (role === 'block' || role === 'pre') out.flush();
    },
    text(s) {
      if (!skipping) out.text(s);
    },
  });
  out.flush();
  return out.paragraphs.join('\n\n');
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
  const depth = markupDepth(html, MAX_PARSED_NESTING);
  if (depth > MAX_PARSED_NESTING) return { text: streamedText(html), method: 'body' };
  let article: { title?: string | null; content?: unknown } | null = null;
  if (depth <= MAX_READABLE_DEPTH) {
    try {
      // Readability edits the document it is given, hence the separate parse for the fallback.
      article = new (htmlLibraries().Readability)<unknown>(parseDocument(html) as unknown as Document, {
        serializer: (n: unknown) => n,
      }).parse();
    } catch {
      // Readability gives up on some odd markup; the body text is still useful.
    }
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
