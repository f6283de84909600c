'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { readPresenceUser, type PresenceUser } from '@/lib/editor/presence';

interface Present extends PresenceUser {
  key: string;
  self: boolean;
}

/** Everyone with the text open, once each (several tabs of one person count once). */
function whoIsHere(provider: WebsocketProvider): Present[] {
  const byPerson = new Map<string, Present>();
  const selfId = provider.awareness.clientID;
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = readPresenceUser(state);
    if (!user) continue;
    const key = `${user.name}\u0000${user.delegation ?? ''}\u0000${user.role}`;
    const self = clientId === selfId;
    if (!byPerson.has(key) || self) byPerson.set(key, { ...user, key, self: self || !!byPerson.get(key)?.self });
  }
  return [...byPerson.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

export function PresenceList({ provider }: { provider: WebsocketProvider }) {
  const t = useTranslations('presence');
  const tr = useTranslations('roleNames');
  const [people, setPeople] = useState<Present[]>(() => whoIsHere(provider));
  useEffect(() => {
    const update = () => setPeople(whoIsHere(provider));
    provider.awareness.on('change', update);
    update();
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return (
    <section className="presence" aria-label={t('who')}>
      <h2 className="presence-title">{t('title', { count: people.length })}</h2>
      <ul className="presence-list" data-testid="presence-list">
        {people.map((p) => (
          <li key={p.key} data-testid="present-user">
            <span className="presence-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            <span className="presence-name">{p.name}</span>
            {p.self && <span className="muted"> {t('you')}</span>}
            <span className="presence-delegation muted">
              {p.delegation ?? (tr.has(p.role) ? tr(p.role as 'member') : p.role)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
