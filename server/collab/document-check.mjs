// The document is the schema: which Yjs items a collaborative document may hold, checked
// on the items an update brings in (the guard) or on every item of a loaded document (the
// repair of one stored by an older server). Plain JS: it runs in the guard's worker thread,
// outside the TypeScript loader. The shape itself (lib/collab/document-shape.ts) is derived
// from the editor's schema and handed over as data.
import * as Y from 'yjs';

/**
 * @typedef {{ name: string, root: string, paragraphs: Record<string, string[]>, marks: string[], maxParagraphChars: number }} DocumentShape
 */

/** Longest paragraph id (or other attribute) value accepted: ids are short random strings. */
const MAX_ATTRIBUTE_CHARS = 200;

/** @param {Y.AbstractContent} content */
function describe(content) {
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) return `element <${String(type.nodeName).slice(0, 40)}>`;
    if (type instanceof Y.XmlText) return 'text node';
    return `${type.constructor.name.replace(/^Y/, '')} type`;
  }
  if (content instanceof Y.ContentString) return 'run of characters';
  if (content instanceof Y.ContentEmbed) return 'embedded object';
  if (content instanceof Y.ContentFormat) return 'formatting mark';
  if (content instanceof Y.ContentDoc) return 'sub-document';
  if (content instanceof Y.ContentBinary) return 'binary value';
  return 'value';
}

/**
 * Where an item sits: how many types lie between it and its root, and the root's name
 * (undefined when it is not a root of this document). Bounded: past 4 levels the item is
 * out of shape whatever it is, so the walk stops there.
 * @param {Y.Item} item
 * @param {Map<Y.AbstractType<any>, string>} roots
 */
function placeOf(item, roots) {
  let depth = 0;
  let type = /** @type {Y.AbstractType<any>} */ (item.parent);
  while (type._item !== null && depth < 4) {
    depth++;
    type = /** @type {Y.AbstractType<any>} */ (type._item.parent);
  }
  return { depth, root: type._item === null ? roots.get(type) : undefined };
}

/** @param {Y.Doc} doc */
export function rootsOf(doc) {
  const roots = new Map();
  for (const [name, type] of doc.share) roots.set(type, name);
  return roots;
}

/**
 * Why an item is out of shape, or null when it fits. Deleted items' content is gone (or
 * going): only their place is checked.
 * @param {Y.Item} item
 * @param {DocumentShape} shape
 * @param {Map<Y.AbstractType<any>, string>} roots
 * @returns {string | null}
 */
export function misfit(item, shape, roots) {
  if (!(item instanceof Y.Item) || item.parent === null) return null;
  const { depth, root } = placeOf(item, roots);
  if (root !== shape.root)
    return `content outside the ${shape.name} text (in root "${String(root ?? 'unknown').slice(0, 40)}")`;
  const content = item.content;
  const gone = content instanceof Y.ContentDeleted;
  const key = item.parentSub;
  if (depth === 0) {
    if (key !== null) return `an attribute "${key.slice(0, 40)}" on the ${shape.name} text itself`;
    if (gone) return null;
    if (
      content instanceof Y.ContentType &&
      content.type instanceof Y.XmlElement &&
      Object.hasOwn(shape.paragraphs, content.type.nodeName)
    )
      return null;
    return `a ${describe(content)} where a paragraph belongs`;
  }
  if (depth === 1) {
    const paragraph = /** @type {Y.XmlElement} */ (item.parent);
    if (key !== null) {
      const allowed = shape.paragraphs[paragraph.nodeName] ?? [];
      if (!allowed.includes(key)) return `an unknown paragraph attribute "${key.slice(0, 40)}"`;
      if (gone) return null;
      const values = content instanceof Y.ContentAny ? content.arr : null;
      const value = values?.length === 1 ? values[0] : undefined;
      if (value === null || (typeof value === 'string' && value.length <= MAX_ATTRIBUTE_CHARS)) return null;
      return `a paragraph attribute "${key}" that is not a short string`;
    }
    if (gone || (content instanceof Y.ContentType && content.type instanceof Y.XmlText)) return null;
    return `a ${describe(content)} inside a paragraph, where only text belongs`;
  }
  if (depth === 2) {
    if (key !== null) return `an attribute "${key.slice(0, 40)}" on a text node`;
    if (gone || content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) {
      if (!shape.marks.includes(content.key)) return `an unknown formatting mark "${content.key.slice(0, 40)}"`;
      const value = content.value;
      if (value === null || value === true || (typeof value === 'object' && !Array.isArray(value))) return null;
      return `formatting "${content.key}" with a value the editor does not make`;
    }
    return `a ${describe(content)} inside text, where only characters and formatting belong`;
  }
  return 'content nested deeper than the text of a paragraph';
}

/** @param {Y.XmlElement} paragraph */
export function paragraphLength(paragraph) {
  let length = 0;
  for (let child = paragraph._start; child !== null; child = child.right) {
    if (!child.deleted && child.content instanceof Y.ContentType && child.content.type instanceof Y.XmlText)
      length += child.content.type.length;
  }
  return length;
}

/**
 * The items a transaction integrated, in store order.
 * @param {Y.Transaction} transaction
 * @returns {Generator<Y.Item | Y.GC>}
 */
export function* integrated(transaction) {
  const clients = transaction.doc.store.clients;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i].id.clock < after; i++)
      yield structs[i];
  }
}

/**
 * Why the content a transaction brought in is out of shape, or null when it fits: each new
 * item in its place, and every paragraph it touched within the length bound. The reason is
 * one of the refusal reasons of refusal.ts; the message says what and where.
 * @param {Y.Transaction} transaction
 * @param {DocumentShape} shape
 * @returns {{ reason: 'outside_shape' | 'paragraph_too_long', message: string } | null}
 */
export function checkTransaction(transaction, shape) {
  const roots = rootsOf(transaction.doc);
  /** @type {Set<Y.XmlElement>} */
  const touched = new Set();
  for (const struct of integrated(transaction)) {
    if (!(struct instanceof Y.Item)) continue;
    const message = misfit(struct, shape, roots);
    if (message) return { reason: 'outside_shape', message };
    if (struct.deleted || struct.parent === null) continue;
    const parent = /** @type {Y.AbstractType<any>} */ (struct.parent);
    if (parent instanceof Y.XmlElement) touched.add(parent);
    else if (parent instanceof Y.XmlText && parent._item?.parent instanceof Y.XmlElement)
      touched.add(parent._item.parent);
  }
  for (const paragraph of touched) {
    const length = paragraphLength(paragraph);
    if (length > shape.maxParagraphChars)
      return {
        reason: 'paragraph_too_long',
        message: `a paragraph of ${length} characters (the limit is ${shape.maxParagraphChars})`,
      };
  }
  return null;
}

/**
 * Every item of a document that is out of shape, outermost first (an item inside a bad one
 * is not listed: removing the outer one removes it too).
 * @param {Y.Doc} doc
 * @param {DocumentShape} shape
 * @returns {{ item: Y.Item, reason: string }[]}
 */
export function misfits(doc, shape) {
  const roots = rootsOf(doc);
  const found = [];
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      const reason = misfit(struct, shape, roots);
      if (reason) found.push({ item: struct, reason });
    }
  }
  const bad = new Set(found.map((f) => f.item));
  return found.filter(({ item }) => {
    for (let type = item.parent; type?._item; type = type._item.parent) if (bad.has(type._item)) return false;
    return true;
  });
}

/**
 * Brings a document back into shape in one transaction: what may not be there is removed
 * (an unknown formatting mark only loses its formatting, never the text it covers; an
 * element where a paragraph or text belongs gives its text to a new paragraph or text
 * node, so nothing typed is lost). Returns the reasons, one per kind of fix.
 * @param {Y.Doc} doc
 * @param {DocumentShape} shape
 * @param {unknown} origin
 */
export function repairDocument(doc, shape, origin) {
  const found = misfits(doc, shape);
  if (!found.length) return [];
  const reasons = new Set(found.map((f) => f.reason));
  doc.transact((transaction) => {
    for (const { item } of found) {
      const content = item.content;
      if (content instanceof Y.ContentFormat && item.parent instanceof Y.XmlText) {
        // Drop the formatting, keep the text: the same as the editor would have shown.
        item.delete(transaction);
        continue;
      }
      const parent = item.parent;
      const { depth } = placeOf(item, rootsOf(doc));
      const text = depth <= 1 && content instanceof Y.ContentType ? flatText(content.type) : '';
      const index = text ? indexOf(item) : -1;
      deleteBottomUp(item, transaction);
      if (!text) continue;
      if (depth === 0 && parent instanceof Y.XmlFragment) {
        const kind = Object.keys(shape.paragraphs).includes('operative')
          ? 'operative'
          : Object.keys(shape.paragraphs)[0];
        const paragraph = new Y.XmlElement(kind);
        paragraph.insert(0, [new Y.XmlText(text.slice(0, shape.maxParagraphChars))]);
        parent.insert(index, [paragraph]);
      } else if (depth === 1 && parent instanceof Y.XmlElement) {
        parent.insert(index, [new Y.XmlText(text.slice(0, shape.maxParagraphChars))]);
      }
    }
  }, origin);
  return [...reasons];
}

/** @param {Y.Item} item */
function indexOf(item) {
  let index = 0;
  for (let left = item.left; left !== null; left = left.left) if (!left.deleted && left.countable) index += left.length;
  return index;
}

/**
 * The characters inside a type, however deeply nested, read with an explicit stack (a
 * hostile document nests thousands of levels; recursion would overflow).
 * @param {Y.AbstractType<any>} type
 */
function flatText(type) {
  let out = '';
  /** @type {Y.AbstractType<any>[]} */
  const stack = [type];
  while (stack.length && out.length < 1_000_000) {
    const current = /** @type {Y.AbstractType<any>} */ (stack.pop());
    if (current instanceof Y.XmlText || current instanceof Y.Text) {
      for (let item = current._start; item !== null; item = item.right)
        if (!item.deleted && item.content instanceof Y.ContentString) out += item.content.str;
      continue;
    }
    const children = [];
    for (let item = current._start; item !== null; item = item.right)
      if (!item.deleted && item.content instanceof Y.ContentType) children.push(item.content.type);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/**
 * Deletes an item and everything under it, innermost first: Yjs deletes a type's children
 * recursively, which a deeply nested element would take past the stack.
 * @param {Y.Item} item
 * @param {Y.Transaction} transaction
 */
function deleteBottomUp(item, transaction) {
  /** @type {Y.Item[]} */
  const order = [];
  const stack = [item];
  while (stack.length) {
    const current = /** @type {Y.Item} */ (stack.pop());
    order.push(current);
    if (!(current.content instanceof Y.ContentType)) continue;
    for (let child = current.content.type._start; child !== null; child = child.right)
      if (!child.deleted) stack.push(child);
    for (const child of current.content.type._map.values()) if (!child.deleted) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) order[i].delete(transaction);
}
