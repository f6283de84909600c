/**
 * A very small XML writer: elements as data, text always escaped, attributes with an
 * undefined value left out. Elements whose children are all elements are indented; an
 * element holding text (mixed content like <p>text<noteRef/></p>) is written on one line,
 * since indentation inside it would become part of the text.
 */
import { escapeMarkup } from './escape';

export interface XmlElement {
  name: string;
  attrs: Record<string, string | number | undefined>;
  children: XmlNode[];
}

/** A string child is text. */
export type XmlNode = XmlElement | string;

export function el(
  name: string,
  attrs: XmlElement['attrs'] = {},
  ...children: (XmlNode | null | undefined | false)[]
): XmlElement {
  return { name, attrs, children: children.filter((c): c is XmlNode => c !== null && c !== undefined && c !== false) };
}

function openTag(e: XmlElement): string {
  const attrs = Object.entries(e.attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeMarkup(String(v))}"`)
    .join('');
  return `<${e.name}${attrs}`;
}

function inline(node: XmlNode): string {
  if (typeof node === 'string') return escapeMarkup(node);
  if (node.children.length === 0) return `${openTag(node)}/>`;
  return `${openTag(node)}>${node.children.map(inline).join('')}</${node.name}>`;
}

function block(node: XmlElement, depth: number): string {
  const pad = '  '.repeat(depth);
  if (node.children.length === 0 || node.children.some((c) => typeof c === 'string')) return `${pad}${inline(node)}`;
  const inner = node.children.map((c) => block(c as XmlElement, depth + 1)).join('\n');
  return `${pad}${openTag(node)}>\n${inner}\n${pad}</${node.name}>`;
}

export function renderXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${block(root, 0)}\n`;
}
