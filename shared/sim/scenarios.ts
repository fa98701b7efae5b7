// The built-in scenario cards: each teaches one topic of the talk through a scripted
// traffic curve and timeline of faults, with the response a good team plays and an
// obviously harmful one. Times are simulated seconds (1 tick = 1 s; a 2400-tick card is
// a 4-minute round at 10 Hz covering 40 minutes of service time).
import type { ActionLogEntry, ScenarioCard } from './types.ts';

const BASE_TRAFFIC: ScenarioCard['traffic'] = {
  baseRps: 1000,
  curve: [[0, 0.9], [1200, 1], [2400, 0.95]],
  staticShare: 0.4,
  writeShare: 0.1,
  paymentShare: 0.05,
  noise: 0.05,
};

const BASE_SETUP: ScenarioCard['setup'] = { zoneA: 3, zoneB: 3, cdn: true, replicas: 1, selfHealing: true };

/** Everything switched off at minute one: the response that must always lose. */
const SCALE_TO_ZERO: readonly ActionLogEntry[] = [
  { tick: 60, action: { type: 'scale', zone: 'a', count: 0 } },
  { tick: 60, action: { type: 'scale', zone: 'b', count: 0 } },
];

type CardInput = Omit<ScenarioCard, 'traffic' | 'setup' | 'durationTicks' | 'harmful'> & {
  traffic?: Partial<ScenarioCard['traffic']>;
  setup?: Partial<ScenarioCard['setup']>;
  durationTicks?: number;
  harmful?: readonly ActionLogEntry[];
};

function card(c: CardInput): ScenarioCard {
  return {
    ...c,
    durationTicks: c.durationTicks ?? 2400,
    traffic: { ...BASE_TRAFFIC, ...c.traffic },
    setup: { ...BASE_SETUP, ...c.setup },
    harmful: c.harmful ?? SCALE_TO_ZERO,
  };
}

export const SCENARIOS: readonly ScenarioCard[] = [
  card({
    id: 'single-server',
    topic: 'centralized',
    title: { es: 'Un solo servidor', en: 'One server' },
    description: {
      es: 'Todo corre en una única máquina. Funciona… hasta que se cae, y nadie la reemplaza.',
      en: 'Everything runs on one machine. It works… until it crashes, and nothing replaces it.',
    },
    concept: {
      es: 'Un sistema centralizado tiene un punto único de fallo; repartir el servicio en varias instancias y zonas lo elimina.',
      en: 'A centralized system has a single point of failure; spreading the service over several instances and zones removes it.',
    },
    traffic: { baseRps: 150 },
    setup: { zoneA: 1, zoneB: 0, replicas: 0, selfHealing: false },
    timeline: [{ at: 700, event: { type: 'instance-crash', zone: 'a' } }],
    recommended: [
      { tick: 30, action: { type: 'scale', zone: 'a', count: 2 } },
      { tick: 30, action: { type: 'scale', zone: 'b', count: 2 } },
      { tick: 720, action: { type: 'restart', zone: 'a' } },
    ],
  }),
  card({
    id: 'premiere-spike',
    topic: 'scalability',
    title: { es: 'Noche de estreno', en: 'Premiere night' },
    description: {
      es: 'Se estrena la serie más esperada: el tráfico se triplica en dos minutos y dura un buen rato.',
      en: 'The most awaited series premieres: traffic triples within two minutes and stays there.',
    },
    concept: {
      es: 'Escalar horizontalmente (más instancias, autoescalado) y servir lo estático desde la CDN absorbe picos; las instancias tardan en arrancar, así que hay que anticiparse.',
      en: 'Scaling out (more instances, autoscaling) and serving static files from the CDN absorb spikes; instances take time to boot, so act ahead.',
    },
    timeline: [{ at: 600, event: { type: 'traffic-spike', factor: 3, rampSec: 120, duration: 900 } }],
    recommended: [
      { tick: 500, action: { type: 'autoscale', on: true, target: 0.6 } },
      { tick: 540, action: { type: 'scale', zone: 'a', count: 7 } },
      { tick: 540, action: { type: 'scale', zone: 'b', count: 7 } },
      { tick: 560, action: { type: 'add-replica' } },
    ],
    harmful: [{ tick: 620, action: { type: 'cdn', on: false } }],
  }),
  card({
    id: 'chaos-monkey',
    topic: 'fault-tolerance',
    title: { es: 'Chaos Monkey', en: 'Chaos Monkey' },
    description: {
      es: 'Alguien apaga instancias al azar, como hace Netflix a propósito. ¿Aguanta el servicio?',
      en: 'Someone kills instances at random, as Netflix does on purpose. Does the service hold?',
    },
    concept: {
      es: 'Con redundancia una caída no se nota; el balanceador sigue enviando tráfico a la instancia muerta hasta que los health checks la detectan.',
      en: 'With redundancy a crash goes unnoticed; the load balancer keeps sending traffic to the dead instance until health checks notice.',
    },
    traffic: { baseRps: 1000 },
    setup: { zoneA: 2, zoneB: 2 },
    timeline: [
      { at: 500, event: { type: 'instance-crash', zone: 'a', count: 2 } },
      { at: 1200, event: { type: 'instance-crash', zone: 'b', count: 2 } },
      { at: 1800, event: { type: 'instance-crash', zone: 'a', count: 1 } },
    ],
    recommended: [
      { tick: 60, action: { type: 'scale', zone: 'a', count: 3 } },
      { tick: 60, action: { type: 'scale', zone: 'b', count: 3 } },
      { tick: 503, action: { type: 'restart', zone: 'a' } },
      { tick: 503, action: { type: 'restart', zone: 'a' } },
      { tick: 1203, action: { type: 'restart', zone: 'b' } },
      { tick: 1203, action: { type: 'restart', zone: 'b' } },
    ],
  }),
  card({
    id: 'bad-deploy',
    topic: 'deployment',
    title: { es: 'Despliegue defectuoso', en: 'Bad deploy' },
    description: {
      es: 'Sale una versión nueva. A los pocos segundos suben los errores y la latencia.',
      en: 'A new release goes out. Seconds later errors and latency climb.',
    },
    concept: {
      es: 'Tras un despliegue, lo primero es volver a la versión anterior (rollback); un despliegue gradual limita el daño.',
      en: 'After a deploy goes wrong, roll back first and investigate later; a gradual rollout limits the harm.',
    },
    traffic: { baseRps: 900 },
    timeline: [{ at: 600, event: { type: 'bad-deploy', errorRate: 0.3, latencyFactor: 1.6, rolloutSec: 60 } }],
    recommended: [{ tick: 630, action: { type: 'rollback' } }],
  }),
  card({
    id: 'retry-storm',
    topic: 'failures',
    title: { es: 'Tormenta de reintentos', en: 'Retry storm' },
    description: {
      es: 'La base de datos falla 20 segundos. Vuelve, pero el servicio no se recupera.',
      en: 'The database fails for 20 seconds. It comes back, but the service does not recover.',
    },
    concept: {
      es: 'Los clientes reintentan los fallos y multiplican la carga; las colas llenas hacen que todo llegue tarde. Descartar carga a propósito (rate limiting) rompe el círculo.',
      en: 'Clients retry failures and multiply the load; full queues make every answer late. Shedding load on purpose (rate limiting) breaks the loop.',
    },
    traffic: { baseRps: 1300 },
    setup: { replicas: 0, maxRetries: 3, queueMaxSec: 10 },
    timeline: [{ at: 600, event: { type: 'db-primary-failure', duration: 20 } }],
    recommended: [
      { tick: 625, action: { type: 'rate-limit', rps: 900 } },
      { tick: 625, action: { type: 'scale', zone: 'a', count: 4 } },
      { tick: 625, action: { type: 'scale', zone: 'b', count: 4 } },
      { tick: 700, action: { type: 'rate-limit', rps: 0 } },
    ],
  }),
  card({
    id: 'cold-cache',
    topic: 'performance',
    title: { es: 'Caché fría', en: 'Cold cache' },
    description: {
      es: 'Se reinicia el clúster de caché en hora punta: todas las lecturas van a la base de datos.',
      en: 'The cache cluster restarts at peak time: every read goes to the database.',
    },
    concept: {
      es: 'Una caché vacía deja pasar toda la carga a la base de datos (estampida); precalentarla y añadir réplicas de lectura evita la degradación.',
      en: 'An empty cache lets the whole load through to the database (a stampede); warming it and adding read replicas prevents the degradation.',
    },
    setup: { replicas: 0 },
    traffic: { baseRps: 1100 },
    timeline: [{ at: 600, event: { type: 'cache-flush' } }],
    recommended: [
      { tick: 605, action: { type: 'warm-cache' } },
      { tick: 605, action: { type: 'add-replica' } },
      { tick: 606, action: { type: 'rate-limit', rps: 500 } },
      { tick: 640, action: { type: 'rate-limit', rps: 0 } },
    ],
  }),
  card({
    id: 'db-failover',
    topic: 'fault-tolerance',
    title: { es: 'Cae la base de datos principal', en: 'The primary database fails' },
    description: {
      es: 'El servidor primario de la base de datos deja de responder. Las escrituras fallan.',
      en: 'The primary database server stops answering. Writes fail.',
    },
    concept: {
      es: 'Con una réplica, promoverla a primaria (failover) recupera las escrituras en segundos; sin réplica hay que restaurar una copia de seguridad.',
      en: 'With a replica, promoting it to primary (failover) restores writes in seconds; without one you must restore a backup.',
    },
    timeline: [{ at: 600, event: { type: 'db-primary-failure' } }],
    recommended: [
      { tick: 620, action: { type: 'failover' } },
      { tick: 700, action: { type: 'add-replica' } },
    ],
  }),
  card({
    id: 'zone-partition',
    topic: 'protocols',
    title: { es: 'Partición de red entre zonas', en: 'Network partition between zones' },
    description: {
      es: 'Las dos zonas dejan de verse. La zona B no llega a la base de datos principal.',
      en: 'The two zones lose sight of each other. Zone B cannot reach the primary database.',
    },
    concept: {
      es: 'En una partición cada lado sólo alcanza lo suyo y las llamadas esperan hasta el timeout; sacar del balanceo la zona aislada y crecer en la otra mantiene el servicio.',
      en: 'In a partition each side reaches only its own nodes and calls wait until they time out; draining the cut-off zone and growing the other keeps the service up.',
    },
    traffic: { baseRps: 900 },
    timeline: [{ at: 600, event: { type: 'partition', duration: 900 } }],
    recommended: [
      { tick: 615, action: { type: 'scale', zone: 'a', count: 6 } },
      { tick: 615, action: { type: 'drain', zone: 'b', on: true } },
      { tick: 1520, action: { type: 'drain', zone: 'b', on: false } },
      { tick: 1560, action: { type: 'scale', zone: 'a', count: 3 } },
    ],
  }),
  card({
    id: 'slow-dependency',
    topic: 'fault-tolerance',
    title: { es: 'La pasarela de pagos va lenta', en: 'The payments API is slow' },
    description: {
      es: 'El proveedor de pagos tarda segundos en responder. Poco a poco todo el sitio se vuelve lento.',
      en: 'The payments provider takes seconds to answer. Bit by bit the whole site slows down.',
    },
    concept: {
      es: 'Una dependencia lenta acapara los hilos del servidor y arrastra todo lo demás; un circuit breaker falla rápido y protege el resto del servicio.',
      en: 'A slow dependency hogs the server’s workers and drags everything else down; a circuit breaker fails fast and protects the rest of the service.',
    },
    traffic: { baseRps: 1000 },
    timeline: [{ at: 600, event: { type: 'dependency', latencyMs: 8000, errorRate: 0, duration: 1200 } }],
    recommended: [{ tick: 620, action: { type: 'circuit-breaker', on: true } }],
  }),
  card({
    id: 'memory-leak',
    topic: 'maintenance',
    title: { es: 'Fuga de memoria', en: 'Memory leak' },
    description: {
      es: 'La última versión pierde memoria: las instancias se vuelven lentas y el sistema las mata una a una.',
      en: 'The latest release leaks memory: instances slow down and get killed one by one.',
    },
    concept: {
      es: 'Una fuga degrada poco a poco; reiniciar ganas tiempo, volver a la versión anterior lo arregla. Los reinicios automáticos esconden el problema.',
      en: 'A leak degrades slowly; restarts buy time, rolling back fixes it. Automatic restarts hide the problem.',
    },
    traffic: { baseRps: 1000 },
    timeline: [{ at: 300, event: { type: 'memory-leak', perSec: 0.004 } }],
    recommended: [
      { tick: 420, action: { type: 'rollback' } },
      { tick: 425, action: { type: 'lb-policy', policy: 'least-connections' } },
    ],
  }),
  card({
    id: 'bot-flood',
    topic: 'protocols',
    title: { es: 'Avalancha de bots', en: 'Bot flood' },
    description: {
      es: 'Miles de peticiones por segundo de bots que prueban contraseñas. Los usuarios reales no consiguen entrar.',
      en: 'Thousands of requests per second from bots trying passwords. Real users cannot get in.',
    },
    concept: {
      es: 'Un 429 (demasiadas peticiones) es un rechazo deliberado que protege el servicio; un 503 es que el servicio ya no puede más. Bloquear el tráfico abusivo es más fino que limitar a todos.',
      en: 'A 429 (too many requests) is a deliberate refusal that protects the service; a 503 means it can take no more. Blocking abusive traffic is finer than limiting everyone.',
    },
    traffic: { baseRps: 900 },
    timeline: [{ at: 600, event: { type: 'bot-flood', rps: 2500, duration: 1200 } }],
    recommended: [
      { tick: 610, action: { type: 'rate-limit', rps: 1100 } },
      { tick: 612, action: { type: 'block-abuse', on: true } },
      { tick: 640, action: { type: 'rate-limit', rps: 0 } },
    ],
    harmful: [{ tick: 610, action: { type: 'rate-limit', rps: 50 } }],
  }),
  card({
    id: 'node-upgrade',
    topic: 'maintenance',
    title: { es: 'Actualización de nodos', en: 'Node upgrade' },
    description: {
      es: 'Aviso: en cinco minutos se reinician los nodos de la zona A para actualizar el kernel.',
      en: 'Notice: in five minutes zone A’s nodes reboot for a kernel upgrade.',
    },
    concept: {
      es: 'El mantenimiento planificado no debe causar caídas: mover la base de datos principal, drenar los nodos antes (como kubectl drain) y tener capacidad en otro sitio.',
      en: 'Planned maintenance should cause no outage: move the primary database away, drain the nodes first (like kubectl drain) and have capacity elsewhere.',
    },
    traffic: { baseRps: 1000 },
    timeline: [{ at: 900, announce: 300, event: { type: 'zone-outage', zone: 'a', duration: 240 } }],
    recommended: [
      { tick: 610, action: { type: 'failover' } },
      { tick: 620, action: { type: 'scale', zone: 'b', count: 6 } },
      { tick: 640, action: { type: 'add-replica' } },
      { tick: 680, action: { type: 'drain', zone: 'a', on: true } },
      { tick: 1160, action: { type: 'drain', zone: 'a', on: false } },
      { tick: 1200, action: { type: 'scale', zone: 'b', count: 3 } },
    ],
  }),
  card({
    id: 'config-push',
    topic: 'testing',
    title: { es: 'Un cambio de configuración sin probar', en: 'An untested configuration change' },
    description: {
      es: 'Alguien cambia la configuración del balanceador a mano, sin pasar por CI. Todas las peticiones fallan.',
      en: 'Someone edits the load balancer’s configuration by hand, bypassing CI. Every request fails.',
    },
    concept: {
      es: 'Un error en un solo salto tumba todo; la integración continua prueba también la configuración, y revertir el último cambio es el arreglo más rápido.',
      en: 'One broken hop fails everything; continuous integration tests configuration too, and reverting the last change is the quickest fix.',
    },
    timeline: [{ at: 600, event: { type: 'config-error', hop: 'lb' } }],
    recommended: [
      { tick: 612, action: { type: 'ack' } },
      { tick: 612, action: { type: 'diagnose' } },
      { tick: 623, action: { type: 'rollback' } },
    ],
  }),
  card({
    id: 'silent-slowdown',
    topic: 'monitoring',
    title: { es: 'Lento, casi sin errores', en: 'Slow, hardly any errors' },
    description: {
      es: 'Casi no hay errores, pero los usuarios se quejan. Sólo las alertas sobre el SLO lo muestran.',
      en: 'There are hardly any errors, but users complain. Only the SLO alerts show it.',
    },
    concept: {
      es: 'Medir sólo errores no basta: un SLO de latencia y alertas por tasa de consumo del presupuesto de errores detectan la degradación silenciosa.',
      en: 'Counting errors is not enough: a latency SLO and error-budget burn-rate alerts catch a silent degradation.',
    },
    traffic: { baseRps: 600 },
    setup: { sloLatencyMs: 200 },
    timeline: [{ at: 600, event: { type: 'bad-deploy', errorRate: 0.005, latencyFactor: 2.3, rolloutSec: 120 } }],
    recommended: [
      { tick: 700, action: { type: 'diagnose' } },
      { tick: 712, action: { type: 'rollback' } },
    ],
  }),
  card({
    // A calm card: no scripted fault. The teacher injects the incidents live (a game day,
    // shared/rules/faults.ts); the audit holds it to staying calm when nobody does.
    id: 'game-day',
    topic: 'fault-tolerance',
    title: { es: 'Game day: quien facilita provoca los fallos', en: 'Game day: the facilitator breaks things' },
    description: {
      es: 'Una noche tranquila: tráfico normal y nada programado. Durante la ronda, quien facilita provocará fallos sin avisar. Vigilen los paneles y hablen antes de tocar nada.',
      en: 'A calm evening: normal traffic and nothing scheduled. During the round the facilitator will break things without warning. Watch the dashboards and talk before you touch anything.',
    },
    concept: {
      es: 'Un game day ensaya incidentes a propósito. Para quien facilita: ¿quién lo nota primero, las alertas o los usuarios? ¿El equipo habla antes de actuar? ¿Arregla la causa o sólo el síntoma? ¿Cuánto tarda en detectar y en recuperar?',
      en: 'A game day rehearses incidents on purpose. For the facilitator: who notices first, the alerts or the users? Does the team talk before acting? Does it fix the cause or only the symptom? How long do detection and recovery take?',
    },
    timeline: [],
    recommended: [],
    // "it is calm, save money": one instance per zone cannot carry normal traffic
    harmful: [
      { tick: 120, action: { type: 'scale', zone: 'a', count: 1 } },
      { tick: 120, action: { type: 'scale', zone: 'b', count: 1 } },
    ],
  }),
];

export function getScenario(id: string): ScenarioCard | undefined {
  return SCENARIOS.find((c) => c.id === id);
}
