/** A scoring thread: compiles the rules once, then scores the batches of files it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, instantiateEngine } from '@rubric/core';
import { ExplainSink, scoreFiles } from './score-files.js';

const { rules, explainFile } = workerData as { rules: string; explainFile: string };
const model = analyze(rules).model;
const engine = instantiateEngine(model);
const sink = new ExplainSink(explainFile);

parentPort!.on('message', (msg: { batch?: { index: number; file: string }[]; done?: true }) => {
  if (msg.done) {
    sink.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  try {
    parentPort!.postMessage({ result: scoreFiles(model, engine, msg.batch!, sink) });
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message });
  }
});
