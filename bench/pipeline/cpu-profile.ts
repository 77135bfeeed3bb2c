import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A V8 CPU profile as `node --cpu-prof` writes it. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface CpuProfileSummary {
  /** CPU time in the profile, idle excluded. */
  busyMs: number;
  /** Where the time went: a package of node_modules, our own source (by folder), Node's internals, GC. */
  byArea: Array<{ area: string; ms: number; share: number }>;
  /** The functions with the most self time. */
  topFunctions: Array<{ fn: string; ms: number; share: number }>;
}

/** Self time of every service's profile(s) under `dir/<service>/`, by area and by function. */
export function summarizeCpuProfiles(dir: string): Record<string, CpuProfileSummary> {
  const summaries: Record<string, CpuProfileSummary> = {};
  for (const service of safeReaddir(dir)) {
    const files = safeReaddir(path.join(dir, service)).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length === 0) continue;
    const byArea = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let busyMs = 0;
    for (const file of files) {
      const profile = JSON.parse(readFileSync(path.join(dir, service, file), 'utf8')) as CpuProfile;
      const totalHits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
      const msPerHit = totalHits ? (profile.endTime - profile.startTime) / 1000 / totalHits : 0;
      for (const node of profile.nodes) {
        const ms = (node.hitCount ?? 0) * msPerHit;
        if (ms === 0 || node.callFrame.functionName === '(idle)') continue;
        busyMs += ms;
        const area = areaOf(node.callFrame);
        byArea.set(area, (byArea.get(area) ?? 0) + ms);
        const fn = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      }
    }
    const top = <K extends string>(map: Map<string, number>, key: K, count: number) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([name, ms]) => ({ [key]: name, ms: Math.round(ms), share: Math.round((ms / busyMs) * 1000) / 1000 }));
    summaries[service] = {
      busyMs: Math.round(busyMs),
      byArea: top(byArea, 'area', 12) as CpuProfileSummary['byArea'],
      topFunctions: top(byFunction, 'fn', 15) as CpuProfileSummary['topFunctions'],
    };
  }
  return summaries;
}

export function printCpuProfiles(summaries: Record<string, CpuProfileSummary>): void {
  for (const [service, summary] of Object.entries(summaries)) {
    console.log(`cpu ${service}: ${summary.busyMs} ms busy`);
    console.log(`  by area: ${summary.byArea.map((a) => `${a.area} ${(a.share * 100).toFixed(1)}%`).join(', ')}`);
    for (const f of summary.topFunctions.slice(0, 10)) console.log(`  ${(f.share * 100).toFixed(1)}%  ${f.fn}`);
  }
}

function areaOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/((?:services|libs)\/[^/]+)\//.exec(url);
  return own ? own[1]! : shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|services|libs)\//, '$1/');
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
