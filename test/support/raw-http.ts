import { connect, Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes no HTTP client library would send (a NUL in a header, a body shorter than
 * its Content-Length) and reads the answer up to the close of the connection. `feed` may
 * keep writing (a slow client); it gets the socket once connected.
 */
export function rawExchange(baseUrl: string, feed: (socket: Socket) => void): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => feed(socket));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
      if (!match) return reject(new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      const headers = Object.fromEntries(
        match[2].split('\r\n').map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(match[1]), headers, body: match[3] });
    });
  });
}

/** Sends `request` at once, then half-closes: the server sees everything the client will ever send. */
export function rawRequest(baseUrl: string, request: string | Buffer): Promise<RawResponse> {
  return rawExchange(baseUrl, (socket) => socket.end(request));
}
