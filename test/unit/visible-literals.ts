/**
 * Finds the sentences UI code writes itself instead of taking them from the catalogue: every string
 * literal that reads like prose (two words, or a capitalised word) is reported unless it sits where
 * nothing is shown (a selector, an event name, a class, a comparison, a type). It also lists every
 * `t('key', …)` / `tn('key', n, …)` call, so the catalogue test can check keys and argument counts.
 */
import { parseAst } from 'vite';

interface AstNode {
  type: string;
  start: number;
  [field: string]: unknown;
}

export interface Literal {
  text: string;
  line: number;
}

export interface Translation {
  fn: 't' | 'tn';
  key: string;
  /** Substitutions after the key (for tn, after the count). */
  args: number;
  line: number;
}

/** Properties and attributes whose values are never read by the user. */
const TECH_PROPS = new Set([
  'className',
  'id',
  'type',
  'name',
  'role',
  'autocomplete',
  'inputMode',
  'inputmode',
  'accept',
  'rel',
  'target',
  'href',
  'src',
  'download',
  'pattern',
  'htmlFor',
  'for',
  'value',
  'lang',
  'dir',
  'spellcheck',
  'autocapitalize',
  'enterKeyHint',
  'aria-describedby',
  'aria-labelledby',
  'aria-controls',
  'aria-live',
  'aria-haspopup',
  'aria-expanded',
  'color',
  'text',
]);

/** Calls whose string arguments name things in code, not words on screen. */
const TECH_CALLS = new Set([
  'querySelector',
  'querySelectorAll',
  'closest',
  'matches',
  'getElementById',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'send',
  'getAttribute',
  'hasAttribute',
  'removeAttribute',
  'toggleAttribute',
  'createElement',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'join',
  'replace',
  'replaceAll',
  'get',
  'has',
  'set',
  'delete',
  'postMessage',
  'connect',
  'download',
  'getURL',
  'debug',
  'log',
  'warn',
  'error',
  't',
  'tn',
  'Event',
  'CustomEvent',
  'KeyboardEvent',
  'Blob',
  'File',
  'URL',
  'URLSearchParams',
  'RegExp',
  'toggle',
  'add',
  'remove',
  'contains',
  'escape',
  'DateTimeFormat',
  'NumberFormat',
  'PluralRules',
]);

const COMPARISONS = new Set(['===', '!==', '==', '!=', 'in', 'instanceof']);

/** Reads like something a person reads: a word gap between letters, or a capitalised word. */
export function prose(text: string): boolean {
  return /\p{L}[\p{L}.,'’]*\s+[\p{L}(]/u.test(text) || /^\s*\p{Lu}\p{Ll}+|^\p{Lu}{2,3}$/u.test(text);
}

function calleeName(node: AstNode): string | undefined {
  const callee = node.callee as AstNode | undefined;
  if (!callee) return undefined;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression') return ((callee.property as AstNode).name as string) ?? undefined;
  return undefined;
}

function keyName(prop: AstNode): string | undefined {
  const key = prop.key as AstNode;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal') return String(key.value);
  return undefined;
}

/** Is `child` (the value at `field` of `parent`) a place whose strings are never shown? */
function silent(parent: AstNode, field: string, index: number): boolean {
  const type = parent.type;
  if (
    type.startsWith('TS') &&
    !['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes(type)
  )
    return true;
  if (type === 'ImportDeclaration') return true;
  if ((type === 'ExportNamedDeclaration' || type === 'ExportAllDeclaration') && field === 'source')
    return true;
  if (type === 'ImportExpression') return true;
  if (type === 'Property' && field === 'key') return true;
  if (type === 'Property' && field === 'value') {
    const name = keyName(parent);
    return name !== undefined && (TECH_PROPS.has(name) || name.startsWith('data-'));
  }
  if (type === 'BinaryExpression' && COMPARISONS.has(parent.operator as string)) return true;
  if (type === 'SwitchCase' && field === 'test') return true;
  if (type === 'MemberExpression' && field === 'property') return true;
  if ((type === 'CallExpression' || type === 'NewExpression') && field === 'arguments') {
    const name = calleeName(parent);
    if (name && TECH_CALLS.has(name)) return true;
    // h('tag', …) / el('tag', …): the tag; setAttribute('aria-x', …): the attribute's name, and its
    // value unless the attribute is one people read or hear.
    if ((name === 'h' || name === 'el') && index === 0) return true;
    if (name === 'setAttribute') {
      if (index === 0) return true;
      const attr = ((parent.arguments as AstNode[])[0] as AstNode | undefined)?.value;
      return !['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-valuetext'].includes(
        String(attr),
      );
    }
  }
  if (type === 'AssignmentExpression' && field === 'right') {
    const left = parent.left as AstNode;
    const prop = left.type === 'MemberExpression' ? ((left.property as AstNode).name as string) : undefined;
    if (prop && (TECH_PROPS.has(prop) || prop === 'mode' || prop === 'state')) return true;
  }
  return false;
}

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

export function scan(source: string): { literals: Literal[]; translations: Translation[] } {
  const literals: Literal[] = [];
  const translations: Translation[] = [];
  const visit = (node: AstNode) => {
    if (node.type === 'CallExpression') {
      const name = calleeName(node);
      const args = node.arguments as AstNode[];
      const first = args[0];
      if ((name === 't' || name === 'tn') && first?.type === 'Literal' && typeof first.value === 'string') {
        const args0 = name === 'tn' ? 2 : 1;
        translations.push({
          fn: name,
          key: first.value,
          args: args.length - args0,
          line: lineAt(source, node.start),
        });
      }
    }
    if (node.type === 'Literal' && typeof node.value === 'string' && prose(node.value)) {
      literals.push({ text: node.value, line: lineAt(source, node.start) });
    }
    if (node.type === 'TemplateLiteral') {
      const text = (node.quasis as AstNode[]).map((q) => (q.value as { cooked: string }).cooked).join('…');
      if (prose(text)) literals.push({ text, line: lineAt(source, node.start) });
    }
    for (const [field, value] of Object.entries(node)) {
      const children = Array.isArray(value) ? value : [value];
      children.forEach((child, index) => {
        if (!child || typeof child !== 'object' || typeof (child as AstNode).type !== 'string') return;
        if (silent(node, field, index)) return;
        visit(child as AstNode);
      });
    }
  };
  visit(parseAst(source, { lang: 'ts' }) as unknown as AstNode);
  return { literals, translations };
}
