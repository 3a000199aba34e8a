/**
 * Runs `rubric` in this process and prints its resource usage on exit, for machines without GNU time:
 *   node cli-usage.js <usage.json> <rubric arguments…>
 * Worker threads belong to this process, so their CPU time and memory are counted too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [usageFile, ...argv] = process.argv.slice(2);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
process.on('exit', (code) => {
  const u = process.resourceUsage();
  fs.writeFileSync(usageFile!, JSON.stringify({
    wallSeconds: performance.now() / 1000, userSeconds: u.userCPUTime / 1e6, systemSeconds: u.systemCPUTime / 1e6, maxRssKb: u.maxRSS, exitCode: code,
  }));
});
const { main } = (await import(pathToFileURL(path.join(root, 'cli/dist/main.js')).href)) as { main: (argv: string[]) => Promise<number> };
process.exitCode = await main(argv);
