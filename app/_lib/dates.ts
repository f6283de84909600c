import { wordingFor } from '@/lib/publication/catalogues';

/**
 * Dates as a committee writes them, in the reader's interface language: "1 April 2010",
 * "1er avril 2010" — never 04/01/2010, which reads as January in half the room. The month
 * names and the day come from the published wording's catalogue of that language (one
 * list). Calendar dates ("2010-04-01") are taken as they are, with no time zone shift;
 * instants are shown in UTC, the time zone of the record.
 */
export function formatDate(value: string | Date, locale = 'en'): string {
  const wording = wordingFor(locale);
  const write = (year: number, month: number, day: number) =>
    `${wording.day?.(day) ?? day} ${wording.months[month]} ${year}`;
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (day) return write(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return write(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** "1 April 2010, 14:05 UTC", "1er avril 2010 à 14:05 UTC" */
export function formatDateTime(value: string | Date, locale = 'en'): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(d, locale)}${locale.startsWith('fr') ? ' à' : ','} ${hh}:${mm} UTC`;
}
