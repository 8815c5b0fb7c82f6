import { connect, createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { currentOwner, type DataDirectoryOwner } from './data-directory-owner.js';

/**
 * The operator's way into a running server that owns the embedded database: `pnpm admin`, `pnpm run import`,
 * `pnpm run export` and `pnpm backup` cannot open the directory while the server has it (data-directory-owner.ts),
 * so they send the command to the server, which runs it on its own database connection and sends back what the
 * command prints and its exit code.
 *
 * The channel is a Unix socket in the server's private socket folder (mode 0700, made by mkdtemp, next to PGlite's
 * own socket): only the operating-system user who runs the server (and root) can connect, as with PostgreSQL's peer
 * authentication. Whoever can connect can already read and write the data directory's files, so the socket gives no
 * one more than they have; it is not reachable over the network and needs no password or token.
 *
 * Frames, both ways: 1 byte type, 4 bytes big-endian length, payload. The client sends one REQUEST (JSON); the
 * server sends STDOUT and STDERR chunks as the command writes them, then EXIT with the code (4 bytes).
 */
export interface CommandRequest {
  /** Which command: the server decides which it accepts. */
  command: string;
  /** Its arguments, with file paths already made absolute by the client. */
  args: string[];
  /** The operating-system user who ran the command, for the audit log (`cli:<user>`). */
  user: string;
  /** A password the command needs (create-admin), read by the client from its environment or standard input. */
  secret?: string;
}

export interface CommandStreams {
  stdout: Writable;
  stderr: Writable;
}

/** Runs one command on the server's side; resolves to its exit code. */
export type CommandHandler = (request: CommandRequest, streams: CommandStreams) => Promise<number>;

export const COMMAND_SOCKET_NAME = 'peksos-commands.sock';

const REQUEST = 0;
const STDOUT = 1;
const STDERR = 2;
const EXIT = 3;
const MAX_REQUEST_BYTES = 1024 * 1024;

function frame(type: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/** Splits a byte stream into frames. */
function frameReader(onFrame: (type: number, payload: Buffer) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 5) {
      const length = buffered.readUInt32BE(1);
      if (buffered.length < 5 + length) break;
      const type = buffered.readUInt8(0);
      const payload = buffered.subarray(5, 5 + length);
      buffered = buffered.subarray(5 + length);
      onFrame(type, payload);
    }
  };
}

/** A Writable that sends what is written as frames of one type, with the socket's back-pressure. */
function framedStream(socket: Socket, type: number): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (socket.destroyed) return callback();
      socket.write(frame(type, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)), () => callback());
    },
  });
}

export interface CommandServer {
  /** Commands running now. */
  running(): number;
  /** Stops accepting commands; resolves when those running have finished (or `waitMs` has passed). */
  close(waitMs: number): Promise<void>;
}

/** Serves commands on a Unix socket at `path` (in a folder private to this user). */
export async function serveCommands(path: string, handler: CommandHandler): Promise<CommandServer> {
  let running = 0;
  let idle: (() => void) | null = null;
  const server: Server = createServer((socket) => {
    let started = false;
    let received = 0;
    socket.on('error', () => {});
    socket.on(
      'data',
      frameReader((type, payload) => {
        if (started || type !== REQUEST) return socket.destroy();
        started = true;
        let request: CommandRequest;
        try {
          request = JSON.parse(payload.toString('utf8')) as CommandRequest;
        } catch {
          return socket.destroy();
        }
        running += 1;
        const stdout = framedStream(socket, STDOUT);
        const stderr = framedStream(socket, STDERR);
        void handler(request, { stdout, stderr })
          .catch((error: unknown) => {
            stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
            return 1;
          })
          .then(async (code) => {
            // Everything written before the exit code, in order.
            await new Promise<void>((resolveWritten) => stdout.end(() => resolveWritten()));
            await new Promise<void>((resolveWritten) => stderr.end(() => resolveWritten()));
            const exit = Buffer.alloc(4);
            exit.writeInt32BE(code, 0);
            if (!socket.destroyed) socket.end(frame(EXIT, exit));
          })
          .finally(() => {
            running -= 1;
            if (running === 0) idle?.();
          });
      }),
    );
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_REQUEST_BYTES) socket.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(path, () => resolveListen());
  });
  return {
    running: () => running,
    async close(waitMs) {
      const closed = new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
      if (running > 0) {
        await Promise.race([
          new Promise<void>((resolveIdle) => (idle = resolveIdle)),
          new Promise<void>((resolveWait) => setTimeout(resolveWait, waitMs).unref()),
        ]);
      }
      await Promise.race([closed, new Promise<void>((resolveWait) => setTimeout(resolveWait, 1_000).unref())]);
    },
  };
}

/**
 * Sends a command to the server listening at `path`, copies what it prints to `streams`, and resolves to its exit
 * code. A connection that ends without an exit code (the server stopped meanwhile) rejects.
 */
export function sendCommand(path: string, request: CommandRequest, streams: CommandStreams): Promise<number> {
  return new Promise((resolveCode, rejectCode) => {
    const socket = connect(path);
    let code: number | null = null;
    const pending: Promise<void>[] = [];
    const write = (stream: Writable, payload: Buffer) => {
      if (!stream.write(payload)) {
        socket.pause();
        pending.push(new Promise((resolveDrain) => stream.once('drain', () => (socket.resume(), resolveDrain()))));
      }
    };
    socket.on(
      'data',
      frameReader((type, payload) => {
        if (type === STDOUT) write(streams.stdout, payload);
        else if (type === STDERR) write(streams.stderr, payload);
        else if (type === EXIT) code = payload.readInt32BE(0);
      }),
    );
    socket.once('connect', () => socket.write(frame(REQUEST, Buffer.from(JSON.stringify(request), 'utf8'))));
    socket.once('error', rejectCode);
    socket.once('close', () => {
      void Promise.all(pending).then(() => {
        if (code === null) rejectCode(new Error('The server closed the connection before the command finished (was it stopped?)'));
        else resolveCode(code);
      });
    });
  });
}

/** The command socket of the server that owns this data directory and serves, if one does. */
export async function serverCommandSocket(dataDir: string): Promise<{ path: string; owner: DataDirectoryOwner } | null> {
  const owner = await currentOwner(dataDir);
  if (!owner || owner.kind !== 'server' || owner.state !== 'serving' || !owner.commandSocket) return null;
  return { path: owner.commandSocket, owner };
}
