/**
 * Whether a year, month and day name a real date of the (proleptic) Gregorian calendar.
 * By arithmetic, not `Date`: a run's first `Date` costs about a millisecond (issue 12, goal 4).
 */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}
