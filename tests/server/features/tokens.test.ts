// Semantic tokens (decoded to `line:col text type`) and folding ranges, golden `<name>.tokens.txt`.
import path from 'node:path';
import { describe, it } from 'vitest';
import { LineIndex } from '@rubric/grammar';
import { foldingRanges } from '../../../server/src/features/folding.js';
import { LEGEND, semanticTokens } from '../../../server/src/features/semantic-tokens.js';
import { golden } from '../../helpers/fixtures.js';
import { checkedOf, fixturesIn, loadFixture } from '../helpers/fixture.js';

describe('semantic tokens and folding', () => {
  for (const file of fixturesIn('tokens')) {
    it(path.basename(file), () => {
      const fx = loadFixture(file);
      const doc = checkedOf(fx);
      const { data } = semanticTokens(doc);
      const lines = new LineIndex(fx.text);
      const out: string[] = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i]!;
        char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
        const start = lines.offset(line, char);
        const mods = data[i + 4]! ? ` +${LEGEND.tokenModifiers.filter((_, b) => data[i + 4]! & (1 << b)).join('+')}` : '';
        out.push(`${line + 1}:${char + 1} ${JSON.stringify(fx.text.slice(start, start + data[i + 2]!))} ${LEGEND.tokenTypes[data[i + 3]!]}${mods}`);
      }
      out.push('', 'folding:', ...foldingRanges(doc).map((f) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`));
      golden(file.replace(/\.rubric$/, '.tokens.txt'), out.join('\n') + '\n');
    });
  }
});
