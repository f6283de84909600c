import { describe, expect, it } from 'vitest';
import { isResolutionEditorHtml, pastedParagraphs } from '@/lib/editor/paste';

const text = (ps: ReturnType<typeof pastedParagraphs>) =>
  ps.map((p) => `${p.kind}: ${p.runs.map((r) => r.text).join('')}`);

/** What Word puts on the clipboard for two list paragraphs and a plain one (trimmed). */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style><!-- p.MsoNormal {margin:0cm} --></style>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head><body lang=EN-GB>
<!--StartFragment-->
<p class=MsoNormal><i><span lang=EN-GB>Recalling</span></i><span lang=EN-GB> its resolution on terrorism,<o:p></o:p></span></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-GB><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=EN-GB>Calls on parliaments to <b>strengthen</b> controls;<o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>(a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>at borders &amp; ports;</p>
<!--EndFragment-->
</body></html>`;

describe('pasting into the resolution editor keeps the paragraph structure', () => {
  it('a Word selection becomes one paragraph per Word paragraph, with kinds from the list numbers', () => {
    const ps = pastedParagraphs({ html: WORD_HTML, text: 'ignored' }, 'preambular');
    expect(text(ps)).toEqual([
      'preambular: Recalling its resolution on terrorism,',
      'operative: Calls on parliaments to strengthen controls;',
      'subparagraph: at borders & ports;',
    ]);
  });

  it('keeps bold and italic from Word, and nothing of its styling or hidden markup', () => {
    const ps = pastedParagraphs({ html: WORD_HTML }, 'preambular');
    expect(ps[0].runs).toEqual([{ text: 'Recalling', italic: true }, { text: ' its resolution on terrorism,' }]);
    expect(ps[1].runs).toEqual([
      { text: 'Calls on parliaments to ' },
      { text: 'strengthen', bold: true },
      { text: ' controls;' },
    ]);
    expect(JSON.stringify(ps)).not.toMatch(/MsoNormal|mso-list|WordDocument|Times New Roman/);
  });

  it('plain text from Word: one line is one paragraph, typed numbers are dropped and set the kind', () => {
    const ps = pastedParagraphs(
      { text: 'Noting the report,\r\n1.\tDecides to act;\r\n(a)\tin time;\r\n(b)\twith care;\r\n2.\tInvites all.' },
      'preambular',
    );
    expect(text(ps)).toEqual([
      'preambular: Noting the report,',
      'operative: Decides to act;',
      'subparagraph: in time;',
      'subparagraph: with care;',
      'operative: Invites all.',
    ]);
  });

  it('wrapped plain text (e-mail, PDF) joins lines up to a blank line or a numbered line', () => {
    const ps = pastedParagraphs(
      {
        text: 'Recalling the Charter of\nthe United Nations,\n\n3. Urges States to ratify\nthe Convention;\n4. Decides to remain seized.\n',
      },
      'operative',
    );
    expect(text(ps)).toEqual([
      'operative: Recalling the Charter of the United Nations,',
      'operative: Urges States to ratify the Convention;',
      'operative: Decides to remain seized.',
    ]);
  });

  it('unnumbered paragraphs take the kind of the paragraph pasted into', () => {
    expect(pastedParagraphs({ text: 'one\ntwo' }, 'subparagraph').map((p) => p.kind)).toEqual([
      'subparagraph',
      'subparagraph',
    ]);
  });

  it('web HTML: <br> and list items separate paragraphs, entities are decoded, spaces collapse', () => {
    const ps = pastedParagraphs(
      {
        html: '<ul><li>Welcoming  the&nbsp;<em>Doha</em> &#8220;Declaration&#8221;,</li><li>Noting<br>progress,</li></ul>',
      },
      'preambular',
    );
    expect(text(ps)).toEqual([
      'preambular: Welcoming the Doha “Declaration”,',
      'preambular: Noting',
      'preambular: progress,',
    ]);
    expect(ps[0].runs[1]).toEqual({ text: 'Doha', italic: true });
  });

  it('Google Docs wrapper <b style="font-weight:normal"> is not bold', () => {
    const ps = pastedParagraphs(
      {
        html: '<b style="font-weight:normal;" id="docs-internal"><p><span style="font-weight:700">Decides</span> to act;</p></b>',
      },
      'operative',
    );
    expect(ps[0].runs).toEqual([{ text: 'Decides', bold: true }, { text: ' to act;' }]);
  });

  it('empty and whitespace-only pastes give no paragraph', () => {
    expect(pastedParagraphs({ text: '  \n\n \t' }, 'operative')).toEqual([]);
    expect(pastedParagraphs({ html: '<p>&nbsp;</p><p> </p>' }, 'operative')).toEqual([]);
  });

  it("recognises HTML copied from Concord's own editor, which keeps its kinds natively", () => {
    expect(isResolutionEditorHtml('<p data-kind="operative" data-id="p-1" class="para">x</p>')).toBe(true);
    expect(isResolutionEditorHtml(WORD_HTML)).toBe(false);
  });
});
