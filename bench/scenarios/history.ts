import * as Y from 'yjs';

/**
 * `count` updates of editing history on top of a resolution's state, as a session of five
 * delegates leaves them: one update per keystroke (what the editor sends), each typist in
 * "their" paragraph typing a phrase of 20–60 characters and then, as drafting goes,
 * mostly backspacing it away again (one phrase in twenty is kept), moving to another
 * paragraph every ten phrases. Typing and erasing balance, so 100,000 updates leave a text
 * of nearly the same size as 1,000 do: B3 compares the cost of history, not of length.
 * The last update types `endMarker`, which a client checks for to know it has everything.
 */
export function typingHistory(base: Uint8Array, count: number, endMarker: string, seed = 1): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const paragraphs = doc
    .getXmlFragment('resolution')
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.firstChild instanceof Y.XmlText)
    .map((p) => p.firstChild as Y.XmlText);
  const TYPISTS = 5;
  if (paragraphs.length < TYPISTS) throw new Error('the base document needs at least five paragraphs with text');
  // Paragraph (t + 5k) mod usable: typists never share a paragraph, so cursors stay theirs.
  const usable = Math.floor(paragraphs.length / TYPISTS) * TYPISTS;
  let random = seed;
  const next = (n: number) => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return random % n;
  };
  const PHRASE = 'the parliament calls upon all states to strengthen cooperation ';
  const typists = Array.from({ length: TYPISTS }, (_, t) => ({
    clientID: 1_000_000 + seed * 10 + t,
    paragraph: t,
    text: paragraphs[t],
    cursor: 0,
    phrases: 0,
    toType: 0,
    toErase: 0,
    typed: 0,
  }));
  const startPhrase = (t: (typeof typists)[number]) => {
    t.phrases++;
    if (t.phrases % 10 === 0) {
      t.paragraph = (t.paragraph + TYPISTS) % usable;
      t.text = paragraphs[t.paragraph];
      t.cursor = next(t.text.length + 1);
    }
    t.toType = 20 + next(41);
    t.typed = 0;
  };
  for (const t of typists) {
    t.cursor = next(t.text.length + 1);
    startPhrase(t);
  }

  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count - 1; i++) {
    const t = typists[i % TYPISTS];
    // Edits are attributed to the typist by switching the document's client id.
    doc.clientID = t.clientID;
    if (t.toType > 0) {
      t.text.insert(t.cursor, PHRASE[t.typed % PHRASE.length]);
      t.cursor++;
      t.typed++;
      if (--t.toType === 0) t.toErase = t.phrases % 20 === 0 ? 0 : t.typed;
      if (t.toType === 0 && t.toErase === 0) startPhrase(t);
    } else {
      t.text.delete(t.cursor - 1, 1); // backspace
      t.cursor--;
      if (--t.toErase === 0) startPhrase(t);
    }
  }
  doc.clientID = typists[0].clientID;
  paragraphs[0].insert(0, endMarker);
  doc.destroy();
  if (updates.length !== count) throw new Error(`history generator made ${updates.length} updates, not ${count}`);
  return updates;
}
