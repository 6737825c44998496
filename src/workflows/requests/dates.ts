/** The start of a calendar day (YYYY-MM-DD) in UTC: when a start, leave or deletion date is due. */
export function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** `date` plus `days` calendar days, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const d = dayStart(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
