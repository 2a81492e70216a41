/**
 * Link and footnote definitions across the windows of a markdown text. A window parsed alone
 * still needs the definitions of the whole text ("[the manual][1]" with "[1]: https://…" at the
 * end): whether a reference resolves decides whether its brackets and label are markup or
 * prose. The definitions a pattern finds are given to each window first, before its text, where
 * nothing is open; the definitions the parser read decide, and a window that the pattern misled
 * is read again.
 */
import type { Nodes, Parents } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

/**
 * A definition's key: its identifier as the parser matches labels (case folded, whitespace
 * collapsed, escapes and references as written), a footnote's apart from a link's.
 */
export const definitionKey = (label: string, footnote: boolean) =>
  (footnote ? 'f:' : 'l:') + normalizeIdentifier(label).toLowerCase();

// A label in brackets, which may run over lines and hold escaped brackets; "^" first for a
// footnote. A quote's markers after a line break inside it are not part of it.
const LABEL = /\[(\^?)((?:[^\\[\]]|\\[\s\S]){1,999})\]/g;
const QUOTE_MARGIN = /(?<=[\r\n])[ \t]*(?:>[ \t]?)*/g;
/** A label as written, its line breaks and a quote's markers after them made spaces. */
const labelText = (written: string) => written.replace(QUOTE_MARGIN, '').replace(/[\r\n]+/g, ' ');

/**
 * The labels `text` holds in brackets, by key: every reference it may make, and more. Each
 * label is as written, its line breaks and a quote's markers after them made spaces, so that it
 * can be written in a definition.
 */
export function referencedKeys(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const m of text.matchAll(LABEL)) {
    const label = labelText(m[2]);
    labels.set(definitionKey(label, m[1] === '^'), label);
    // "[^x]" is a link's label where no footnote "x" is defined.
    if (m[1] === '^') labels.set(definitionKey(`^${label}`, false), `^${label}`);
  }
  return labels;
}

/** Where `text` holds a label in brackets whose key is one of `keys`. */
export function labelsOf(text: string, keys: ReadonlySet<string>): number[] {
  const at: number[] = [];
  for (const m of text.matchAll(LABEL)) {
    const label = labelText(m[2]);
    if (
      keys.has(definitionKey(label, m[1] === '^')) ||
      (m[1] === '^' && keys.has(definitionKey(`^${label}`, false)))
    )
      at.push(m.index);
  }
  return at;
}

// A line that may define a label: after quote or list markers, a label and a colon.
const DEFINITION_LINE = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*\[(\^?)((?:[^\\[\]\r\n]|\\.){1,999})\]:/gm;

/** The keys a pattern takes for defined in `text`: nearly all that are, and some that are not. */
export function candidateKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const m of text.matchAll(DEFINITION_LINE)) keys.add(definitionKey(m[2], m[1] === '^'));
  return keys;
}

/**
 * Definitions of the labels (by key), to be parsed before a window: only whether a reference
 * resolves matters to the prose, not where it leads. Each stands alone between blank lines, and
 * a comment at the margin ends the last (a footnote's definition holds the indented lines after
 * it). A label is written as the reference wrote it: one that resolved there reads as a label.
 */
export function definitionLines(labels: Map<string, string>): string {
  const lines: string[] = [];
  for (const [key, label] of labels) {
    if (key.startsWith('f:')) lines.push(`[^${label}]: #`);
    // A link label that starts with "^" would read as a footnote's: a space first keeps it a link's.
    else lines.push(label.startsWith('^') ? `[ ${label}]: #` : `[${label}]: #`);
  }
  return lines.length ? `${lines.join('\n\n')}\n\n<!-- -->\n\n` : '';
}

/** The key of a link or footnote definition; undefined for any other node. */
export function definitionKeyOf(node: Nodes): string | undefined {
  if (node.type === 'definition' || node.type === 'footnoteDefinition')
    return definitionKey(node.identifier, node.type === 'footnoteDefinition');
  return undefined;
}

/** The keys of the definitions in `node` and under it. */
export function definitionsUnder(node: Nodes, keys = new Set<string>()): Set<string> {
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    const key = definitionKeyOf(n);
    if (key) keys.add(key);
    if ('children' in n) for (const child of (n as Parents).children) stack.push(child);
  }
  return keys;
}

/** The labels of `labels` whose keys are in `keys`. */
export function common(labels: Map<string, string>, keys: Set<string>): Map<string, string> {
  const both = new Map<string, string>();
  for (const [key, label] of labels) if (keys.has(key)) both.set(key, label);
  return both;
}
