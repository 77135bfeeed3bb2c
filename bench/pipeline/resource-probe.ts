import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds and peak memory of a group of processes (a service, the broker, PostgreSQL's server). */
export interface ProcessUsage {
  cpuSeconds: number;
  peakRssMb: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * Reads /proc for the processes of each named group: CPU time used between start() and finish(), and the
 * largest resident set seen while sampling (VmHWM for processes that lived throughout, sampled RSS otherwise).
 */
export class ResourceProbe {
  private readonly cpuAtStart = new Map<number, number>();
  private readonly peakRss = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly groups: () => Record<string, number[]>) {}

  start(): void {
    for (const pids of Object.values(this.groups())) for (const pid of pids) this.cpuAtStart.set(pid, cpuTicks(pid));
    this.timer = setInterval(() => this.sample(), 500);
    this.sample();
  }

  /** CPU seconds each group used since start(), so far (a phase's share is the difference of two of these). */
  cpuSecondsSoFar(): Record<string, number> {
    const used: Record<string, number> = {};
    for (const [group, pids] of Object.entries(this.groups())) {
      const ticks = pids.reduce((sum, pid) => sum + Math.max(0, cpuTicks(pid) - (this.cpuAtStart.get(pid) ?? 0)), 0);
      used[group] = ticks / CLOCK_TICKS;
    }
    return used;
  }

  finish(): Record<string, ProcessUsage> {
    clearInterval(this.timer);
    this.sample();
    const usage: Record<string, ProcessUsage> = {};
    for (const [group, pids] of Object.entries(this.groups())) {
      const ticks = pids.reduce((sum, pid) => sum + Math.max(0, cpuTicks(pid) - (this.cpuAtStart.get(pid) ?? 0)), 0);
      usage[group] = {
        cpuSeconds: Math.round((ticks / CLOCK_TICKS) * 100) / 100,
        peakRssMb: Math.round((this.peakRss.get(group) ?? 0) / 1024),
      };
    }
    return usage;
  }

  private sample(): void {
    for (const [group, pids] of Object.entries(this.groups())) {
      const rssKb = pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0);
      this.peakRss.set(group, Math.max(this.peakRss.get(group) ?? 0, rssKb));
    }
  }
}

/** A process and its children (PostgreSQL's postmaster and its backends, which come and go). */
export function processTree(root: number): number[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  return [root, ...all.filter((pid) => parentOf(pid) === root)];
}

function cpuTicks(pid: number): number {
  try {
    // Fields after the command (which may hold spaces) start after the last ')': utime, stime, and the time of
    // children already ended (cutime, cstime: PostgreSQL backends that closed) are 14 to 17.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0;
  }
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}
