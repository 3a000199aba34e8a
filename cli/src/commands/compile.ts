import { evidenceJsonSchema, generateEngine } from '@rubric/core';
import { rulesOrReport } from './shared.js';
import { writeAllAtomically } from '../output/atomic.js';
import type { Out } from '../output/terminal.js';
import path from 'node:path';

/** `rubric compile`: the standalone engine (imports only zod); refuses to emit when the rules have errors. */
export async function compile(o: Out, file: string, outFile: string, schemaFile?: string): Promise<number> {
  const analysis = rulesOrReport(o, file);
  if (!analysis) return 1;
  const files: Record<string, string> = { [path.basename(outFile)]: generateEngine(analysis.model) };
  await writeAllAtomically(path.dirname(outFile), files);
  o.out(`wrote ${outFile} (import { meta, evidenceSchema, scoreUnit, run } from it; it needs only zod)`);
  if (schemaFile) {
    await writeAllAtomically(path.dirname(schemaFile), { [path.basename(schemaFile)]: `${JSON.stringify(evidenceJsonSchema(analysis.model), null, 2)}\n` });
    o.out(`wrote ${schemaFile} (JSON Schema of one unit's evidence)`);
  }
  return 0;
}
