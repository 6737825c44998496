/** The start of a calendar day (YYYY-MM-DD) in UTC: when a start, leave or deletion date is due. */
export function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}
