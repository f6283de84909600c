interface Props {
  enactingFormula: string;
  paragraphs: { id: string; kind: string; label: string; text: string }[];
  /** The live editor takes "resolution-text" once it has the document; this is the stand-in. */
  testId?: string;
}

/** The read view: numbers computed from position, shown in the margin. */
export function ResolutionText({ enactingFormula, paragraphs, testId = 'resolution-text' }: Props) {
  return (
    <article className="resolution-text" data-testid={testId}>
      {enactingFormula && <p className="formula">{enactingFormula}</p>}
      {paragraphs.map((p) => (
        <p key={p.id} className={`para para-${p.kind}`} data-kind={p.kind} data-id={p.id}>
          <span className="num">{p.label}</span>
          {p.text}
        </p>
      ))}
    </article>
  );
}
