// What the projector has drawn, read by bench:projector and the end-to-end tests through
// window.uaProjector (the director publishes it): frames of the full view, frames of the traffic
// layer, and texts that had to be cut to fit (none should).
export const projectorStats = {
  frames: 0,
  trafficFrames: 0,
  overflows: [] as string[],
};
