import http from 'node:http';
import type { Socket } from 'node:net';

// A real HTTP server on 127.0.0.1 for the tests of this folder: it records what arrived and whether any
// connection was made at all, so a test can prove a refused request never left the process.

interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  requests: ReceivedRequest[];
  /** Connections accepted, including ones that never sent a request. */
  connections: number;
  /** Resolves when every connection the server accepted so far is closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

/** Called once the request body has arrived (it is in `requests`). */
export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

export async function startServer(handler: Handler): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const closed: Promise<void>[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.requests.push(received);
      void handler(request, response);
    });
  });
  server.on('connection', (socket) => {
    state.connections += 1;
    sockets.add(socket);
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const state: TestServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: 0,
    allClosed: async () => {
      await Promise.all(closed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}

/** Answers every request with this status, headers and body. */
export function reply(status: number, headers: Record<string, string | string[]>, body: string | Buffer = ''): Handler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}
