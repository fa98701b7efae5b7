// Random nicknames for the 🎲 button: an adjective and an animal in the page's language that fit
// the nickname limit whole (never cut mid-word), in the order the language puts them.

export function randomNickname(adjectives: readonly string[], animals: readonly string[], lang: string, maxChars: number, random: () => number = Math.random): string {
  const fits: string[] = [];
  for (const a of adjectives) {
    for (const b of animals) {
      const name = lang === 'es' ? `${b} ${a}` : `${a} ${b}`;
      if ([...name].length <= maxChars) fits.push(name);
    }
  }
  if (fits.length > 0) return fits[Math.floor(random() * fits.length)] ?? fits[0]!;
  const short = animals.filter((b) => [...b].length <= maxChars);
  return short[Math.floor(random() * short.length)] ?? 'Player';
}
