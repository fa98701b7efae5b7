// The load balancer: round robin (equal shares) or least connections (shares ∝ capacity) over
// the instances health checks believe are up — including a dead one not yet detected, whose
// share fails at once (least connections even favours it: it has no open connections).
// No instance in rotation, or a broken balancer configuration: everything fails.
import * as K from '../constants.ts';
import type { SimRun } from '../types.ts';
import { capacity } from './instances.ts';
import { B, ensureBuffers, type FlowTick } from './tick.ts';

const APP = K.APP;

/** Fills B.cap (capacity per instance) and B.inflow (the balancer's weights), and f.wsum. */
export function balance(run: SimRun, f: FlowTick): void {
  const fb = run.metrics.failedBy;
  if (run.configError === 'lb') {
    // a broken routing rule: the requests it matches fail (the same ones again on retry)
    const broken = f.admitted * run.configErrorShare;
    f.failed += broken;
    fb.edge += broken;
    f.admitted -= broken;
    f.failedEdge += broken;
    f.admittedEdge -= broken;
  }
  const insts = run.instances;
  const n = insts.length;
  ensureBuffers(n);
  const inflow = B.inflow, cap = B.cap;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const inst = insts[i]!;
    const svc = inst.zone === 0 ? f.svc0 : f.svc1;
    const c = capacity(inst, svc);
    cap[i] = c;
    let w = 0;
    if (!run.drained[inst.zone]) {
      if (inst.state === 'up') w = run.lbPolicy === 'round-robin' ? 1 : c;
      // a dead instance still in rotation answers at once (connection refused): least-connections favours it
      else if (inst.state === 'dead' && !inst.detected) w = run.lbPolicy === 'round-robin' ? 1 : (APP.workers * 1000) / svc;
    }
    inflow[i] = w;
    wsum += w;
  }
  f.wsum = wsum;
  if (wsum <= 0 && f.admitted > 0) {
    f.failed += f.admitted;
    fb.noHealthy += f.admitted;
    f.admitted = 0;
  }
}
