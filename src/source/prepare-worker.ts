/** Worker thread of `workerPreparer`: prepares each batch it is sent and sends it back. */
import { parentPort } from 'node:worker_threads';
import { prepareDocument } from './prepare.js';
import type { SourceDocument } from './store.js';

parentPort?.on('message', (docs: SourceDocument[]) => {
  parentPort?.postMessage(docs.map(prepareDocument));
});
