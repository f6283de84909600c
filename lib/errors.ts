/**
 * Typed domain errors: "<kind>:<subject>" codes mapped to an HTTP status in one place
 * (the API layer), with a message that is safe to show. Causes are logged, never sent.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unprocessable';

export interface FieldIssue {
  path: string;
  message: string;
  line?: number;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly subject: string;
  readonly issues?: FieldIssue[];

  constructor(code: `${ErrorKind}:${string}`, message: string, issues?: FieldIssue[]) {
    super(message);
    const [kind, subject] = code.split(':') as [ErrorKind, string];
    this.kind = kind;
    this.subject = subject;
    this.issues = issues;
  }

  get code(): string {
    return `${this.kind}:${this.subject}`;
  }
}

export const notFound = (subject: string, message = `${subject} not found`) =>
  new DomainError(`not_found:${subject}`, message);

export const forbidden = (subject: string, message = 'You are not allowed to do this') =>
  new DomainError(`forbidden:${subject}`, message);

export const conflict = (subject: string, message: string) => new DomainError(`conflict:${subject}`, message);

export const badRequest = (subject: string, message: string, issues?: FieldIssue[]) =>
  new DomainError(`bad_request:${subject}`, message, issues);
