/** Parsing and overlap of RDS backup (`hh24:mi-hh24:mi`) and maintenance (`ddd:hh24:mi-ddd:hh24:mi`) windows, in UTC. */

const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME = '([01]\\d|2[0-3]):([0-5]\\d)';
const BACKUP = new RegExp(`^${TIME}-${TIME}$`);
const MAINTENANCE = new RegExp(`^(mon|tue|wed|thu|fri|sat|sun):${TIME}-(mon|tue|wed|thu|fri|sat|sun):${TIME}$`, 'i');

/** A window as a start minute and a length in minutes; the window may wrap around midnight (or the week). */
export interface TimeWindow {
  readonly start: number;
  readonly minutes: number;
}

/** Parses a daily backup window; undefined when malformed. */
export function parseBackupWindow(window: string): TimeWindow | undefined {
  const m = BACKUP.exec(window);
  if (!m) {
    return undefined;
  }
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return { start, minutes: (end - start + DAY) % DAY };
}

/** Parses a weekly maintenance window; undefined when malformed. */
export function parseMaintenanceWindow(window: string): TimeWindow | undefined {
  const m = MAINTENANCE.exec(window);
  if (!m) {
    return undefined;
  }
  const start = DAYS.indexOf(m[1].toLowerCase()) * DAY + Number(m[2]) * 60 + Number(m[3]);
  const end = DAYS.indexOf(m[4].toLowerCase()) * DAY + Number(m[5]) * 60 + Number(m[6]);
  return { start, minutes: (end - start + WEEK) % WEEK };
}

/** Whether a daily backup window shares a minute with a weekly maintenance window. */
export function windowsOverlap(backup: TimeWindow, maintenance: TimeWindow): boolean {
  const busy = new Uint8Array(WEEK);
  for (let i = 0; i < maintenance.minutes; i++) {
    busy[(maintenance.start + i) % WEEK] = 1;
  }
  for (let day = 0; day < 7; day++) {
    for (let i = 0; i < backup.minutes; i++) {
      if (busy[(day * DAY + backup.start + i) % WEEK]) {
        return true;
      }
    }
  }
  return false;
}
