// The built-in scenario cards: each teaches one topic of the talk through a scripted traffic
// curve and timeline of faults, with the response a good team plays — written as a class plays
// it: nothing in the round's first 10 real seconds, no reaction earlier than 10 real seconds
// after the first symptom a phone shows — and a plausible mistake of that card (`harmful`).
// Times are simulated seconds = ticks; at the live pace (2 ticks per real second) a 480-tick
// card is a 4-minute round, and 20 ticks are a class's 10 real seconds.
// `npm run sim -- --audit` checks every card against doing nothing and generic shortcuts.
import type { ScenarioCard } from './types.ts';

/** The round: 480 ticks (4 real minutes); the fault comes at 120 (one real minute in). */
const ROUND = 480;
const FAULT = 120;
/** A class's reaction: 10 real seconds at the live pace. */
const REACT = 20;

const BASE_TRAFFIC: ScenarioCard['traffic'] = {
  baseRps: 1000,
  curve: [[0, 0.9], [240, 1], [480, 0.95]],
  staticShare: 0.4,
  writeShare: 0.1,
  paymentShare: 0.05,
  noise: 0.05,
};

const BASE_SETUP: ScenarioCard['setup'] = { zoneA: 3, zoneB: 3, cdn: true, replicas: 1, selfHealing: true };

type CardInput = Omit<ScenarioCard, 'traffic' | 'setup' | 'durationTicks'> & {
  traffic?: Partial<ScenarioCard['traffic']>;
  setup?: Partial<ScenarioCard['setup']>;
  durationTicks?: number;
};

function card(c: CardInput): ScenarioCard {
  return {
    ...c,
    durationTicks: c.durationTicks ?? ROUND,
    traffic: { ...BASE_TRAFFIC, ...c.traffic },
    setup: { ...BASE_SETUP, ...c.setup },
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
    timeline: [{ at: 160, event: { type: 'instance-crash', zone: 'a' } }],
    recommended: [
      { tick: 40, action: { type: 'scale', zone: 'a', count: 2 } },
      { tick: 40, action: { type: 'scale', zone: 'b', count: 2 } },
      { tick: 160 + 1 + REACT, action: { type: 'restart', zone: 'a' } },
    ],
    // "restart it before the peak, to be safe": the lone server is down while it boots, and still crashes
    harmful: [{ tick: 40, action: { type: 'restart', zone: 'a' } }],
  }),
  card({
    id: 'premiere-spike',
    topic: 'scalability',
    title: { es: 'Noche de estreno', en: 'Premiere night' },
    description: {
      es: 'A los tres minutos de servicio se estrena la serie más esperada: el tráfico se triplica en un minuto y dura un buen rato.',
      en: 'Three minutes into service the most awaited series premieres: traffic triples within a minute and stays there.',
    },
    concept: {
      es: 'Escalar horizontalmente (más instancias, autoescalado) y servir lo estático desde la CDN absorbe picos; las instancias tardan en arrancar y el autoescalado reacciona con retraso, así que hay que anticiparse.',
      en: 'Scaling out (more instances, autoscaling) and serving static files from the CDN absorb spikes; instances take time to boot and autoscaling reacts late, so act ahead.',
    },
    timeline: [{ at: 180, event: { type: 'traffic-spike', factor: 3, rampSec: 60, duration: 180 } }],
    recommended: [
      { tick: 60, action: { type: 'autoscale', on: true, target: 0.6 } },
      { tick: 120, action: { type: 'scale', zone: 'a', count: 8 } },
      { tick: 120, action: { type: 'scale', zone: 'b', count: 8 } },
    ],
    // switching the CDN off as traffic climbs: every image and script now hits the origin
    harmful: [{ tick: 180 + REACT, action: { type: 'cdn', on: false } }],
  }),
  card({
    id: 'chaos-monkey',
    topic: 'fault-tolerance',
    title: { es: 'Chaos Monkey', en: 'Chaos Monkey' },
    description: {
      es: 'Hoy alguien apagará instancias al azar, como hace Netflix a propósito en horario de oficina. ¿Aguanta el servicio?',
      en: 'Today someone will kill instances at random, as Netflix does on purpose during office hours. Does the service hold?',
    },
    concept: {
      es: 'Con capacidad de sobra y autorreparación (el orquestador reemplaza lo que muere) una caída al azar no se nota; sin margen, cada caída satura a las demás hasta que llega el reemplazo.',
      en: 'With spare capacity and self-healing (the orchestrator replaces what dies) a random kill goes unnoticed; without headroom, every kill overloads the rest until the replacement is up.',
    },
    timeline: [
      { at: 100, event: { type: 'instance-crash', zone: 'a', count: 2 } },
      { at: 230, event: { type: 'instance-crash', zone: 'b', count: 2 } },
      { at: 360, event: { type: 'instance-crash', zone: 'a', count: 2 } },
    ],
    recommended: [
      { tick: 40, action: { type: 'scale', zone: 'a', count: 4 } },
      { tick: 40, action: { type: 'scale', zone: 'b', count: 4 } },
    ],
    // cutting cost before chaos day: 2 + 2 leaves no headroom, every kill empties a zone
    harmful: [
      { tick: 40, action: { type: 'scale', zone: 'a', count: 2 } },
      { tick: 40, action: { type: 'scale', zone: 'b', count: 2 } },
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
      es: 'Tras un despliegue que falla, lo primero es volver a la versión anterior (rollback) e investigar después; un despliegue gradual limita el daño.',
      en: 'After a deploy goes wrong, roll back first and investigate later; a gradual rollout limits the harm.',
    },
    traffic: { baseRps: 900 },
    timeline: [{ at: FAULT, event: { type: 'bad-deploy', errorRate: 0.3, latencyFactor: 1.6, rolloutSec: 60 } }],
    recommended: [{ tick: FAULT + 6 + REACT, action: { type: 'rollback' } }],
    // "turn it off and on again": restarted instances come back on the same faulty release
    harmful: [
      { tick: FAULT + 6 + REACT, action: { type: 'restart', zone: 'a' } },
      { tick: FAULT + 6 + REACT, action: { type: 'restart', zone: 'a' } },
      { tick: FAULT + 6 + REACT, action: { type: 'restart', zone: 'b' } },
      { tick: FAULT + 6 + REACT, action: { type: 'restart', zone: 'b' } },
    ],
  }),
  card({
    id: 'retry-storm',
    topic: 'failures',
    title: { es: 'Tormenta de reintentos', en: 'Retry storm' },
    description: {
      es: 'La base de datos se queda colgada 20 segundos. Vuelve, pero el servicio no se recupera.',
      en: 'The database hangs for 20 seconds. It comes back, but the service does not recover.',
    },
    concept: {
      es: 'Los clientes reintentan los fallos y multiplican la carga; con colas largas todo llega tarde y se reintenta otra vez: el fallo se sostiene solo (metaestable). Descartar carga a propósito (rate limiting) vacía las colas y rompe el círculo.',
      en: 'Clients retry failures and multiply the load; with long queues every answer comes too late and is retried again: the failure sustains itself (metastable). Shedding load on purpose (rate limiting) drains the queues and breaks the loop.',
    },
    traffic: { baseRps: 1150 },
    setup: { replicas: 0, maxRetries: 3, queueMaxSec: 10 },
    timeline: [{ at: FAULT, event: { type: 'db-primary-failure', duration: 20, stalled: true } }],
    recommended: [
      { tick: FAULT + 1 + REACT, action: { type: 'rate-limit', rps: 500 } },
      { tick: FAULT + 1 + REACT, action: { type: 'scale', zone: 'a', count: 4 } },
      { tick: FAULT + 1 + REACT, action: { type: 'scale', zone: 'b', count: 4 } },
      { tick: FAULT + 1 + 4 * REACT, action: { type: 'rate-limit', rps: 0 } },
    ],
    // more servers without shedding: the storm outgrows them
    harmful: [
      { tick: FAULT + 1 + REACT, action: { type: 'scale', zone: 'a', count: 4 } },
      { tick: FAULT + 1 + REACT, action: { type: 'scale', zone: 'b', count: 4 } },
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
      es: 'Una caché vacía deja pasar toda la carga a la base de datos (estampida) y se llena sola muy despacio; precargar las claves calientes la recupera en segundos. Una réplica tarda demasiado en crearse para salvar este momento.',
      en: 'An empty cache lets the whole load through to the database (a stampede) and refills only slowly; preloading the hot keys brings it back in seconds. A replica takes too long to build to save this moment.',
    },
    setup: { replicas: 0 },
    traffic: { baseRps: 1100 },
    timeline: [{ at: FAULT, event: { type: 'cache-flush' } }],
    recommended: [{ tick: FAULT + 1 + REACT, action: { type: 'warm-cache' } }],
    // shedding hard "to save the database", and forgetting to lift it
    harmful: [{ tick: FAULT + 1 + REACT, action: { type: 'rate-limit', rps: 250 } }],
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
      es: 'Con una réplica, promoverla a primaria (failover) recupera las escrituras en segundos; sin réplica hay que restaurar una copia de seguridad, que lleva mucho más. Después hay que volver a tener una réplica.',
      en: 'With a replica, promoting it to primary (failover) restores writes in seconds; without one you must restore a backup, which takes far longer. Then get a replica back.',
    },
    timeline: [{ at: FAULT, event: { type: 'db-primary-failure' } }],
    recommended: [
      { tick: FAULT + 1 + REACT, action: { type: 'failover' } },
      { tick: FAULT + 1 + 4 * REACT, action: { type: 'add-replica' } },
    ],
    // confusing the component with the zone: draining zone A (where the primary was) overloads zone B and fixes nothing
    harmful: [{ tick: FAULT + 1 + REACT, action: { type: 'drain', zone: 'a', on: true } }],
  }),
  card({
    id: 'zone-partition',
    topic: 'failures',
    title: { es: 'Partición de red entre zonas', en: 'Network partition between zones' },
    description: {
      es: 'Las dos zonas dejan de verse. La zona B no llega a la base de datos principal.',
      en: 'The two zones lose sight of each other. Zone B cannot reach the primary database.',
    },
    concept: {
      es: 'En una partición (teorema CAP) el lado aislado no puede ser a la vez consistente y disponible: sus escrituras esperan y fallan, sus lecturas pueden estar desactualizadas. Llevar a los usuarios al lado sano (drenar la zona B) y darle capacidad mantiene el servicio.',
      en: 'In a partition (the CAP theorem) the cut-off side cannot be both consistent and available: its writes wait and fail, its reads may be stale. Moving users to the healthy side (draining zone B) and giving it capacity keeps the service up.',
    },
    traffic: { baseRps: 900 },
    timeline: [{ at: FAULT, event: { type: 'partition', duration: 240 } }],
    recommended: [
      { tick: FAULT + 1 + REACT, action: { type: 'scale', zone: 'a', count: 6 } },
      { tick: FAULT + 1 + REACT, action: { type: 'drain', zone: 'b', on: true } },
      { tick: FAULT + 240 + 1 + REACT, action: { type: 'drain', zone: 'b', on: false } },
      { tick: FAULT + 240 + 1 + 3 * REACT, action: { type: 'scale', zone: 'a', count: 3 } },
    ],
    // draining the wrong zone: everyone is sent to the side that cannot reach the primary
    harmful: [{ tick: FAULT + 1 + REACT, action: { type: 'drain', zone: 'a', on: true } }],
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
      es: 'Una dependencia lenta acapara los hilos del servidor y arrastra todo lo demás; un circuit breaker falla rápido (esos pagos fallan) y protege el resto del servicio.',
      en: 'A slow dependency hogs the server’s workers and drags everything else down; a circuit breaker fails fast (those payments fail) and protects the rest of the service.',
    },
    traffic: { baseRps: 1000, paymentShare: 0.02 },
    timeline: [{ at: FAULT, event: { type: 'dependency', latencyMs: 8000, errorRate: 0, duration: 240, rampSec: 180 } }],
    recommended: [{ tick: FAULT + 4 + REACT, action: { type: 'circuit-breaker', on: true } }],
    // the classic reaction to hung servers: restart them all; they come back to the same slow dependency
    harmful: [
      ...[0, 1, 2].map(() => ({ tick: FAULT + 4 + REACT, action: { type: 'restart', zone: 'a' } }) as const),
      ...[0, 1, 2].map(() => ({ tick: FAULT + 4 + REACT, action: { type: 'restart', zone: 'b' } }) as const),
    ],
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
      es: 'Una fuga degrada poco a poco; reiniciar gana tiempo, volver a la versión anterior lo arregla. Los reinicios automáticos esconden el problema.',
      en: 'A leak degrades slowly; restarts buy time, rolling back fixes it. Automatic restarts hide the problem.',
    },
    traffic: { baseRps: 1000 },
    setup: { lbPolicy: 'least-connections' },
    timeline: [{ at: 60, event: { type: 'memory-leak', perSec: 0.006 } }],
    recommended: [
      { tick: 190, action: { type: 'rollback' } },
      { tick: 190, action: { type: 'diagnose' } },
    ],
    // "even shares are fairer": round robin keeps sending slow, thrashing instances their full share
    harmful: [{ tick: 190, action: { type: 'lb-policy', policy: 'round-robin' } }],
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
      es: 'Un 429 (demasiadas peticiones) es un rechazo deliberado; un 503 es que el servicio ya no puede más. Un límite global también rechaza a los usuarios reales; bloquear el tráfico abusivo es más fino, aunque se lleva a algunos usuarios por delante: quítenlo cuando pase.',
      en: 'A 429 (too many requests) is a deliberate refusal; a 503 means the service can take no more. A global limit refuses real users too; blocking the abusive traffic is finer, though it catches a few real users: lift it once it is over.',
    },
    traffic: { baseRps: 900 },
    timeline: [{ at: FAULT, event: { type: 'bot-flood', rps: 2500, duration: 240 } }],
    recommended: [
      { tick: FAULT + 1 + REACT, action: { type: 'block-abuse', on: true } },
      { tick: FAULT + 240 + 1 + REACT, action: { type: 'block-abuse', on: false } },
    ],
    // "limit the traffic to what we normally get": a global limit refuses real users and bots alike
    harmful: [{ tick: FAULT + 1 + REACT, action: { type: 'rate-limit', rps: 250 } }],
  }),
  card({
    id: 'node-upgrade',
    topic: 'maintenance',
    title: { es: 'Actualización de nodos', en: 'Node upgrade' },
    description: {
      es: 'Aviso: dentro de dos minutos se reinician los nodos de la zona A para actualizar el kernel. Ahí está también la base de datos principal.',
      en: 'Notice: in two minutes zone A’s nodes reboot for a kernel upgrade. The primary database lives there too.',
    },
    concept: {
      es: 'El mantenimiento planificado no debe causar caídas: mover antes la base de datos principal (un cambio planificado cuesta unos segundos de escrituras), drenar los nodos (como kubectl drain) y tener capacidad en la otra zona.',
      en: 'Planned maintenance should cause no outage: move the primary database first (a planned switchover costs a few seconds of writes), drain the nodes (like kubectl drain) and have capacity in the other zone.',
    },
    traffic: { baseRps: 1000 },
    timeline: [{ at: 240, announce: 120, event: { type: 'zone-outage', zone: 'a', duration: 120 } }],
    recommended: [
      { tick: 120 + REACT, action: { type: 'failover' } },
      { tick: 120 + REACT, action: { type: 'scale', zone: 'b', count: 6 } },
      { tick: 120 + 3 * REACT, action: { type: 'drain', zone: 'a', on: true } },
      { tick: 360 + 1 + REACT, action: { type: 'drain', zone: 'a', on: false } },
      { tick: 360 + 1 + 3 * REACT, action: { type: 'scale', zone: 'b', count: 3 } },
    ],
    // draining the wrong zone ahead of the reboot
    harmful: [{ tick: 120 + 3 * REACT, action: { type: 'drain', zone: 'b', on: true } }],
  }),
  card({
    id: 'config-push',
    topic: 'testing',
    title: { es: 'Un cambio de configuración sin probar', en: 'An untested configuration change' },
    description: {
      es: 'Alguien cambia a mano la configuración del balanceador, sin pasar por CI: la mitad de las peticiones va a un servidor que no existe.',
      en: 'Someone edits the load balancer’s configuration by hand, bypassing CI: half the requests go to a server that does not exist.',
    },
    concept: {
      es: 'Un error en un solo salto afecta a todo lo que pasa por él; la integración continua prueba también la configuración, y revertir el último cambio es el arreglo más rápido.',
      en: 'One broken hop hurts everything that crosses it; continuous integration tests configuration too, and reverting the last change is the quickest fix.',
    },
    timeline: [{ at: FAULT, event: { type: 'config-error', hop: 'lb', share: 0.5 } }],
    recommended: [
      { tick: FAULT + 1 + REACT, action: { type: 'diagnose' } },
      { tick: FAULT + 1 + REACT + 10 + REACT - 3, action: { type: 'ack' } },
      { tick: FAULT + 1 + REACT + 10 + REACT, action: { type: 'rollback' } },
    ],
    // blaming the servers: restarting healthy instances while the balancer is what broke
    harmful: [
      { tick: FAULT + 1 + REACT, action: { type: 'restart', zone: 'a' } },
      { tick: FAULT + 1 + REACT, action: { type: 'restart', zone: 'b' } },
      { tick: FAULT + 1 + REACT, action: { type: 'restart', zone: 'a' } },
      { tick: FAULT + 1 + REACT, action: { type: 'restart', zone: 'b' } },
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
    traffic: { baseRps: 300 },
    setup: { sloLatencyMs: 200 },
    timeline: [{ at: FAULT, event: { type: 'bad-deploy', errorRate: 0.005, latencyFactor: 5, rolloutSec: 60 } }],
    recommended: [
      { tick: 190, action: { type: 'diagnose' } },
      { tick: 190 + 10 + REACT, action: { type: 'rollback' } },
    ],
    // more servers for a slow release: less queueing, but every request still takes too long, and the bill doubles
    harmful: [
      { tick: 190, action: { type: 'scale', zone: 'a', count: 6 } },
      { tick: 190, action: { type: 'scale', zone: 'b', count: 6 } },
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
