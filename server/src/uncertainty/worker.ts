/**
 * The uncertainty analysis in a worker thread: checks the rules text again (a model does not cross
 * threads; the text and the validated units do) and runs `analyzeUncertainty`. The language server's
 * thread stays free for keystrokes, and a stale analysis is stopped by terminating its worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, analyzeUncertainty } from '@rubric/core';
import type { AnalysisRequest, WorkerReply } from './runner.js';

function reply(): WorkerReply {
  const { text, units, options } = workerData as AnalysisRequest;
  try {
    const { model, hasErrors } = analyze(text);
    if (hasErrors) return { error: 'The file has errors.' };
    return { result: analyzeUncertainty(model, units, options) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.postMessage(reply());
