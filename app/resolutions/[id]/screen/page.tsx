import { votesOf } from '@/usecases/reads/votes';
import { loadCompilation } from '@/usecases/reads/amendments';
import { openResolutionPage } from '@/app/_lib/resolution-page';
import { screenOf } from '@/usecases/reads/screen';
import type { StoredAdoption } from '@/usecases/reads/resolutions';
import { RoomScreen } from './RoomScreen';
import type { ScreenData } from './types';

export const dynamic = 'force-dynamic';

/**
 * The screen for the room: a read-only, large-type view for the projector that shows what
 * the chair or the secretariat puts on it, and follows every change live.
 */
export default async function ScreenPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { db, resolution, access } = await openResolutionPage(id, `/resolutions/${id}/screen`);
  const [{ amendments, paragraphs }, votes] = await Promise.all([
    loadCompilation(db, resolution, access.actor),
    votesOf(db, resolution.id, access),
  ]);
  const plain = <T,>(v: unknown) => JSON.parse(JSON.stringify(v)) as T;
  const data: ScreenData = plain({
    paragraphs: paragraphs.map((p) => ({ id: p.id, kind: p.kind, label: p.label, text: p.text })),
    amendments,
    votes,
  });
  const adoption = resolution.adoption as StoredAdoption | null;
  return (
    <RoomScreen
      resolutionId={resolution.id}
      title={resolution.title}
      enactingFormula={resolution.enactingFormula}
      adopted={!!adoption}
      initialScreen={screenOf(resolution)}
      initialData={data}
    />
  );
}
