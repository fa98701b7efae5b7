// Per-room measurements the room itself does not report: state patch size and encode time.
// Colyseus 0.18 encodes a patch in Room.broadcastPatch → SchemaSerializer.applyPatches: one
// Encoder.encode() for the changes every client shares, then one Encoder.encodeView() per
// distinct StateView (here: the host's roster). We wrap those two methods on the room's own
// encoder and count bytes only while a broadcast is running (join-time full states are not
// patches). trackRooms() hooks the matchmaker's room handler so no room code has to call us.
import type { Room } from '@colyseus/core';
import type { LiveRooms, ServerMetrics } from '../metrics.ts';

type Bytes = { byteLength: number };
interface EncoderLike {
  encode(...args: unknown[]): Bytes;
  encodeView(...args: unknown[]): Bytes;
}

const INSTRUMENTED = Symbol('ua.instrumented');

export function instrumentRoom(room: Room, metrics: Pick<ServerMetrics, 'patch' | 'patchDuration'>): void {
  const r = room as unknown as { [INSTRUMENTED]?: true; broadcastPatch(): boolean; _serializer?: { encoder?: EncoderLike } };
  if (r[INSTRUMENTED]) return;
  r[INSTRUMENTED] = true;
  let inPatch = false;
  let shared = 0;
  let views = 0;

  const encoder = r._serializer?.encoder;
  if (encoder && typeof encoder.encode === 'function' && typeof encoder.encodeView === 'function') {
    const encode = encoder.encode.bind(encoder);
    const encodeView = encoder.encodeView.bind(encoder);
    encoder.encode = (...args: unknown[]) => {
      const out = encode(...args);
      if (inPatch) shared += out.byteLength;
      return out;
    };
    encoder.encodeView = (...args: unknown[]) => {
      const out = encodeView(...args);
      if (inPatch) views += out.byteLength;
      return out;
    };
  }

  const broadcastPatch = r.broadcastPatch.bind(room);
  r.broadcastPatch = () => {
    inPatch = true;
    shared = 0;
    views = 0;
    const started = performance.now();
    try {
      return broadcastPatch();
    } finally {
      inPatch = false;
      if (shared > 0) {
        metrics.patchDuration(performance.now() - started);
        metrics.patch('shared', shared);
      }
      if (views > 0) metrics.patch('view', views);
    }
  };
}

interface RoomHandlerEvents {
  on(event: 'create' | 'dispose', listener: (room: Room) => void): unknown;
}

/** Keeps the set of live rooms of a handler (for gauges) and instruments each new room. */
export function trackRooms(handler: RoomHandlerEvents, metrics: Pick<ServerMetrics, 'patch' | 'patchDuration'>): LiveRooms {
  const live = new Set<Room>();
  handler.on('create', (room) => {
    live.add(room);
    instrumentRoom(room, metrics);
  });
  handler.on('dispose', (room) => {
    live.delete(room);
  });
  return { rooms: () => live };
}
