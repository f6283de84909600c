import type { ApiFailure } from '@/app/_components/api';

/**
 * The API names fields the way the code does ("body.proposedText: Too small"); people are
 * told in words which part of the form to fix ("The wording: …").
 */
const FIELD_WORDS: Record<string, string> = {
  proposedText: 'The wording',
  rationale: 'The rationale',
  targetParagraphId: 'The paragraph',
  anchorParagraphId: 'The paragraph',
  sponsorDelegationId: 'The delegation on whose behalf',
  coSponsorDelegationIds: 'The co-sponsors',
  newKind: 'The kind of paragraph',
  position: 'Where',
  title: 'The title',
  text: 'The text',
  kind: 'The kind',
  date: 'The date',
  place: 'The place',
  session: 'The session',
  quorum: 'The quorum',
  counts: 'The counts',
  name: 'The name',
  email: 'The e-mail address',
  reason: 'The reason',
  delegationId: 'The delegation',
  paragraphId: 'The paragraph',
};

/** The last meaningful segment of an issue's path: "body.counts.yes" → "counts". */
export function fieldOf(path: string): string {
  const parts = path.split('.').filter((p) => p !== 'body' && p !== 'query' && !/^\d+$/.test(p));
  return parts.find((p) => p in FIELD_WORDS) ?? parts[0] ?? '';
}

function sentence(message: string): string {
  const m = message.trim();
  return m ? m[0].toUpperCase() + m.slice(1) : m;
}

/** One issue as a person reads it: "The wording: Write at least one character." */
export function plainIssue(issue: { path: string; message: string }): string {
  const words = FIELD_WORDS[fieldOf(issue.path)];
  return words ? `${words}: ${lowerFirst(humanize(issue.message))}` : sentence(humanize(issue.message));
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

/** zod's terse defaults, said plainly; code names of fields ("(proposedText)") left out. */
function humanize(raw: string): string {
  const message = raw.replace(/\s*\((?:(?:body|query)\.)?[a-z]+(?:[A-Z.][\w.]*)\)/g, '');
  const tooSmall = /^Too small: expected string to have >=(\d+) characters?$/.exec(message);
  if (tooSmall) return tooSmall[1] === '1' ? 'it may not be empty' : `write at least ${tooSmall[1]} characters`;
  const tooBig = /^Too big: expected string to have <=(\d+) characters?$/.exec(message);
  if (tooBig) return `write at most ${tooBig[1]} characters`;
  if (/^Invalid input: expected \w+, received undefined$/.test(message)) return 'it is required';
  if (/^Invalid (uuid|UUID)/.test(message)) return 'choose one from the list';
  return message;
}

/** A failure as one sentence, without code names for fields. */
export function plainFailure(failure: ApiFailure): string {
  if (failure.issues?.length) return failure.issues.slice(0, 3).map(plainIssue).join(' ');
  // Messages built as "body.x: y; body.z: w" when the issues were not sent separately.
  if (!/(^|; )(body|query)\.[\w.]+: /.test(failure.message)) return humanize(failure.message);
  return failure.message
    .split('; ')
    .map((part) => {
      const m = /^((?:body|query)\.[\w.]+): (.*)$/.exec(part);
      return m ? plainIssue({ path: m[1], message: m[2] }) : part;
    })
    .join(' ');
}

/** The issues of a failure by form field, to show each next to its field. */
export function issuesByField(failure: ApiFailure): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of failure.issues ?? []) {
    const field = fieldOf(issue.path);
    out[field] ??= sentence(humanize(issue.message));
  }
  return out;
}
