// Drives a phone page through whatever question is open, the way a student would: by the
// accessible names of the controls.
import type { Page } from 'playwright-core';

export async function answerWhateverIsOpen(page: Page): Promise<void> {
  const send = page.getByRole('button', { name: /^(Send answer|Enviar respuesta)$/ });
  const answer = page.locator('#game .answer');
  const order = page.locator('#game .order-item');
  const slider = page.locator('#game input[type=range]');
  await Promise.race([answer.first().waitFor(), order.first().waitFor(), slider.waitFor()]);
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
