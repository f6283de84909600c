import { ENGLISH } from '@/lib/publication/wording';

/**
 * Dates as a committee writes them: "1 April 2010" — never 04/01/2010, which reads as
 * January in half the room. Calendar dates ("2010-04-01") are taken as they are, with no
 * time zone shift; instants are shown in UTC, the time zone of the record.
 */
const MONTHS = ENGLISH.months; // the published text's month names: one list

export function formatDate(value: string | Date): string {
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (day) return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}`;
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "1 April 2010, 14:05 UTC" */
export function formatDateTime(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(d)}, ${hh}:${mm} UTC`;
}
