import type { AmendmentView, ParagraphOption } from '../amendments/types';
import type { VoteView } from '../procedure/types';

/** What the room screen reads: the text, the amendments and the votes, as the API sends them. */
export interface ScreenData {
  paragraphs: ParagraphOption[];
  amendments: AmendmentView[];
  votes: VoteView[];
}
