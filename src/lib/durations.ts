import type { DurationUnit } from './timeline.ts';

/** Where and when a team works: its time zone and the days it does not. */
export interface WorkCalendar {
  /** IANA time zone, e.g. `Europe/Berlin`; days and business days are counted in it. */
  timeZone: string;
  /** Holidays as local calendar dates, `2026-12-25`. */
  holidays: readonly string[];
}

export const UTC_CALENDAR: WorkCalendar = { timeZone: 'UTC', holidays: [] };

const HOUR = 60 * 60 * 1000;

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at an instant in a time zone. */
function localTime(date: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, Number(p.value)]));
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
    millisecond: date.getUTCMilliseconds(),
  };
}

/** A wall-clock time read as if it were UTC: the basis for working out zone offsets. */
function wallClockAsUtc(local: LocalTime): number {
  return Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
}

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const local = localTime(new Date(instant), timeZone);
  return wallClockAsUtc(local) - instant;
}

const DAY_MS = 24 * HOUR;

/**
 * The instant a wall-clock time names in a time zone. A time that does not exist (skipped by a
 * daylight-saving change) moves forward by the gap; an ambiguous one takes the earlier instant.
 */
function fromLocalTime(local: LocalTime, timeZone: string): Date {
  const asUtc = wallClockAsUtc(local);
  // The offsets a day before and after cover any single transition near this time.
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const names = (instant: number) => offsetAt(instant, timeZone) === asUtc - instant;
  const candidates = [asUtc - before, asUtc - after].filter(names);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(asUtc - Math.min(before, after));
}

/** Whether a time zone name is one the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `2026-12-25` for the local calendar date at an instant. */
export function localDate(date: Date, timeZone: string): string {
  const { year, month, day } = localTime(date, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Monday to Friday, and not a holiday, in the calendar's time zone. */
export function isBusinessDay(
  local: Pick<LocalTime, 'year' | 'month' | 'day'>,
  calendar: WorkCalendar,
): boolean {
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  const date = `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.includes(date);
}

/**
 * The deadline `amount` units after `start`. Hours are elapsed time. Days and weeks are calendar
 * days in the team's time zone: the same wall-clock time that many days later, so a day across a
 * daylight-saving change lasts 23 or 25 hours. Business days count only Monday to Friday that are
 * not holidays: the deadline is the same wall-clock time on the `amount`-th business day after the
 * start's date (a report on Saturday with 1 business day is due on Monday at the same time).
 */
export function addDuration(start: Date, amount: number, unit: DurationUnit, calendar: WorkCalendar): Date {
  if (unit === 'hours') return new Date(start.getTime() + amount * HOUR);
  const local = localTime(start, calendar.timeZone);
  const shift = (days: number): LocalTime => {
    const moved = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
    return {
      ...local,
      year: moved.getUTCFullYear(),
      month: moved.getUTCMonth() + 1,
      day: moved.getUTCDate(),
    };
  };
  if (unit === 'months') {
    // The same day of the month (the last, where the month is shorter) at the same wall-clock time.
    const whole = Math.floor(amount);
    const firstOfTarget = new Date(Date.UTC(local.year, local.month - 1 + whole, 1));
    const lastDay = new Date(
      Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0),
    ).getUTCDate();
    const end = fromLocalTime(
      {
        ...local,
        year: firstOfTarget.getUTCFullYear(),
        month: firstOfTarget.getUTCMonth() + 1,
        day: Math.min(local.day, lastDay),
      },
      calendar.timeZone,
    );
    return new Date(end.getTime() + (amount - whole) * 30 * 24 * HOUR);
  }
  if (unit === 'days' || unit === 'weeks') {
    const days = amount * (unit === 'weeks' ? 7 : 1);
    const whole = Math.floor(days);
    const end = fromLocalTime(shift(whole), calendar.timeZone);
    return new Date(end.getTime() + (days - whole) * 24 * HOUR);
  }
  let counted = 0;
  let offset = 0;
  while (counted < Math.ceil(amount)) {
    offset++;
    if (isBusinessDay(shift(offset), calendar)) counted++;
  }
  return fromLocalTime(shift(offset), calendar.timeZone);
}

/** The unit a duration is shown in: one per table column, chart or target, so figures compare at a glance. */
export type ElapsedUnit = 'hours' | 'days';

/** Hours when every value is under two days, days otherwise: the unit for a set of figures shown together. */
export function elapsedUnit(values: readonly (number | undefined)[]): ElapsedUnit {
  return values.every((value) => value === undefined || Math.abs(value) < 48 * HOUR) ? 'hours' : 'days';
}

/** The unit a target is written in: "24 hours" is measured in hours, "7 days" and "2 business days" in days. */
export function targetUnit(target: string): ElapsedUnit | undefined {
  if (/\bhours?\b/i.test(target)) return 'hours';
  if (/\b(?:days?|weeks?|months?)\b/i.test(target)) return 'days';
  return undefined;
}

/** "6.5 hours", "1 day", "21.3 days": in `unit`, or in hours under two days and days above. */
export function formatElapsed(milliseconds: number, unit: ElapsedUnit = elapsedUnit([milliseconds])): string {
  const amount = round(unit === 'hours' ? milliseconds / HOUR : milliseconds / DAY_MS);
  const singular = amount === '1';
  return `${amount} ${unit === 'hours' ? (singular ? 'hour' : 'hours') : singular ? 'day' : 'days'}`;
}

function round(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The median and 90th percentile (nearest rank) of a list, or undefined for an empty one. */
export function percentiles(values: readonly number[]): { median: number; p90: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1] ?? 0;
  return { median, p90 };
}

const displayFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-01-20 09:00 CET`: a date-time as the team reads it, in its own time zone. */
export function formatLocalDateTime(date: Date, timeZone: string): string {
  let format = displayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' });
    displayFormats.set(timeZone, format);
  }
  const zone = format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  const local = localTime(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDate(date, timeZone)} ${pad(local.hour)}:${pad(local.minute)} ${zone}`;
}
