'use client';
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
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const { run, busy, confirmed } = useApiAction();

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const r = await run(() => api<{ token: string }>('POST', '/api/v1/tokens', { name }), {
      success: 'Token created: copy it now, it is shown once',
      failure: 'Could not create the token',
      refresh: true,
    });
    if (!r) return;
    setCreated(r.token);
    setName('');
  }

  const revoke = (t: TokenRow) =>
    confirmed(
      {
        title: `Revoke "${t.name}"?`,
        message: 'Scripts using it stop working.',
        confirmLabel: 'Revoke',
        danger: true,
        action: async () => {
          await api('DELETE', `/api/v1/tokens/${t.id}`);
        },
      },
      { success: `Token "${t.name}" revoked`, refresh: true },
    );

  return (
    <>
      <form onSubmit={create} className="inline-form card">
        <label>
          Name{' '}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder="e.g. clerk's import script"
          />
        </label>
        <button className="primary" type="submit" disabled={busy}>
          Create token
        </button>
      </form>
      {created && (
        <div className="card success-card" role="alert">
          <p>Your new token (shown once):</p>
          <code className="token" data-testid="new-token">
            {created}
          </code>
        </div>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Status</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{formatDateTime(t.createdAt)}</td>
              <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
              <td>{t.revokedAt ? 'revoked' : 'active'}</td>
              <td>
                {t.youCan.revoke && (
                  <button type="button" className="link-button danger" onClick={() => revoke(t)}>
                    Revoke
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
