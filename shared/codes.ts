// Numeric codes on the wire (join refusals, close codes). Kept apart from protocol.ts's zod
// validators so that pages can import them without bundling the validation library.

/** Error codes of a refused join (the SDK's ServerError.code), which the pages translate. */
export const JOIN_ERROR = {
  bad_name: 4400,
  locked: 4401,
  name_taken: 4402,
  name_banned: 4403,
  seat: 4404,
  ended: 4405,
  game_full: 4406,
  bad_host: 4407,
  bad_request: 4408,
  /**
   * Too many joins from the client's address (the matchmaker's per-address limits). The refusal
   * is an HTTP 429 from the matchmaker, and the SDK reports the HTTP status as the error's code.
   */
  too_many: 429,
  name_offensive: 4409,
  name_reserved: 4410,
  names_generated: 4411,
} as const;

/** Close codes the room uses when it removes a client itself. */
export const CLOSE = {
  kicked: 4100,
  seatTaken: 4101,
  gameOver: 4102,
  /** A message over the size limit, or too many messages a second: refused in words, then closed. */
  tooLarge: 4103,
  flood: 4104,
} as const;
