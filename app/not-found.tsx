import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** A page that does not exist, or that this user may not know exists (the same answer). */
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="narrow">
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </div>
  );
}
