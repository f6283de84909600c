'use client';
import { useState } from 'react';
import { api } from '@/app/_components/api';
import { useApiAction } from '@/app/_components/useApiAction';

interface DelegationRow {
  id: string;
  name: string;
  voteWeight: number;
}
interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: string;
  delegationId: string | null;
  delegationName: string | null;
}

const ROLES = ['chair', 'secretariat', 'member', 'observer', 'translator'];

/** Delegations and members; chair and secretariat manage them, everyone else reads. */
export function RosterManager(props: {
  committee: string;
  canManage: boolean;
  delegations: DelegationRow[];
  members: MemberRow[];
}) {
  const { committee, canManage, delegations, members } = props;
  const base = `/api/v1/committees/${committee}`;

  const action = useApiAction();
  const run = (call: () => Promise<unknown>, success: string) =>
    action.run(call, { success, failure: 'Something went wrong', refresh: true });
  /** Removing from the roster is asked in a dialog that shows a refusal itself. */
  const remove = (title: string, call: () => Promise<unknown>, success: string) =>
    action.confirmed(
      {
        title,
        confirmLabel: 'Remove',
        danger: true,
        action: async () => {
          await call();
        },
      },
      { success, refresh: true },
    );

  const [delegationName, setDelegationName] = useState('');
  const [member, setMember] = useState({ email: '', role: 'member', delegationId: '', name: '', password: '' });

  return (
    <div className="two-columns">
      <section aria-labelledby="delegations-heading">
        <h2 id="delegations-heading">Delegations ({delegations.length})</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Delegation</th>
              <th>Vote weight</th>
              {canManage && (
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {delegations.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>
                  {canManage ? (
                    <input
                      type="number"
                      min={1}
                      max={1000}
                      defaultValue={d.voteWeight}
                      aria-label={`Vote weight of ${d.name}`}
                      onBlur={(e) =>
                        Number(e.target.value) !== d.voteWeight &&
                        run(
                          () => api('PATCH', `${base}/delegations/${d.id}`, { voteWeight: Number(e.target.value) }),
                          `Weight of ${d.name} set`,
                        )
                      }
                    />
                  ) : (
                    d.voteWeight
                  )}
                </td>
                {canManage && (
                  <td>
                    <button
                      type="button"
                      className="link-button danger"
                      onClick={() =>
                        remove(
                          `Remove ${d.name}?`,
                          () => api('DELETE', `${base}/delegations/${d.id}`),
                          `${d.name} removed`,
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canManage && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              run(() => api('POST', `${base}/delegations`, { name: delegationName }), `${delegationName} added`).then(
                () => setDelegationName(''),
              );
            }}
          >
            <label>
              New delegation{' '}
              <input value={delegationName} onChange={(e) => setDelegationName(e.target.value)} required />
            </label>
            <button className="secondary" type="submit">
              Add
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members ({members.length})</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Delegation</th>
              {canManage && (
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  <div className="muted small">{m.email}</div>
                </td>
                <td>
                  {canManage ? (
                    <select
                      className="role-select"
                      aria-label={`Role of ${m.name}`}
                      defaultValue={m.role}
                      onChange={(e) =>
                        run(
                          () =>
                            api('PATCH', `${base}/members/${m.userId}`, {
                              role: e.target.value,
                              delegationId: e.target.value === 'member' ? m.delegationId : null,
                            }),
                          `${m.name} is now ${e.target.value}`,
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  ) : (
                    m.role
                  )}
                </td>
                <td>{m.delegationName ?? '—'}</td>
                {canManage && (
                  <td>
                    <button
                      type="button"
                      className="link-button danger"
                      onClick={() =>
                        remove(
                          `Remove ${m.name} from the committee?`,
                          () => api('DELETE', `${base}/members/${m.userId}`),
                          `${m.name} removed`,
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canManage && (
          <form
            className="stacked-form"
            onSubmit={(e) => {
              e.preventDefault();
              run(
                () =>
                  api('POST', `${base}/members`, {
                    email: member.email,
                    role: member.role,
                    delegationId: member.role === 'member' ? member.delegationId || null : null,
                    ...(member.name ? { name: member.name } : {}),
                    ...(member.password ? { password: member.password } : {}),
                  }),
                `${member.email} added`,
              );
            }}
          >
            <h3>Add a member</h3>
            <label>
              E-mail{' '}
              <input
                type="email"
                required
                value={member.email}
                onChange={(e) => setMember({ ...member, email: e.target.value })}
              />
            </label>
            <label>
              Role
              <select value={member.role} onChange={(e) => setMember({ ...member, role: e.target.value })}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            {member.role === 'member' && (
              <label>
                Delegation
                <select
                  required
                  value={member.delegationId}
                  onChange={(e) => setMember({ ...member, delegationId: e.target.value })}
                >
                  <option value="">Choose…</option>
                  {delegations.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Name (new users only){' '}
              <input value={member.name} onChange={(e) => setMember({ ...member, name: e.target.value })} />
            </label>
            <label>
              Initial password (new users only){' '}
              <input
                type="password"
                minLength={8}
                value={member.password}
                onChange={(e) => setMember({ ...member, password: e.target.value })}
              />
            </label>
            <button className="secondary" type="submit">
              Add member
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
