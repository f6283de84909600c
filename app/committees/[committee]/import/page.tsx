import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { committeeForUser } from '@/usecases/reads/committees';
import { can } from '@/lib/permissions';
import { currentUser } from '@/app/_lib/current-user';
import { ImportForm } from './ImportForm';

export const dynamic = 'force-dynamic';

export default async function ImportPage({ params }: { params: Promise<{ committee: string }> }) {
  const { committee: slug } = await params;
  const user = await currentUser(`/committees/${slug}/import`);
  const found = await committeeForUser(await getDb(), user.id, slug).catch(() => null);
  if (!found) notFound();
  const { committee, actor } = found;
  const t = await getTranslations('import');
  return (
    <div>
      <p className="breadcrumbs">
        <Link href="/">{t('committees')}</Link> › <Link href={`/committees/${committee.slug}`}>{committee.name}</Link> ›
      </p>
      <h1>{t('title')}</h1>
      {can(actor, 'resolution:create') ? (
        <ImportForm committee={committee.slug} />
      ) : (
        <p className="error" role="alert">
          {t('notAllowed')}
        </p>
      )}
    </div>
  );
}
