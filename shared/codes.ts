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
} as const;

/** Close codes the room uses when it removes a client itself. */
export const CLOSE = { kicked: 4100, seatTaken: 4101, gameOver: 4102 } as const;
