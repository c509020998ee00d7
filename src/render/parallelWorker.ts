/** The worker side of parallel rendering (parallel.ts): render pages, post their bytes back. */
import { parentPort, workerData } from 'node:worker_threads';
import { drain, type Task } from './parallel.ts';

await drain(workerData as Task, (i, pdf) => parentPort!.postMessage({ i, pdf }));
parentPort!.postMessage('done');
