// The podium's line on whether speed counted: said for 'all', 'some' and 'none' in es and en, on
// one line at the legible size in the strip under the podium blocks; nothing before any question.
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { CATALOGS } from '../../shared/i18n/index.ts';
import { t } from '../../client/src/i18n.ts';
import { tableMeasure as measure } from '../helpers/measure.ts';
import { READ_MIN } from '../../client/src/scenes/host/layout/text.ts';
import { layoutSpeedLine, SPEED_LINE_BOX } from '../../client/src/scenes/host/layout/podium.ts';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: CATALOGS.en }, es: { translation: CATALOGS.es } }, interpolation: { escapeValue: false } });
});

describe('podium speed line', () => {
  for (const lang of ['es', 'en'] as const) {
    it.each(['all', 'some', 'none'] as const)(`${lang}: %s fits on one line at the legible size`, async (counted) => {
      await i18next.changeLanguage(lang);
      const line = layoutSpeedLine(measure, counted, (k) => t(k))!;
      expect(line.text).toBe(CATALOGS[lang].classroom[`speed${counted[0]!.toUpperCase()}${counted.slice(1)}` as 'speedAll']);
      expect(line.fit.fits).toBe(true);
      expect(line.fit.lines).toHaveLength(1);
      expect(line.fit.size).toBeGreaterThanOrEqual(READ_MIN);
      expect(measure(line.fit.lines[0]!, line.fit.size, line.bold)).toBeLessThanOrEqual(SPEED_LINE_BOX.width);
    });
  }

  it('says nothing before any scored question', () => {
    expect(layoutSpeedLine(measure, '', (k) => t(k))).toBeNull();
  });
});
