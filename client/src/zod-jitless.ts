// Zod for the pages, without its eval probe. Zod builds fast object parsers with `new Function`
// when a page allows eval, and probes for it when a schema is made; the pages' Content-Security-
// Policy forbids eval (server/http/security-headers.ts), so the probe was refused and reported as
// a violation on every page. jitless parses the same way without generating code.
// client/vite.config.ts resolves 'zod' to this module for every page; the server keeps plain zod.
import * as z from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z };
export default z;
