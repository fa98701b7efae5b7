// The projector's font stack (system fonts: nothing to download).
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
