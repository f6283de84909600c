import type { ParagraphKind } from '@/lib/resolution/types';
import type { PresentedAmendment } from '@/usecases/reads/amendments';

/** What the amendment pages receive; dates arrive as strings, as from the API. */
export type AmendmentView = Omit<PresentedAmendment, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
};

export interface ParagraphOption {
  id: string;
  kind: ParagraphKind;
  label: string;
  text: string;
}

export interface AmendmentsContext {
  resolutionId: string;
  stage: string;
  /** Who is looking (names for presence while co-editing a draft). */
  me: { role: string; delegationId: string | null; name: string; delegationName: string | null };
  delegations: { id: string; name: string }[];
  /** May start an amendment (member, chair, secretariat while the text is open). */
  mayDraft: boolean;
  tablingDeadline: string | null;
}

export interface CompilationResponse {
  amendments: AmendmentView[];
  tablingDeadline: string | null;
}
