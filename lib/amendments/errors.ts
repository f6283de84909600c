import { DomainError, type ErrorKind } from '../errors';

/**
 * Why an amendment cannot be applied. The error is a DomainError like every other, so the
 * API maps it in the usual place: `code` is "conflict:paragraph_deleted", `subject` and
 * `reason` are "paragraph_deleted".
 */
export type AmendmentErrorReason =
  /** The target (or the anchor) paragraph is no longer in the text. */
  | 'paragraph_deleted'
  /** The paragraph changed since the amendment was written, in the same words. */
  | 'rebase_conflict'
  /** The amendment lacks what its kind needs (an anchor for an insert, …). */
  | 'invalid_amendment';

const KIND: Record<AmendmentErrorReason, ErrorKind> = {
  paragraph_deleted: 'conflict',
  rebase_conflict: 'conflict',
  invalid_amendment: 'unprocessable',
};

export class AmendmentError extends DomainError {
  readonly reason: AmendmentErrorReason;

  constructor(reason: AmendmentErrorReason, message: string) {
    super(`${KIND[reason]}:${reason}`, message);
    this.name = 'AmendmentError';
    this.reason = reason;
  }
}
