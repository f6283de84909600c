'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';
import { formatDateTime } from '@/app/_lib/dates';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Decided on the server. */
  youCan: { revoke: boolean };
}

export function TokenManager({ tokens }: { tokens: TokenRow[] }) {
  const t = useTranslations('tokens');
  const locale = useLocale();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const { run, busy, confirmed } = useApiAction();

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const r = await run(() => api<{ token: string }>('POST', '/api/v1/tokens', { name }), {
      success: t('created'),
      failure: t('createFailed'),
      refresh: true,
    });
    if (!r) return;
    setCreated(r.token);
    setName('');
  }

  const revoke = (token: TokenRow) =>
    confirmed(
      {
        title: t('revokeQuestion', { name: token.name }),
        message: t('revokeNote'),
        confirmLabel: t('revoke'),
        danger: true,
        action: async () => {
          await api('DELETE', `/api/v1/tokens/${token.id}`);
        },
      },
      { success: t('revoked', { name: token.name }), refresh: true },
    );

  return (
    <>
      <form onSubmit={create} className="inline-form card">
        <label>
          {t('name')}{' '}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder={t('example')}
          />
        </label>
        <button className="primary" type="submit" disabled={busy}>
          {t('create')}
        </button>
      </form>
      {created && (
        <div className="card success-card" role="alert">
          <p>{t('newToken')}</p>
          <code className="token" data-testid="new-token">
            {created}
          </code>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('token')}</th>
            <th>{t('createdAt')}</th>
            <th>{t('lastUsed')}</th>
            <th>{t('status')}</th>
            <th>
              <span className="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>{formatDateTime(token.createdAt, locale)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('never')}</td>
              <td>{token.revokedAt ? t('revokedStatus') : t('active')}</td>
              <td>
                {token.youCan.revoke && (
                  <button type="button" className="link-button danger" onClick={() => revoke(token)}>
                    {t('revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
