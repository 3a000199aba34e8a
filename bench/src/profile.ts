/** Summaries of V8 CPU profiles (`node --cpu-prof`): self time per function, all threads together. */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hot { fn: string; share: number; ms: number }

/** Where a frame's code lives: a package, a workspace of this repository, Node itself, or V8. */
export function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : 'V8 / native';
  if (url.startsWith('node:')) return 'Node.js internals';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  const ws = /\/(grammar|core|cli|server|report|client|bench)\/(?:dist|src|bin)\//.exec(path);
  if (ws) return `@rubric/${ws[1]}`;
  return 'other (generated code: the engine)';
}

export function hotFunctions(dir: string, top = 12): { hot: Hot[]; owners: Hot[]; totalMs: number; profiles: number } {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  return summarise(files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CpuProfile), top);
}

/** Profiles `fn` in this process for about `ms` milliseconds (the inspector's sampling profiler). */
export async function profileHere(fn: () => void, ms: number, top = 8): Promise<{ hot: Hot[]; owners: Hot[]; totalMs: number }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const until = performance.now() + ms;
  do fn(); while (performance.now() < until);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  const r = summarise([profile], top);
  return { hot: r.hot, owners: r.owners, totalMs: r.totalMs };
}

function summarise(profiles: CpuProfile[], top: number): { hot: Hot[]; owners: Hot[]; totalMs: number; profiles: number } {
  const self = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const dt = p.timeDeltas[i] ?? 0;
      const cf = byId.get(id)?.callFrame;
      if (!cf) return;
      const where = cf.url ? ` ${cf.url.replace(/^file:\/\//, '').split('/').slice(-2).join('/')}:${cf.lineNumber + 1}` : '';
      const key = `${cf.functionName || '(anonymous)'}${where}`;
      // Idle time, and the profiler's own messaging when it profiles its own process.
      if (key.startsWith('(idle)') || (cf.functionName === 'dispatch' && !cf.url) || cf.url.startsWith('node:inspector')) return;
      self.set(key, (self.get(key) ?? 0) + dt);
      const o = owner(cf.url, cf.functionName);
      byOwner.set(o, (byOwner.get(o) ?? 0) + dt);
      total += dt;
    });
  }
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ fn, share: us / total, ms: us / 1000 }));
  return { hot: rank(self), owners: rank(byOwner), totalMs: total / 1000, profiles: profiles.length };
}
