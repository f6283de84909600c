'use client';

/** Calls the JSON API from pages; errors come back as { message, issues } to show. */
export interface ApiFailure {
  message: string;
  issues?: { path: string; message: string; line?: number }[];
  status: number;
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const failure: ApiFailure = {
      message: data?.error?.message ?? `Request failed (${res.status})`,
      issues: data?.error?.issues,
      status: res.status,
    };
    throw failure;
  }
  return data as T;
}

export function isApiFailure(e: unknown): e is ApiFailure {
  return typeof e === 'object' && e !== null && 'message' in e && 'status' in e;
}
