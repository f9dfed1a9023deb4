import net from 'node:net';

/**
 * A TCP relay on loopback in front of the real API server that a test can cut, as if the server
 * stopped: open connections are reset and new ones refused until `restore`. The TLS session runs
 * end to end through it (the relay sees only bytes), so the client talks to the real server.
 */
export class ConnectionCutter {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Starts relaying to `targetUrl` (https://host:port) on a free loopback port. */
  static async start(targetUrl: string): Promise<ConnectionCutter> {
    const url = new URL(targetUrl);
    const probe = net.createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise(resolve => probe.close(resolve));
    const cutter = new ConnectionCutter(
      { host: url.hostname, port: Number(url.port) },
      port,
    );
    await cutter.restore();
    return cutter;
  }

  /** The URL to give the client instead of the server's. */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Resets every open connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise(resolve => server.close(resolve));
  }

  /** Accepts connections again on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = net.createServer(client => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end);
      upstream.on('close', end);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }
}
