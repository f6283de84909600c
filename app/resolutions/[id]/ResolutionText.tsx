interface Props {
  resolutionId: string;
  enactingFormula: string;
  paragraphs: { id: string; kind: string; label: string; text: string }[];
  user: { name: string; delegation: string | null; role: string };
  editable: boolean;
}

/** The read view: numbers computed from position, shown in the margin. */
export function ResolutionText({ enactingFormula, paragraphs }: Props) {
  return (
    <article className="resolution-text" data-testid="resolution-text">
      {enactingFormula && <p className="formula">{enactingFormula}</p>}
      {paragraphs.map((p) => (
        <p key={p.id} className={`para para-${p.kind}`} data-kind={p.kind} data-id={p.id}>
          <span className="num" aria-label={p.label}>{p.label}</span>
          {p.text}
        </p>
      ))}
    </article>
  );
}
