import { afterAll } from 'vitest';
import { setCurrentServer, startApiServer } from './server.js';

/**
 * Each browser test file gets its own server on its own fresh database, started before the file is read: a file
 * that assigns, imports or hands over cannot change the figures another file checks (Kota Cimahi's 36 workers, 13
 * certified), whatever order vitest runs the files in.
 */
const server = await startApiServer();
setCurrentServer(server);

afterAll(async () => {
  setCurrentServer(undefined);
  await server.stop();
});
