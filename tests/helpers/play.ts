// Drives a phone page through whatever question is open, the way a student would: by the
// accessible names of the controls.
import type { Page } from 'playwright-core';

export async function answerWhateverIsOpen(page: Page): Promise<void> {
  const send = page.getByRole('button', { name: /^(Send answer|Enviar respuesta)$/ });
  // buttons only: the reveal shows the student's own pick as a .answer tile too (a span)
  const answer = page.locator('#game button.answer');
  const order = page.locator('#game .order-item');
  const slider = page.locator('#game input[type=range]');
  // One wait for whichever control the question has: racing three waits left the losers pending,
  // and each rejected on its own 30 s later as an unhandled error (only seen on a busy machine,
  // where the test outlives them). The question's own time (QUESTION_SECONDS) bounds it.
  try {
    await page.locator('#game button.answer, #game .order-item, #game input[type=range]').first().waitFor({ timeout: 120_000 });
  } catch (err) {
    // say what the phone shows instead, so a failure can be read
    const shown = await page.locator('body').innerText().catch(() => '(page gone)');
    throw new Error(`no question control on the phone; it shows: ${shown.replace(/\s+/g, ' ').slice(0, 400)}`, { cause: err });
  }
  if (await order.count()) {
    for (let i = 0; i < (await order.count()); i++) await order.nth(i).click();
    await send.click();
  } else if (await slider.count()) {
    // the slider starts with no value: type one (its minimum) first
    await page.locator('#game input.num').fill((await slider.getAttribute('min')) ?? '0');
    await send.click();
  } else {
    await answer.first().click();
    if (await send.count()) await send.click();
  }
}
