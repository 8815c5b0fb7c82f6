import { afterAll, afterEach } from 'vitest';
import { setCurrentServer, startApiServer } from './server.js';

/**
 * Each browser test file gets its own server on its own fresh database, started before the file is read: a file
 * that assigns, imports or hands over cannot change the figures another file checks (Kota Cimahi's 36 workers, 13
 * certified), whatever order vitest runs the files in.
 */
const server = await startApiServer();
setCurrentServer(server);

// A failed test prints what the server logged (the last of it): an answer such as SERVICE_UNAVAILABLE is explained
// there, not in the browser.
afterEach(({ task }) => {
  if (task.result?.state !== 'fail') return;
  const log = server.output().split('\n').slice(-200).join('\n');
  console.error(`--- the API server's log (last 200 lines) after the failed test "${task.name}":\n${log}\n--- end of the log`);
});

afterAll(async () => {
  setCurrentServer(undefined);
  await server.stop();
});
