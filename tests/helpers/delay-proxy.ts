// A TCP proxy that adds a fixed one-way delay to every byte, both ways (as `tc netem delay` does
// on a link), so a real SDK client on a real socket sits "far" from a real server. Order is kept:
// every chunk waits the same delay, and Node fires equal timers in the order they were set.
import net from 'node:net';
import { Client, type SeatReservation } from '@colyseus/sdk';

export interface DelayProxy {
  readonly port: number;
  /** ws:// endpoint through the proxy. */
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startDelayProxy(targetPort: number, oneWayMs: number): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(targetPort, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    const relay = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), oneWayMs));
      from.on('end', () => setTimeout(() => to.end(), oneWayMs));
    };
    relay(inbound, outbound);
    relay(outbound, inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    endpoint: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * An SDK client that always opens its socket at its own endpoint (the proxy), even when the
 * server's seat reservation names a public address of its own.
 */
export class ProxiedClient extends Client {
  protected override buildEndpoint(seatReservation: SeatReservation, options?: Record<string, unknown>): string {
    const { publicAddress: _ignored, ...rest } = seatReservation;
    return super.buildEndpoint(rest as SeatReservation, options);
  }
}
