/** Who may see an amendment is decided in the use-case layer; pages and presenters ask there. */
export { amendmentSubject, canSeeDraft } from '@/usecases/amendments/access';
export type { StoredAmendment } from '@/db/queries/amendments';
